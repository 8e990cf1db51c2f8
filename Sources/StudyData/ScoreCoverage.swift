import Foundation

/// Every reward model must score the same dictionary words. A word that one
/// model's table lacks while others score it would silently change what that
/// model's median ranks are computed over, so the build stops and names the
/// file and the word.
enum ScoreCoverage {
    static func check(_ study: LoadedStudy) throws {
        for (id, variants) in study.dictionaries.sorted(by: { $0.key < $1.key }) {
            guard let tables = study.scores[id], tables.count > 1 else { continue }
            var words = Set<String>()
            for d in variants.values { words.formUnion(d.categoryOfWord.keys) }
            let covered = tables.mapValues { Set($0.responses).intersection(words) }
            let union = covered.values.reduce(into: Set<String>()) { $0.formUnion($1) }
            for label in tables.keys.sorted() {
                let missing = union.subtracting(covered[label] ?? [])
                guard let word = missing.min() else { continue }
                let others = covered.filter { $0.value.contains(word) }.keys.sorted()
                throw DataError(path: tables[label]?.path ?? label,
                                message: "expected a score for \(quotedForMessage(word)) (a \(id) dictionary word that \(others.prefix(3).joined(separator: ", "))"
                                + "\(others.count > 3 ? " and \(others.count - 3) more" : "") score\(others.count == 1 ? "s" : ""))"
                                + "\(missing.count > 1 ? " and \(missing.count - 1) more such word\(missing.count == 2 ? "" : "s")" : ""), found none; "
                                + "reward model \(label) would be ranked over fewer words than the others. Add the missing scores, or remove the word from the dictionary")
            }
        }
    }
}
