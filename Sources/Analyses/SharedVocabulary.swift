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

    public init(tables: [String: LogprobTable], prompt: String) async throws {
        let models = tables.keys.sorted().filter { tables[$0]!.promptKeys.contains(prompt) }
        index = TokenIndex(minimumCapacity: models.map { tables[$0]!.tokens.count }.max() ?? 0)
        // Interning is sequential (ids in model-name then row order, so the
        // same tables give the same ids); the per-model passes run in parallel.
        var rowIDs: [[Int32]] = []
        for (m, model) in models.enumerated() {
            let tokens = tables[model]!.tokens
            if let same = (0..<m).first(where: { TokenIndex.sameBytes(tables[models[$0]]!.tokens, tokens) }) {
                rowIDs.append(rowIDs[same])      // same tokenizer as an earlier model: same ids
            } else {
                rowIDs.append(index.ids(addingNonEmpty: tokens))
            }
        }
        let width = index.count
        let results = try await Parallel.map(models.count) { [rowIDs] m -> (first: [Int32], top: [Double]) in
            let table = tables[models[m]]!
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
        for (m, model) in models.enumerated() {
            order[model] = results[m].first
            best[model] = results[m].top
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
