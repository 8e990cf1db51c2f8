import XCTest
@testable import StudyData

/// The rule by which a token reads as a word (Fig. 3's "freedom"/"love"),
/// and its byte prefilter, which must never rule out a match.
final class TokenWordsTests: XCTestCase {
    func testTrimsAsPythonStripAndLowerCases() {
        let words = TokenWords.freedomLove
        XCTAssertEqual(words.word(of: " Freedom\n"), "freedom")
        XCTAssertEqual(words.word(of: "\u{00A0}LOVE\u{3000}"), "love")
        XCTAssertEqual(words.word(of: "\u{1F}Love"), "love", "Python's isspace includes U+001C–U+001F")
        XCTAssertNil(words.word(of: "Love\u{200B}"), "zero-width space is not whitespace")
        XCTAssertNil(words.word(of: "lovely"))
        XCTAssertNil(words.word(of: "free dom"))
        XCTAssertNil(words.word(of: ""))
    }

    /// Non-ASCII letters that lower-case to ASCII (U+212A Kelvin sign → k,
    /// U+0130 → i + U+0307) pass the prefilter, so the exact rule decides.
    func testPrefilterKeepsCharactersThatLowerCaseToASCII() {
        let kilo = TokenWords(["kilo"])
        XCTAssertEqual("\u{212A}ILO".lowercased(), "kilo")
        XCTAssertEqual(kilo.word(of: "\u{212A}ILO"), "kilo")
        XCTAssertEqual(kilo.word(of: " KILO "), "kilo")
        XCTAssertTrue(TokenWords(["i\u{307}s"]).mayRead(bytes: "\u{130}S".utf8))
        XCTAssertFalse(TokenWords.freedomLove.mayRead(bytes: "liberty".utf8))
    }

    /// The prefilter against its definition written plainly (a token may read
    /// as a word iff its ASCII-lower-cased bytes contain the word, or it holds
    /// İ or the Kelvin sign), on random tokens that often nearly contain a
    /// word: the letter-set shortcut must never change the answer.
    func testPrefilterIsExactlyTheSubstringRule() {
        let words = TokenWords(["freedom", "love", "a-b"])
        let needles = ["a-b", "freedom", "love"].map { Array($0.utf8) }
        func reference(_ b: [UInt8]) -> Bool {
            if b.indices.contains(where: { b[$0] == 0xC4 && $0 + 1 < b.count && b[$0 + 1] == 0xB0 }) { return true }
            if b.indices.contains(where: { b[$0] == 0xE2 && $0 + 2 < b.count && b[$0 + 1] == 0x84 && b[$0 + 2] == 0xAA }) { return true }
            let lower = b.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
            return needles.contains { w in lower.count >= w.count && (0...(lower.count - w.count)).contains { Array(lower[$0..<($0 + w.count)]) == w } }
        }
        var rng = SplitMix64(seed: 17)
        let pieces: [[UInt8]] = ["Fre", "edom", "LOV", "e", "lo", "ve", "a", "-", "B", " ", "\u{130}", "\u{212A}", "\u{C4}", "x", "\u{2084}", "o", "d", "m", "r", "f"].map { Array($0.utf8) }
            + [[0xE2, 0x84], [0xAA], [0xC4], [0xB0], [0xFF]]
        var matches = 0
        for _ in 0..<20_000 {
            let token = (0..<Int(rng.next() % 7)).flatMap { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }
            let want = reference(token)
            XCTAssertEqual(words.mayRead(bytes: token), want, "\(token)")
            if want { matches += 1 }
        }
        XCTAssertGreaterThan(matches, 200, "the random tokens hit the words often enough to test both answers")
    }

    /// The two-word test ahead of the letter set: every length up to 17
    /// bytes, the key letter ('v' of "love", 'f' of "freedom") in either case
    /// at every position, the bytes that only look like it once bit 0x20 is
    /// set ('V' | 0x20 is 'v', but 0x56 ^ 0x20 and 0x36 are not), and words
    /// without a letter, for which the test is not used.
    func testTheKeyLetterTestNeverRulesOutAMatch() {
        let words = TokenWords.freedomLove
        for n in 0...17 {
            for position in 0..<max(n, 1) where n > 0 {
                for key in Array("vVfF".utf8) {
                    var token = [UInt8](repeating: UInt8(ascii: "x"), count: n)
                    token[position] = key
                    XCTAssertFalse(words.mayRead(bytes: token), "\(token): a key letter alone is no word")
                }
                for word in ["love", "LoVe", "lOVE", "freedom", "FreeDOM"] where position + word.utf8.count <= n {
                    var token = [UInt8](repeating: UInt8(ascii: "x"), count: n)
                    token.replaceSubrange(position..<(position + word.utf8.count), with: Array(word.utf8))
                    XCTAssertTrue(words.mayRead(bytes: token), "\(token)")
                }
            }
            // Neither letter anywhere: ruled out, whatever else the bytes are.
            let plain = (0..<n).map { k in Array("loe Ldm\u{16}6\u{0}-".utf8)[k % 11] }
            XCTAssertFalse(words.mayRead(bytes: plain), "\(plain)")
        }
        // "love" and "FREEDOM" inside tokens of up to 16 bytes and past them.
        for token in ["love", " Love", "xxxxxxxxxxxxLOVE", "xxxxxxxxxxxxxLOVE", "FREEDOM!", "..........freedom"] {
            XCTAssertTrue(words.mayRead(bytes: Array(token.utf8)), token)
        }
        let dashes = TokenWords(["--"])
        XCTAssertTrue(dashes.mayRead(bytes: Array("x--y".utf8)))
        XCTAssertFalse(dashes.mayRead(bytes: Array("x-y".utf8)))
        for byte in 0...255 {
            for shift in stride(from: 0, to: 64, by: 8) {
                let x = ~(UInt64(0xFF) << UInt64(shift)) | (UInt64(byte) << UInt64(shift))
                XCTAssertEqual(TokenWords.hasZeroByte(x), byte == 0, "byte \(byte) at \(shift)")
            }
        }
        XCTAssertFalse(TokenWords.hasZeroByte(0x0101_0101_0101_0101))
        XCTAssertTrue(TokenWords.hasZeroByte(0))
    }

    /// Past the prefilter, the exact rule alone gives what the whole rule gives.
    func testThePrefilteredRuleIsTheWholeRuleOnTokensThePrefilterLetThrough() {
        let words = TokenWords.freedomLove
        for token in [" Freedom\n", "LOVE", "lovely", "free dom", "\u{1F}Love", "\u{212A}ilo", "xfx", "v", "Love\u{200B}"] {
            guard words.mayRead(bytes: token.utf8) else { continue }
            XCTAssertEqual(words.word(ofPrefiltered: token), words.word(of: token), token)
        }
        XCTAssertEqual(words.word(ofPrefiltered: " Freedom\n"), "freedom")
        XCTAssertNil(words.word(ofPrefiltered: "lovely"))
    }

    /// The substring rule for "freedom" and "love" on ASCII bytes.
    private static func holdsWord(_ bytes: [UInt8]) -> Bool {
        let lower = String(decoding: bytes, as: UTF8.self).lowercased()
        return lower.contains("love") || lower.contains("freedom")
    }
}
