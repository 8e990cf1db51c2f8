import Stats
import StudyData

/// Paper §4 token level (Fig. 5, A6, App. G; Docs/Methods.md#token-dynamics): from per-token
/// reward scores at every checkpoint, rank the dictionary's words per
/// checkpoint and measure how they move. Steps per family:
/// normalise each token (`TokenNormalisation`), keep dictionary words,
/// average the scores of a word's variants at each checkpoint (missing scores
/// ignored), drop words left without a score at some checkpoint, rank per
/// checkpoint (highest reward = #1, ties averaged), rank change = first −
/// last rank, Kendall τ-b of each checkpoint against the final and previous.
public enum TokenDynamics {
    public static func analyse(_ loaded: LoadedCheckpoints?, source: TokenDynamicsSource?,
                               dictionary: CategoryDictionary?) -> TokenDynamicsStatus {
        let needs = source?.tables.map(\.name) ?? []
        guard let loaded, let source, let dictionary else {
            return TokenDynamicsStatus(status: .missing, needs: needs, missing: needs)
        }
        let families = loaded.tables.map { family($0, dictionary: dictionary, top: source.top) }
        let status: InputStatus = loaded.missing.isEmpty ? .ok : (families.isEmpty ? .missing : .partial)
        return TokenDynamicsStatus(status: status, needs: needs, missing: loaded.missing, folder: loaded.folder,
                                   simulated: loaded.simulated, families: families)
    }

    public static func family(_ table: CheckpointTable, dictionary: CategoryDictionary, top: Int) -> FamilyTokenDynamics {
        let stepCount = table.steps.count
        // word → sum and count of non-missing variant scores per checkpoint.
        var sums: [String: [Double]] = [:], counts: [String: [Int]] = [:]
        var variants = 0
        for (token, scores) in zip(table.tokens, table.scores) {
            let word = TokenNormalisation.normalise(token)
            guard dictionary.categoryOfWord[word] != nil else { continue }
            variants += 1
            var s = sums[word] ?? Array(repeating: 0, count: stepCount)
            var c = counts[word] ?? Array(repeating: 0, count: stepCount)
            for (k, value) in scores.enumerated() where !value.isNaN { s[k] += value; c[k] += 1 }
            sums[word] = s; counts[word] = c
        }
        var words: [String] = [], dropped: [String] = []
        for word in sums.keys.sorted() {
            if counts[word]!.contains(0) { dropped.append(word) } else { words.append(word) }
        }
        let means = words.map { w in zip(sums[w]!, counts[w]!).map { $0 / Double($1) } }
        // ranksByStep[k][i]: rank of words[i] at checkpoint k.
        let ranksByStep = (0..<stepCount).map { k in Ranking.averageRanks(means.map { $0[k] }, descending: true) }
        let category = { (w: String) in dictionary.categoryOfWord[w] ?? "" }
        let changes = words.indices.map { i -> WordRankChange in
            let first = ranksByStep.first?[i] ?? .nan, last = ranksByStep.last?[i] ?? .nan
            return WordRankChange(word: words[i], category: category(words[i]), firstRank: first, lastRank: last, change: first - last)
        }
        let risers = changes.filter { $0.change > 0 }.sorted { ($0.change, $1.word) > ($1.change, $0.word) }.prefix(top)
        let fallers = changes.filter { $0.change < 0 }.sorted { ($0.change, $0.word) < ($1.change, $1.word) }.prefix(top)
        let kendall = table.steps.indices.map { k -> KendallPoint in
            let vsFinal = KendallTau.tauB(ranksByStep[k], ranksByStep[stepCount - 1])
            let vsPrevious = k == 0 ? Double.nan : KendallTau.tauB(ranksByStep[k - 1], ranksByStep[k])
            return KendallPoint(step: table.steps[k], vsFinal: vsFinal.isNaN ? nil : vsFinal, vsPrevious: vsPrevious.isNaN ? nil : vsPrevious)
        }
        return FamilyTokenDynamics(
            family: table.family, file: table.path, steps: table.steps, tokensRead: table.tokens.count, variantsKept: variants,
            wordsRanked: words.count, wordsDropped: dropped, wordsAbsent: dictionary.categoryOfWord.count - sums.count,
            risers: Array(risers), fallers: Array(fallers), kendall: kendall,
            ranks: words.indices.map { i in WordRanks(word: words[i], category: category(words[i]), ranks: ranksByStep.map { $0[i] }) })
    }
}
