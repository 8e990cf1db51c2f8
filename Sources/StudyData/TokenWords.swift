/// Which tokens "read as" a word: the token trimmed as Python's `str.strip()`
/// trims (every character for which `str.isspace()` is true: Unicode
/// White_Space plus the separators U+001C–U+001F) and lower-cased equals the
/// word. Fig. 3 scores the tokens that read as "freedom" and "love" this way
/// (Docs/Methods.md#freedom-love). The rule lives here, beside the reader,
/// because the log-prob loader must pick those rows out while it reads (so
/// Fig. 3 under every prompt needs no second pass over a table), and the
/// analyses must label the same rows with the same rule.
public struct TokenWords: Sendable, Equatable {
    /// The words Fig. 3 scores (and the robustness check of Fig. 3 under every prompt).
    public static let freedomLove = TokenWords(["freedom", "love"])

    /// The words, lower-case.
    public let words: Set<String>
    /// The words' bytes one after another (sorted), word k at `needleStarts[k] ..< needleStarts[k + 1]`:
    /// one flat array, so the per-row scan retains nothing.
    private let needles: [UInt8]
    private let needleStarts: [Int]
    /// Per word, the set of its bytes (bit `Self.byteBits[byte]`): a token
    /// lacking one of them cannot hold the word, which rules out almost every
    /// token after one pass over its bytes.
    private let needleMasks: [UInt64]
    /// Every word is ASCII, so the byte prefilter of `mayRead` is exact.
    private let asciiWords: Bool
    /// Per word, its rarest letter in English text (by `rarity`) in every
    /// byte of a word; nil when a word has no ASCII letter. An ASCII token
    /// holding none of these letters in either case reads as no word: for
    /// tokens of up to 16 bytes that is tested on two words at once, and
    /// rules out most tokens before the byte-by-byte letter set.
    private let keyLetters: [UInt64]?
    /// `byteBits`, held by the value: the static table was reached through a
    /// lazy-initialisation check on every call, a tenth of this scan's time.
    private let bits: [UInt8] = Self.byteBits

    /// Letters from the rarest to the most common in English text.
    private static let rarity = Array("zqxjkvbpygfwmucldrhsnioate".utf8)

    public init(_ words: Set<String>) {
        self.words = Set(words.map { $0.lowercased() })
        let sorted = self.words.sorted().map { Array($0.utf8) }
        needles = sorted.flatMap { $0 }
        needleStarts = sorted.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        needleMasks = sorted.map { $0.reduce(0) { $0 | Self.letterBit($1) } }
        asciiWords = self.words.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }
        let keys = sorted.map { word in Self.rarity.first { word.contains($0) } }
        keyLetters = keys.contains(nil) ? nil : keys.map { UInt64($0!) &* 0x0101_0101_0101_0101 }
    }

    /// The word of `words` the token reads as, or nil.
    public func word(of token: String) -> String? {
        guard !words.isEmpty, mayRead(bytes: token.utf8) else { return nil }
        return word(ofPrefiltered: token)
    }

    /// `word(of:)` for a token whose bytes `mayRead` has already let
    /// through (the log-prob reader asks it on the row's bytes): the exact
    /// rule alone, without scanning the bytes a second time.
    func word(ofPrefiltered token: String) -> String? {
        let word = Self.normalized(token)
        return words.contains(word) ? word : nil
    }

    /// A cheap test that rules out almost every token before the exact (and
    /// slower) Unicode trimming and lower-casing. Why it never rules out a
    /// match: a non-ASCII character lower-cases to ASCII letters only for
    /// U+0130 (İ → i + U+0307) and U+212A (Kelvin sign → k), so a token that
    /// reads as an ASCII word either holds that word's bytes once its ASCII
    /// letters are lower-cased, or holds one of those two characters.
    public func mayRead<Bytes: Sequence>(bytes: Bytes) -> Bool where Bytes.Element == UInt8 {
        guard asciiWords else { return true }
        // Called for every row of a table: no allocation for a String's or an array's own bytes.
        if let found = bytes.withContiguousStorageIfAvailable({ scan($0) }) { return found }
        return Array(bytes).withUnsafeBufferPointer { scan($0) }
    }

    @inline(__always) private static func lower(_ c: UInt8) -> UInt8 { c >= 65 && c <= 90 ? c + 32 : c }
    @inline(__always) private static func letterBit(_ c: UInt8) -> UInt64 { 1 &<< UInt64(byteBits[Int(c)]) }

    /// Each byte's bit in a letter set: a letter's in either case its own
    /// (0–25), a digit its own (26–35), the rest of ASCII shared 26 ways
    /// (36–61), bytes above ASCII two ways (62–63). Any mapping keeps the
    /// prefilter exact (a word's byte in the token sets that byte's bit);
    /// this one keeps the words' letters apart from everything else, so a
    /// token of non-ASCII text or punctuation is ruled out at once (`byte &
    /// 63` put every UTF-8 continuation byte on some letter's bit).
    private static let byteBits: [UInt8] = (0...255).map { byte -> UInt8 in
        let c = lower(UInt8(byte))
        switch c {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return c - UInt8(ascii: "a")
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return 26 + c - UInt8(ascii: "0")
        case 0..<0x80: return 36 + c % 26
        default: return 62 + c % 2
        }
    }

    private func scan(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        if n <= 16, let keyLetters, !Self.mayHoldKeyLetter(UnsafeRawBufferPointer(b), keyLetters) { return false }
        // The letters the token holds, and whether it holds a non-ASCII
        // byte at all: only then is it searched for İ and the Kelvin sign
        // (most tokens are ASCII, and testing every byte for both was most
        // of this scan's time, which every row of a Fig. 3 table pays).
        var present: UInt64 = 0, union: UInt8 = 0
        bits.withUnsafeBufferPointer { bits in
            for c in b { present |= 1 &<< UInt64(bits[Int(c)]); union |= c }
        }
        if union >= 0x80, Self.holdsCapitalDottedIOrKelvinSign(b) { return true }
        let lower = Self.lower
        return needles.withUnsafeBufferPointer { all in
            for word in 0..<(needleStarts.count - 1) {
                let from = needleStarts[word], length = needleStarts[word + 1] - from
                guard n >= length, needleMasks[word] & ~present == 0 else { continue }
                var start = 0
                while start + length <= n {
                    var k = 0
                    while k < length && lower(b[start + k]) == all[from + k] { k += 1 }
                    if k == length { return true }
                    start += 1
                }
            }
            return false
        }
    }

    /// Whether a token of at most 16 bytes may hold one of `keys`' letters in
    /// either case: false only for ASCII bytes none of which is one. Setting
    /// bit 0x20 lower-cases a letter and maps no other byte onto a letter
    /// ('F' and 'f' both become 'f'); the bytes past the token read as 0,
    /// which becomes a space. A non-ASCII byte answers true (the letter set
    /// then decides, İ and the Kelvin sign included).
    @inline(__always)
    private static func mayHoldKeyLetter(_ b: UnsafeRawBufferPointer, _ keys: [UInt64]) -> Bool {
        let n = b.count
        var low: UInt64 = 0, high: UInt64 = 0
        if n >= 8 {
            low = UInt64(littleEndian: b.loadUnaligned(as: UInt64.self))
            if n == 16 { high = UInt64(littleEndian: b.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) }
            else if n > 8 { high = TokenIndex.tailWord(b, from: 8) }
        } else if n > 0 {
            low = TokenIndex.tailWord(b, from: 0)
        }
        guard (low | high) & 0x8080_8080_8080_8080 == 0 else { return true }
        let space: UInt64 = 0x2020_2020_2020_2020
        low |= space; high |= space
        for key in keys where hasZeroByte(low ^ key) || hasZeroByte(high ^ key) { return true }
        return false
    }

    /// Whether some byte of `x` is 0, exactly (no false answer either way):
    /// a byte's top bit survives below only where the byte is 0.
    @inline(__always)
    static func hasZeroByte(_ x: UInt64) -> Bool {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((x & low7) &+ low7) | x | low7) != 0
    }

    /// Whether the bytes hold İ (C4 B0 in UTF-8) or the Kelvin sign (E2 84 AA).
    private static func holdsCapitalDottedIOrKelvinSign(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        for i in 0..<n {
            if b[i] == 0xC4, i + 1 < n, b[i + 1] == 0xB0 { return true }
            if b[i] == 0xE2, i + 2 < n, b[i + 1] == 0x84, b[i + 2] == 0xAA { return true }
        }
        return false
    }

    /// The word a token reads as: trimmed as Python's `str.strip()` and lower-cased.
    public static func normalized(_ token: String) -> String {
        let scalars = Array(token.unicodeScalars)
        var start = 0, end = scalars.count
        while start < end && isPythonSpace(scalars[start]) { start += 1 }
        while end > start && isPythonSpace(scalars[end - 1]) { end -= 1 }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[start..<end])
        return String(out).lowercased()
    }

    static func isPythonSpace(_ s: Unicode.Scalar) -> Bool {
        (0x1C...0x1F).contains(s.value) || s.properties.isWhitespace
    }
}
