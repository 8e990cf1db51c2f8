import Foundation

/// Every reward model must score the same dictionary words. A word that one
/// model's table lacks while others score it would silently change what that
/// model's median ranks are computed over, so the build stops and names the
/// file and the word.
enum ScoreCoverage {
    static func check(_ study: LoadedStudy) throws {
        for (id, variants) in study.dictionaries.sorted(by: { $0.key < $1.key }) {
            guard let tables = study.scores[id], tables.count > 1 else { continue }
            // Words compared by their bytes, as §2 matches answers to words:
            // String equality would merge canonically equivalent spellings.
            var words = Set<[UInt8]>()
            for d in variants.values { words.formUnion(d.categoryOfWord.keys.map { Array($0.utf8) }) }
            let covered = tables.mapValues { Set($0.responses.map { Array($0.utf8) }).intersection(words) }
            let union = covered.values.reduce(into: Set<[UInt8]>()) { $0.formUnion($1) }
            for label in tables.keys.sorted() {
                let missing = union.subtracting(covered[label] ?? [])
                guard let bytes = missing.min(by: { $0.lexicographicallyPrecedes($1) }) else { continue }
                let word = String(decoding: bytes, as: UTF8.self)
                let found = covered.filter { $0.value.contains(bytes) }
                let others = found.keys.sorted()
                throw DataError(path: tables[label]?.path ?? label,
                                message: "expected a score for \(quotedForMessage(word)) (a \(id) dictionary word that \(others.prefix(3).joined(separator: ", "))"
                                + "\(others.count > 3 ? " and \(others.count - 3) more" : "") score\(others.count == 1 ? "s" : ""))"
                                + "\(missing.count > 1 ? " and \(missing.count - 1) more such word\(missing.count == 2 ? "" : "s")" : ""), found none; "
                                + "reward model \(label) would be ranked over fewer words than the others. Add the missing scores, or remove the word from the dictionary")
            }
        }
    }
}
