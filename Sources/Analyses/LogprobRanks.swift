import Stats
import StudyData

/// Paper §3.1 (Docs/Methods.md#logprob-ranks): do the base models' own next-token log-probs already
/// rank agency and communion nouns the way their reward models do?
/// A pure function of two log-prob tables and the dictionary.
public enum LogprobRanks {
    public struct Model: Sendable {
        public var name: String
        public var displayName: String
        public var table: LogprobTable
        public init(name: String, displayName: String, table: LogprobTable) {
            self.name = name; self.displayName = displayName; self.table = table
        }
    }

    public static func analyse(label: String, a: Model, b: Model, dictionary: CategoryDictionary,
                               prompts: [Prompt]) throws -> LogprobRankPairResult {
        let (bestA, duplicatesA) = try highestPerString(a.table, words: dictionary.categoryOfWord, prompts: prompts)
        let (bestB, duplicatesB) = try highestPerString(b.table, words: dictionary.categoryOfWord, prompts: prompts)
        let categories = dictionary.categories
        // Nouns in both vocabularies, in category then alphabetical order (any fixed order ranks the same).
        let nouns = bestA.keys.filter { bestB[$0] != nil }.sorted { x, y in
            let cx = categories.firstIndex(of: dictionary.categoryOfWord[x]!)!, cy = categories.firstIndex(of: dictionary.categoryOfWord[y]!)!
            return cx != cy ? cx < cy : x < y
        }
        guard categories.allSatisfy({ c in nouns.contains { dictionary.categoryOfWord[$0] == c } }) else {
            throw AnalysisError("\(label): \(a.table.path) and \(b.table.path) share no noun of some category of \(dictionary.id); cannot compare categories")
        }
        let nounCategory = nouns.map { categories.firstIndex(of: dictionary.categoryOfWord[$0]!)! }

        var rows: [LogprobMedianRankRow] = []
        for (model, best) in [(a, bestA), (b, bestB)] {
            for (p, prompt) in prompts.enumerated() {
                let ranks = Ranking.averageRanks(nouns.map { best[$0]![p] }, descending: true)
                for (ci, category) in categories.enumerated() {
                    let r = zip(nounCategory, ranks).filter { $0.0 == ci }.map(\.1)
                    rows.append(LogprobMedianRankRow(prompt: prompt.key, framing: prompt.framing, category: category,
                                                     model: model.name, medianRank: Descriptive.median(r)))
                }
            }
        }

        let framings = Framing.allCases.filter { f in prompts.contains { $0.framing == f } }
        let models = [a.name, b.name]
        let anova = try TypeIIANOVA.fit(response: rows.map(\.medianRank), factors: [
            Factor(name: "category", levels: categories, codes: rows.map { categories.firstIndex(of: $0.category)! }),
            Factor(name: "valence", levels: framings.map(\.rawValue), codes: rows.map { framings.firstIndex(of: $0.framing)! }),
            Factor(name: "model", levels: models, codes: rows.map { models.firstIndex(of: $0.model)! }),
        ]).map { AnovaRow(term: $0.term, sumSq: $0.sumSq, df: $0.df, f: $0.f, p: $0.p) }

        func values(_ model: String, _ category: String, _ framing: Framing) -> [Double] {
            rows.filter { $0.model == model && $0.category == category && $0.framing == framing }.map(\.medianRank)
        }
        var raw: [(String, Framing, WelchTestResult)] = []
        for category in categories {
            for framing in framings {
                raw.append((category, framing, WelchTest.test(values(a.name, category, framing), values(b.name, category, framing))))
            }
        }
        let adjusted = MultipleComparisons.benjaminiHochberg(raw.map(\.2.p))
        let cells = raw.indices.map { i in
            LogprobCellTest(category: raw[i].0, framing: raw[i].1, meanA: raw[i].2.meanX, meanB: raw[i].2.meanY,
                            t: raw[i].2.t, df: raw[i].2.df, p: raw[i].2.p, pFdr: adjusted[i], stars: Significance.stars(adjusted[i]))
        }
        var violins: [LogprobViolin] = []
        for framing in framings {
            for category in categories {
                for model in models {
                    let v = values(model, category, framing)
                    let curve = KernelDensity.curve(v)
                    if !curve.grid.isEmpty {
                        violins.append(LogprobViolin(model: model, framing: framing, category: category, grid: curve.grid, density: curve.density))
                    }
                }
            }
        }
        return LogprobRankPairResult(
            label: label, modelA: a.name, modelB: b.name, displayA: a.displayName, displayB: b.displayName,
            nouns: nouns.count,
            nounsPerCategory: categories.enumerated().map { ci, c in CategoryCount(category: c, count: nounCategory.filter { $0 == ci }.count) },
            duplicatedNounsA: duplicatesA, duplicatedNounsB: duplicatesB, categories: categories,
            medianRanks: rows, anova: anova, cells: cells, violins: violins)
    }

    /// Dictionary words found in a table, each with its per-prompt log-probs;
    /// when several token ids decode to the same word, the highest log-prob
    /// per prompt is kept (a word is one answer, whichever id spells it).
    /// Also returns how many words had more than one id.
    static func highestPerString(_ table: LogprobTable, words: [String: String], prompts: [Prompt]) throws -> ([String: [Double]], Int) {
        let columns = try prompts.map { prompt -> Int in
            guard let c = table.promptKeys.firstIndex(of: prompt.key) else {
                throw AnalysisError("\(table.path) was read without the prompt \(prompt.key)")
            }
            return c
        }
        // Byte-equal matches only (`TokenIndex`): a token canonically
        // equivalent to a word (e.g. with U+212A KELVIN SIGN for "K") is another string.
        let index = TokenIndex(words.keys)
        var best: [String: [Double]] = [:]
        var duplicated = Set<String>()
        for (row, token) in table.tokens.enumerated() {
            guard let id = index.id(of: token) else { continue }
            let word = index.strings[Int(id)]
            let values = columns.map { table.columns[$0][row] }
            if let old = best[word] {
                duplicated.insert(word)
                best[word] = zip(old, values).map { max($0, $1) }
            } else {
                best[word] = values
            }
        }
        return (best, duplicated.count)
    }
}
