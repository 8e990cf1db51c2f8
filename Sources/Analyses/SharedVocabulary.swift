// Methods: Docs/Methods.md#token-alignment (a faster route to the same alignment).

import Parallel
import StudyData

/// Every loaded model's tokens for one prompt, interned once, so that the
/// many pairwise alignments of §3.2 (3 tables, 21 Fig. 3 pairs) cost a pass over integer arrays instead of re-hashing 256,000
/// strings per pair. Gives exactly `TokenAlignment.align`'s result: same
/// rules (drop empty strings, keep each string's highest log-prob, inner join
/// in the source's order), strings equal only when their bytes are
/// (`TokenIndex`).
public struct SharedVocabulary: Sendable {
    private var index = TokenIndex()
    /// model → ids of its distinct non-empty strings, in first-listed order.
    private var order: [String: [Int32]] = [:]
    /// model → highest log-prob per id (NaN where the model lacks the string).
    private var best: [String: [Double]] = [:]

    /// Every table of `tables` read with `prompt`, interned in model-name order.
    public init(tables: [String: LogprobTable], prompt: String) async throws {
        var interning = Interning(prompt: prompt, minimumCapacity: tables.values.map(\.tokens.count).max() ?? 0)
        for model in tables.keys.sorted() where tables[model]!.promptKeys.contains(prompt) {
            interning.add(model, tables[model]!)
        }
        self = try await interning.finish()
    }

    private init(index: TokenIndex, order: [String: [Int32]], best: [String: [Double]]) {
        self.index = index; self.order = order; self.best = best
    }

    /// The vocabulary built one table at a time, so the build can intern
    /// each table as it is read (`StudyAnalysis.analyseWhileLoading`) rather
    /// than all of them after the last: the interning is sequential, and the
    /// longest single step of §3. Tables added in the same order give the
    /// same ids; `init(tables:prompt:)` adds them in model-name order.
    public struct Interning: Sendable {
        public let prompt: String
        private var index: TokenIndex
        private var models: [String] = []
        private var tables: [LogprobTable] = []
        /// Each model's row → id (-1 for an empty string).
        private var rowIDs: [[Int32]] = []

        public init(prompt: String, minimumCapacity: Int = 16) {
            self.prompt = prompt
            index = TokenIndex(minimumCapacity: minimumCapacity)
        }

        /// Interns `table`'s tokens; it must have been read with `prompt`.
        public mutating func add(_ model: String, _ table: LogprobTable) {
            precondition(table.promptKeys.contains(prompt), "\(table.path) was read without the prompt \(prompt)")
            if let same = tables.indices.first(where: { TokenIndex.sameBytes(tables[$0].tokens, table.tokens) }) {
                rowIDs.append(rowIDs[same])      // same tokenizer as an earlier model: same ids
            } else {
                rowIDs.append(index.ids(addingNonEmpty: table.tokens))
            }
            models.append(model)
            tables.append(table)
        }

        /// Each model's highest log-prob per string: the per-model passes, in parallel.
        public func finish() async throws -> SharedVocabulary {
            let width = index.count
            let (models, tables, rowIDs, prompt) = (models, tables, rowIDs, prompt)
            let results = try await Parallel.map(models.count) { m -> (first: [Int32], top: [Double]) in
                let table = tables[m]
                let column = table.columns[table.promptKeys.firstIndex(of: prompt)!]
                let values = column.dense ?? Array(column)
                var top = [Double](repeating: .nan, count: width)
                var first: [Int32] = []
                for (row, id) in rowIDs[m].enumerated() where id >= 0 {
                    let v = values[row]
                    if top[Int(id)].isNaN { top[Int(id)] = v; first.append(id) } else if v > top[Int(id)] { top[Int(id)] = v }
                }
                return (first, top)
            }
            var order: [String: [Int32]] = [:], best: [String: [Double]] = [:]
            for (m, model) in models.enumerated() {
                order[model] = results[m].first
                best[model] = results[m].top
            }
            return SharedVocabulary(index: index, order: order, best: best)
        }
    }

    /// Source `a` against target `b`; nil if either was not indexed.
    public func align(_ a: String, _ b: String) -> TokenAlignment? {
        guard let orderA = order[a], let bestA = best[a], let bestB = best[b] else { return nil }
        var out = TokenAlignment(tokens: [], a: [], b: [])
        for id in orderA {
            let vb = bestB[Int(id)]
            guard !vb.isNaN else { continue }
            out.tokens.append(index.strings[Int(id)]); out.a.append(bestA[Int(id)]); out.b.append(vb)
        }
        return out
    }

    /// Labels every interned string once (e.g. "freedom"/"love"/none), so a
    /// per-pair pass only compares small integers.
    public func labels(_ label: (String) -> UInt8) -> [UInt8] {
        index.strings.map(label)
    }

    /// For `a` over `b`: how many strings they share, and the (a, b) log-probs
    /// of the shared strings with a non-zero label, in `a`'s order — what
    /// Fig. 3 needs, without building the whole alignment.
    public func labelledPairs(_ a: String, _ b: String, labels: [UInt8]) -> (common: Int, pairs: [(label: UInt8, a: Double, b: Double)])? {
        guard let orderA = order[a], let bestA = best[a], let bestB = best[b] else { return nil }
        var common = 0
        var pairs: [(label: UInt8, a: Double, b: Double)] = []
        for id in orderA {
            let i = Int(id)
            let vb = bestB[i]
            guard !vb.isNaN else { continue }
            common += 1
            if labels[i] != 0 { pairs.append((labels[i], bestA[i], vb)) }
        }
        return (common, pairs)
    }
}
