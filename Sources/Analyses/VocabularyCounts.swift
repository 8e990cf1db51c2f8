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
    /// One pass over the shared strings. The nouns are looked up in a set of
    /// the (few hundred) nouns rather than the strings in a set of all 85,633
    /// strings: the same nouns are found, without building the large set.
    public static func analyse(_ v: LoadedVocabulary, nouns: CategoryDictionary) -> VocabularyCountsResult {
        var nounsShared = Set<String>()
        var expandedTokens = 0, empty = 0
        var words = Set<String>()
        for token in v.tokens {
            if token.isEmpty { empty += 1 }
            if nouns.categoryOfWord[token] != nil { nounsShared.insert(token) }
            let key = Self.trimmedLowercased(token)
            guard v.expandedWords[key] != nil else { continue }
            expandedTokens += 1
            words.insert(key)
        }
        var perCategory: [String: Int] = [:]
        var lowercase = 0
        for (word, category) in nouns.categoryOfWord where nounsShared.contains(word) {
            perCategory[category, default: 0] += 1
            if word == word.lowercased() { lowercase += 1 }
        }
        return VocabularyCountsResult(
            sharedStrings: v.tokens.count, emptyStrings: empty,
            sharedNouns: perCategory.values.reduce(0, +),
            sharedNounsPerCategory: nouns.categories.map { CategoryCount(category: $0, count: perCategory[$0] ?? 0) },
            sharedNounsLowercase: lowercase, expandedTokenStrings: expandedTokens, expandedDistinctWords: words.count)
    }

    /// `token` without leading and trailing Unicode white space and new
    /// lines, lower-cased. Foundation's trimming is slow on the 85,633
    /// shared strings (a sixth of a default build's analysis CPU went
    /// there), and for nearly all of them the answer is plain once the ASCII
    /// white space at the ends is dropped — a BPE token often starts with a
    /// space (" word"): `trimmedWithoutFoundation` takes those. The rest go
    /// through Foundation, so the result is the same for all.
    static func trimmedLowercased(_ token: String) -> String {
        if let ascii = asciiTrimmedLowercased(token) { return ascii }
        if let trimmed = trimmedWithoutFoundation(token) { return trimmed.lowercased() }
        return token.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// An all-ASCII token with its ASCII white space trimmed and A–Z
    /// lower-cased, byte by byte: on ASCII text that is exactly Foundation's
    /// trimming and `lowercased()` (the tests check every ASCII scalar), and
    /// most tokens come back as they are, without a new string. nil when
    /// the token has a byte beyond ASCII.
    ///
    /// Why: `lowercased()` and the scalar-by-scalar trimming cost some 1,100
    /// instructions per token, a fifth of the analyses' work in a default
    /// build that reads no log-prob table.
    static func asciiTrimmedLowercased(_ token: String) -> String? {
        enum Outcome { case notASCII, asItIs, changed(String) }
        var token = token
        let outcome = token.withUTF8 { bytes -> Outcome in
            var start = 0, end = bytes.count, upper = false
            for b in bytes {
                if b >= 0x80 { return .notASCII }
                if b &- 65 < 26 { upper = true }
            }
            func isSpace(_ b: UInt8) -> Bool { b == 32 || b &- 9 < 5 }   // space, tab, LF, VT, FF, CR
            while start < end, isSpace(bytes[start]) { start += 1 }
            while start < end, isSpace(bytes[end - 1]) { end -= 1 }
            if !upper && start == 0 && end == bytes.count { return .asItIs }
            return .changed(String(unsafeUninitializedCapacity: end - start) { out in
                for k in start ..< end { out[k - start] = bytes[k] &- 65 < 26 ? bytes[k] | 0x20 : bytes[k] }
                return end - start
            })
        }
        switch outcome {
        case .notASCII: return nil
        case .asItIs: return token
        case .changed(let text): return text
        }
    }

    /// `token` without the ASCII white space at its ends, when the scalars
    /// then at its ends cannot be white space (or nothing is left): nothing
    /// more could be trimmed, so this is what Foundation's trimming gives.
    /// Nil when an end may be non-ASCII white space: Foundation decides those.
    static func trimmedWithoutFoundation(_ token: String) -> Substring? {
        let scalars = token.unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, isASCIIWhiteSpace(scalars[start]) { start = scalars.index(after: start) }
        while start < end, isASCIIWhiteSpace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        guard start < end else { return "" }
        if mayBeUnicodeWhiteSpace(scalars[start]) || mayBeUnicodeWhiteSpace(scalars[scalars.index(before: end)]) { return nil }
        return token[start..<end]
    }

    /// The ASCII members of `.whitespacesAndNewlines`: tab, LF, VT, FF, CR
    /// and space (the tests check every ASCII scalar against Foundation).
    static func isASCIIWhiteSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || (0x09...0x0D).contains(scalar.value)
    }

    /// Every non-ASCII scalar that is, or has been in some Unicode version,
    /// white space or a line separator (Zs, U+0085, U+2028/9, the former
    /// Zs U+180E, and the zero-width U+200B and U+FEFF for good measure): a
    /// superset of Foundation's non-ASCII members, which the tests check
    /// over every scalar.
    static func mayBeUnicodeWhiteSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x85, 0xA0, 0x1680, 0x180E, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: return true
        default: return false
        }
    }
}
