import Foundation
import StudyData

/// What the study's shared vocabulary holds (no log-prob table needed): how
/// many strings the Gemma and Llama vocabularies share, how many Big Two
/// nouns are among them (§3's noun set), and how many shared strings are
/// Big Two words of any part of speech once trimmed and lower-cased — the
/// token strings §4's median ranks are over ("#1 = best, #N = worst").
public struct VocabularyCountsResult: Codable, Equatable, Sendable {
    /// Rows of the intersection file (one string each).
    public var sharedStrings: Int
    /// Of those, empty strings.
    public var emptyStrings: Int
    /// Nouns of the noun dictionary present, byte for byte, among the shared strings.
    public var sharedNouns: Int
    public var sharedNounsPerCategory: [CategoryCount]
    /// Shared strings that are lower-case (the paper: "82 Big-Two nouns (lowercase)").
    public var sharedNounsLowercase: Int
    /// Shared strings whose trimmed, lower-cased form is a word of the expanded dictionary.
    public var expandedTokenStrings: Int
    /// The distinct expanded-dictionary words those strings spell.
    public var expandedDistinctWords: Int
}

public enum VocabularyCounts {
    public static func analyse(_ v: LoadedVocabulary, nouns: CategoryDictionary) -> VocabularyCountsResult {
        let shared = Set(v.tokens)
        var perCategory: [String: Int] = [:]
        var lowercase = 0
        for (word, category) in nouns.categoryOfWord where shared.contains(word) {
            perCategory[category, default: 0] += 1
            if word == word.lowercased() { lowercase += 1 }
        }
        var expandedTokens = 0
        var words = Set<String>()
        for token in v.tokens {
            let key = Self.trimmedLowercased(token)
            guard v.expandedWords[key] != nil else { continue }
            expandedTokens += 1
            words.insert(key)
        }
        return VocabularyCountsResult(
            sharedStrings: v.tokens.count, emptyStrings: v.tokens.filter(\.isEmpty).count,
            sharedNouns: perCategory.values.reduce(0, +),
            sharedNounsPerCategory: nouns.categories.map { CategoryCount(category: $0, count: perCategory[$0] ?? 0) },
            sharedNounsLowercase: lowercase, expandedTokenStrings: expandedTokens, expandedDistinctWords: words.count)
    }

    /// `token` without leading and trailing Unicode white space and new
    /// lines, lower-cased. Foundation's trimming is slow on the 85,633
    /// shared strings (a sixteenth of a default build's CPU), and almost all
    /// of them begin and end with an ASCII character that is not white
    /// space: nothing can be trimmed from those, so they skip it. Any other
    /// string goes through Foundation, so the result is the same for all.
    static func trimmedLowercased(_ token: String) -> String {
        let utf8 = token.utf8
        if let first = utf8.first, let last = utf8.last,
           isASCIIVisible(first), isASCIIVisible(last) {
            return token.lowercased()
        }
        return token.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// An ASCII byte that is neither white space nor a control character
    /// (U+0021…U+007E): never trimmed.
    private static func isASCIIVisible(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }
}
