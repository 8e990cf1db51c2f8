import Foundation
@testable import StudyData
import XCTest

/// Malformed log-prob tables fail with `path:line:column: expected …`,
/// including in the fields the reader skips without converting them.
final class LogprobReaderErrorTests: XCTestCase {
    let table = LogprobTestTable()

    func message(_ body: String, prompts: [String] = ["greatest_ever_one", "best_ever_one"], tokens: Set<String>? = nil,
                 file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            _ = try table.read(body, prompts: prompts, tokens: tokens)
            XCTFail("expected an error", file: file, line: line)
            return ""
        } catch {
            return "\(error)"
        }
    }

    func testLastLineWithoutNewlineIsFineButACutRowIsAnError() throws {
        XCTAssertEqual(try table.read("0,a,x,-1,-2,-3").columns[0], [-2])
        XCTAssertEqual(message("0,a,x,-1,-2,-3\n1,b,y,-4,-5"),
                       "content/x.csv:3:5: expected 6 fields as in the header, found 5 (the last line is cut short)")
    }

    func testWrongFieldCountIsFoundInSkippedFieldsToo() {
        // Only column 5 is read; the short and the long row differ only after it.
        XCTAssertEqual(message("0,a,x,-1,-2,-3\n1,b,y,-4,-5\n2,c,z,-7,-8,-9\n", prompts: ["greatest_ever_one"]),
                       "content/x.csv:3:5: expected 6 fields as in the header, found 5")
        XCTAssertEqual(message("0,a,x,-1,-2,-3,-4\n", prompts: ["greatest_ever_one"]),
                       "content/x.csv:2:6: expected 6 fields as in the header, found 7")
        // A row dropped by the token filter is still counted.
        XCTAssertEqual(message("0,a,x,-1,-2,-3\n1,b,other,-4\n", tokens: ["x"]),
                       "content/x.csv:3:4: expected 6 fields as in the header, found 4")
        // A field missing before the read column would shift it: caught too.
        XCTAssertEqual(message("0,a,x,-2,-3\n", prompts: ["best_ever_one"]),
                       "content/x.csv:2:5: expected 6 fields as in the header, found 5")
    }

    func testNonNumericValueNamesLineColumnAndValue() {
        XCTAssertEqual(message("0,a,x,-1,-2,-3\n1,b,y,-4,abc,-6\n"), "content/x.csv:3:5: expected a number, found \"abc\"")
        XCTAssertEqual(message("0,a,x,-1,,-3\n"), "content/x.csv:2:5: expected a number, found \"\"")
        XCTAssertEqual(message("0,a,x,-1,NaN,-3\n"), "content/x.csv:2:5: expected a number, found \"NaN\"")
        // Line numbers count the lines of the file, also inside quoted tokens.
        XCTAssertEqual(message("0,a,\"two\nlines\",-1,-2,-3\n1,b,y,-4,x\u{0}y,-6\n"), "content/x.csv:4:5: expected a number, found \"x\\u{0}y\"")
    }

    func testMissingPromptColumnIsNamed() {
        XCTAssertTrue(message("0,a,x,-1,-2,-3\n", prompts: ["good_ever_one"])
            .hasPrefix("content/x.csv:1: expected a column named \"good_ever_one\""))
    }

    func testBadTokenIDAndUnterminatedQuote() {
        XCTAssertEqual(message("x7,a,x,-1,-2,-3\n"), "content/x.csv:2:1: expected an integer token id, found \"x7\"")
        XCTAssertTrue(message("0,a,\"open,-1,-2,-3\n").hasPrefix("content/x.csv:2:3: expected a closing quote"))
        // An unterminated quote in a field the reader skips.
        XCTAssertTrue(message("0,\"open,x,-1,-2,-3\n").hasPrefix("content/x.csv:2:2: expected a closing quote"))
    }
}
