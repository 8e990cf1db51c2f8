import Foundation

/// Every reward model must score the same dictionary words. A word that one
/// model's table lacks while others score it would silently change what that
/// model's median ranks are computed over, so the build stops and names the
/// file and the word.
enum ScoreCoverage {
    static func check(_ study: LoadedStudy) throws {
        for (id, variants) in study.dictionaries.sorted(by: { $0.key < $1.key }) {
            guard let tables = study.scores[id], tables.count > 1 else { continue }
            let words = variants.values.flatMap { $0.categoryOfWord.keys }
            guard let gap = firstGap(words: words, responses: tables.mapValues(\.responses)) else { continue }
            let others = gap.scoredBy
            throw DataError(path: tables[gap.model]?.path ?? gap.model,
                            message: "expected a score for \(quotedForMessage(gap.word)) (a \(id) dictionary word that \(others.prefix(3).joined(separator: ", "))"
                            + "\(others.count > 3 ? " and \(others.count - 3) more" : "") score\(others.count == 1 ? "s" : ""))"
                            + "\(gap.missing > 1 ? " and \(gap.missing - 1) more such word\(gap.missing == 2 ? "" : "s")" : ""), found none; "
                            + "reward model \(gap.model) would be ranked over fewer words than the others. Add the missing scores, or remove the word from the dictionary")
        }
    }

    /// A model whose responses lack words that another model scores.
    struct Gap: Equatable {
        /// The first such model by label.
        var model: String
        /// Its missing word that comes first by bytes.
        var word: String
        /// The labels of the models that score that word, sorted.
        var scoredBy: [String]
        /// How many words it lacks that another model scores.
        var missing: Int
    }

    /// The first gap in `responses` (model label → its scored responses) over
    /// `words`, or nil when every model scores the same words. Words and
    /// responses are compared by their bytes, as §2 matches answers to words
    /// (String equality would merge canonically equivalent spellings): each
    /// word is interned once (`TokenIndex`) and each model's coverage is one
    /// flag per word, not a set of byte arrays per model.
    static func firstGap(words: [String], responses: [String: [String]]) -> Gap? {
        var index = TokenIndex()
        for word in words { _ = index.insert(word) }
        let count = index.count
        var covered: [String: [Bool]] = [:]
        var union = [Bool](repeating: false, count: count)
        for (label, answers) in responses {
            var mine = [Bool](repeating: false, count: count)
            for answer in answers {
                if let id = index.id(of: answer) { mine[Int(id)] = true; union[Int(id)] = true }
            }
            covered[label] = mine
        }
        for label in responses.keys.sorted() {
            let mine = covered[label]!
            let missing = (0..<count).filter { union[$0] && !mine[$0] }
            guard let first = missing.min(by: { index.strings[$0].utf8.lexicographicallyPrecedes(index.strings[$1].utf8) }) else { continue }
            return Gap(model: label, word: index.strings[first], scoredBy: covered.filter { $0.value[first] }.keys.sorted(), missing: missing.count)
        }
        return nil
    }
}
