import Foundation
import XCTest
@testable import StudyData

/// Score fields are parsed by the one number grammar (`NumberGrammar`, the
/// exact decimal parser): plain decimals give the value `Double(text)` gives,
/// bit for bit; what the log-prob reader rejects, scores reject too.
final class ScoreParsingTests: XCTestCase {
    private func parse(_ text: String) throws -> Double {
        try RewardScoreTable.parseScore(text, path: "t.csv", line: 2, column: 3)
    }

    func testFastPathEqualsDoubleInit() throws {
        var texts = ["0", "-0", "1", "-1.5", "+2.25", ".5", "5.", "1e5", "1E-5", "-3.0517578125e-05", "0.1", "0.30000000000000004",
                     "12345678901234567890", "1.7976931348623157e308", "4.9e-324", "123456789012345678.9"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let x = Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &generator))
            guard x.isFinite else { continue }
            texts.append("\(x)")
            texts.append(String(format: "%.6f", x))
            texts.append(String(format: "%.17g", Double.random(in: -50...50, using: &generator)))
        }
        for text in texts {
            let expected = try XCTUnwrap(Double(text), text)
            XCTAssertEqual(try parse(text).bitPattern, expected.bitPattern, text)
        }
    }

    func testNonNumbersAreStillRejected() {
        for text in ["", "abc", "nan", "inf", "-Infinity", "1e", "1.2.3", "--1", "1,5", "0x1p3", " 7", "8 "] {
            XCTAssertThrowsError(try parse(text), text)
        }
    }
}
