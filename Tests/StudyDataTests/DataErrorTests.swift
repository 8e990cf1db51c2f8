import XCTest
@testable import StudyData

final class DataErrorTests: XCTestCase {

    func testDescriptionIsPathLineColumnMessage() {
        let e = DataError(path: "content/data/x.csv", line: 12, column: 7, message: "expected a number, found \"abc\"")
        XCTAssertEqual(e.description, "content/data/x.csv:12:7: expected a number, found \"abc\"")
        XCTAssertEqual("\(e)", e.description)
    }

    func testDescriptionWithoutColumnOrLine() {
        XCTAssertEqual(DataError(path: "a.csv", line: 1, message: "m").description, "a.csv:1: m")
        XCTAssertEqual(DataError(path: "study.yaml", message: "m").description, "study.yaml: m")
    }

    func testDefaultsAndEquality() {
        let e = DataError(path: "p", message: "m")
        XCTAssertNil(e.line)
        XCTAssertNil(e.column)
        XCTAssertEqual(e, DataError(path: "p", line: nil, column: nil, message: "m"))
        XCTAssertNotEqual(e, DataError(path: "p", line: 1, message: "m"))
    }

    func testQuotedForMessagePlainText() {
        XCTAssertEqual(quotedForMessage("abc"), "\"abc\"")
        XCTAssertEqual(quotedForMessage(""), "\"\"")
        XCTAssertEqual(quotedForMessage("café ☕︎"), "\"café ☕︎\"")
        XCTAssertEqual(quotedForMessage("\u{FFFD}"), "\"\u{FFFD}\"")
    }

    func testQuotedForMessageEscapesQuotesAndBackslashes() {
        XCTAssertEqual(quotedForMessage("a\"b"), "\"a\\\"b\"")
        XCTAssertEqual(quotedForMessage("a\\b"), "\"a\\\\b\"")
    }

    func testQuotedForMessageMakesControlCharactersVisible() {
        XCTAssertEqual(quotedForMessage("\r"), "\"\\r\"")
        XCTAssertEqual(quotedForMessage("a\nb"), "\"a\\nb\"")
        XCTAssertEqual(quotedForMessage("\t"), "\"\\t\"")
        XCTAssertEqual(quotedForMessage("\u{0}"), "\"\\u{0}\"")
        XCTAssertEqual(quotedForMessage("\u{1B}[31m"), "\"\\u{1b}[31m\"")
        XCTAssertEqual(quotedForMessage("\u{7F}"), "\"\\u{7f}\"")
        XCTAssertEqual(quotedForMessage("\u{85}"), "\"\\u{85}\"")   // C1 next line
        XCTAssertEqual(quotedForMessage("\u{9F}"), "\"\\u{9f}\"")
    }

    func testQuotedForMessageIsAlwaysOneLineOfVisibleCharacters() {
        let hostile = "x\r\ny\u{0}\u{7}\u{85}\"\\"
        let q = quotedForMessage(hostile)
        XCTAssertFalse(q.contains("\n"))
        XCTAssertFalse(q.contains("\r"))
        XCTAssertFalse(q.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        XCTAssertEqual(q, "\"x\\r\\ny\\u{0}\\u{7}\\u{85}\\\"\\\\\"")
    }

    func testQuotedForMessageLimitsLength() {
        let long = String(repeating: "a", count: 100)
        XCTAssertEqual(quotedForMessage(long), "\"" + String(repeating: "a", count: 60) + "…\"")
        XCTAssertEqual(quotedForMessage(String(repeating: "a", count: 60)), "\"" + String(repeating: "a", count: 60) + "\"")
        XCTAssertEqual(quotedForMessage("abcdef", limit: 3), "\"abc…\"")
        // escapes count as one character each
        XCTAssertEqual(quotedForMessage("\r\r\r\r", limit: 2), "\"\\r\\r…\"")
    }
}
