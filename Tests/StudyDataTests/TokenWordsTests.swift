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
}
