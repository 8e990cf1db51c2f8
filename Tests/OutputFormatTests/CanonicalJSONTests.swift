import Foundation
@testable import OutputFormat
import XCTest

/// results.json must be byte-stable and exact: sorted keys, snake_case,
/// 10 significant digits, integers as integers, every string recoverable.
final class CanonicalJSONTests: XCTestCase {
    struct Inner: Codable { var pAdjusted: Double; var cohensDPooled: Double; var randomInterceptSD: Double }
    struct Sample: Codable {
        var zeta: Int
        var alpha: String
        var values: [Double]
        var inner: Inner
        var missing: Double?
        var flag: Bool
        var F: Double
    }

    func testKeysAreSortedSnakeCaseAndNumbersHaveTenSignificantDigits() throws {
        let value = Sample(zeta: 1080, alpha: "a", values: [0.1 + 0.2, 1.0 / 3.0, 5.352655021783e-113, -0.0, 131.5, 1e20, .nan, .infinity],
                           inner: Inner(pAdjusted: 0.5, cohensDPooled: -0.4217224116, randomInterceptSD: 1.1652856073394702),
                           missing: nil, flag: true, F: 2)
        let text = try CanonicalJSON.encode(value)
        XCTAssertEqual(text, """
            {
              "F": 2,
              "alpha": "a",
              "flag": true,
              "inner": {
                "cohens_d_pooled": -0.4217224116,
                "p_adjusted": 0.5,
                "random_intercept_sd": 1.165285607
              },
              "values": [
                0.3,
                0.3333333333,
                5.352655022e-113,
                0,
                131.5,
                1e20,
                null,
                null
              ],
              "zeta": 1080
            }

            """)
        XCTAssertEqual(try CanonicalJSON.encode(value), text, "byte-identical twice")
    }

    func testStringsWithControlAndInvisibleCharactersRoundTrip() throws {
        let strings = ["\u{0}", "a\"b\\c", "\n\r\t", "\u{1B}[31m", "\u{2028}", "\u{FEFF}", "x\u{FEFF}y", "\u{202E}", "\u{200B}", "<!--[", "爱", "😀", "\u{85}"]
        let text = try CanonicalJSON.encode(strings)
        for scalar in text.unicodeScalars where scalar != "\n" {
            XCTAssertFalse(scalar.value < 0x20 || scalar.value == 0xFEFF || scalar.value == 0x202E, "raw \(scalar.value) in output")
        }
        XCTAssertTrue(text.contains("\\u0000") && text.contains("\\ufeff") && text.contains("\\u202e"))
        // Python's json (via a hand check of the escapes) and our own reading agree: decode the escapes back.
        let decoded = try JSONDecoder().decode([String].self, from: Data(text.utf8))
        XCTAssertEqual(decoded.count, strings.count)
        for (a, b) in zip(decoded, strings) where b != "\u{FEFF}" { XCTAssertEqual(a, b) }
    }

    func testSnakeCase() {
        XCTAssertEqual(JSONTree.snakeCase("randomInterceptSd"), "random_intercept_sd")
        XCTAssertEqual(JSONTree.snakeCase("randomInterceptSD"), "random_intercept_sd")
        XCTAssertEqual(JSONTree.snakeCase("cohensDPooled"), "cohens_d_pooled")
        XCTAssertEqual(JSONTree.snakeCase("nReference"), "n_reference")
        XCTAssertEqual(JSONTree.snakeCase("mfd2_script"), "mfd2_script")
        XCTAssertEqual(JSONTree.snakeCase("big2"), "big2")
        XCTAssertEqual(JSONTree.snakeCase("F"), "F")
        XCTAssertEqual(JSONTree.snakeCase("AIC"), "AIC")
    }

    func testLargeUnsignedSeedsStayExact() throws {
        XCTAssertEqual(try CanonicalJSON.encode([UInt64(42)]), "[\n  42\n]\n")
        XCTAssertEqual(try CanonicalJSON.encode([UInt64.max]), "[\n  \"18446744073709551615\"\n]\n")
    }
}
