import StudyData
import Stats

/// Fig. 5 / A6 and App. G (spec §D.3): how individual Big Two words move
/// during RM training, from per-token scores at every checkpoint. Tokens are
/// normalised (non-ASCII dropped, trimmed, lower-cased) so " Love" and "love"
/// count as one word; their scores are averaged; words are ranked per
/// checkpoint (1 = highest score, ties averaged).
public enum TokenDynamics {
    public static func normalise(_ token: String) -> String {
        var ascii = String.UnicodeScalarView()
        for s in token.unicodeScalars where s.isASCII { ascii.append(s) }
        return String(ascii).trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// `categoryOfWord`: the Big Two nouns and their category.
    public static func analyse(_ tables: [CheckpointTable], expected: [String], categoryOfWord: [String: String], top: Int = 10) -> TokenDynamicsResult {
        let families = tables.map { table -> FamilyTokenDynamics in
            var rowsOfWord: [String: [Int]] = [:]
            for (row, token) in table.tokens.enumerated() {
                let word = normalise(token)
                if categoryOfWord[word] != nil { rowsOfWord[word, default: []].append(row) }
            }
            let words = rowsOfWord.keys.sorted()
            let ranks: [[Double]] = table.scores.map { column in
                let means = words.map { w in Descriptive.mean(rowsOfWord[w]!.map { column[$0] }) }
                return Ranking.averageRanks(means, descending: true)
            }
            let changes = words.indices.map { i in
                RankChange(word: words[i], category: categoryOfWord[words[i]]!, firstRank: ranks.first![i],
                           lastRank: ranks.last![i], change: ranks.first![i] - ranks.last![i])
            }
            let risers = changes.filter { $0.change > 0 }.sorted { ($0.change, $1.word) > ($1.change, $0.word) }.prefix(top)
            let fallers = changes.filter { $0.change < 0 }.sorted { ($0.change, $0.word) < ($1.change, $1.word) }.prefix(top)
            let kendall = table.steps.indices.map { k in
                KendallPoint(step: table.steps[k], vsFinal: KendallTau.tauB(ranks[k], ranks.last!),
                             vsPrevious: k == 0 ? nil : KendallTau.tauB(ranks[k], ranks[k - 1]))
            }
            return FamilyTokenDynamics(family: table.family, file: table.path, words: words.count, steps: table.steps,
                                       risers: Array(risers), fallers: Array(fallers), kendall: kendall)
        }
        let found = Set(tables.map { $0.path.split(separator: "/").last.map(String.init) ?? $0.path })
        let missing = expected.filter { !found.contains($0) }
        return TokenDynamicsResult(status: tables.isEmpty ? "missing" : missing.isEmpty ? "ok" : "partial",
                                   needs: expected, missing: missing, families: families)
    }
}

/// App. G, Fig. 5/A6 results; `status` "missing" when no table was given.
public struct TokenDynamicsResult: Codable, Equatable, Sendable {
    public var status: String
    /// The file names looked for (one per manifest family).
    public var needs: [String]
    public var missing: [String]
    public var families: [FamilyTokenDynamics]
}

public struct FamilyTokenDynamics: Codable, Equatable, Sendable {
    public var family: String
    public var file: String
    public var words: Int
    public var steps: [Int]
    public var risers: [RankChange]
    public var fallers: [RankChange]
    public var kendall: [KendallPoint]
}

/// A word's rank at the first and last checkpoint; `change` = first − last
/// (positive: the word rose towards rank 1).
public struct RankChange: Codable, Equatable, Sendable {
    public var word: String
    public var category: String
    public var firstRank: Double
    public var lastRank: Double
    public var change: Double
}

public struct KendallPoint: Codable, Equatable, Sendable {
    public var step: Int
    public var vsFinal: Double
    public var vsPrevious: Double?
}
