import Foundation
@testable import OutputFormat
import TestSupport
import XCTest

/// The fast paths of results.json's encoding give the same text as the
/// general code they stand in for: ASCII keys' snake_case, %.10g numbers
/// formatted by C directly, and strings with nothing to escape copied whole.
final class CanonicalJSONFastPathTests: XCTestCase {
    func testASCIISnakeCaseEqualsTheCharacterRule() {
        let keys = ["randomInterceptSD", "cohensDPooled", "F", "AIC", "pAdjusted", "df", "x2", "step10Value", "ECHO", "echo10",
                    "aBC", "ABc", "ABCdef", "a1B", "_leading", "trailingX", "", "x", "X", "mfd2Columns", "tValue", "HTTPServer",
                    "already_snake", "wordsIT", "sizeB", "nA"]
        for key in keys {
            XCTAssertEqual(JSONTree.asciiSnakeCase(key), JSONTree.unicodeSnakeCase(key), key)
        }
        XCTAssertNil(JSONTree.asciiSnakeCase("größeX"))
        XCTAssertEqual(JSONTree.snakeCase("größeX"), JSONTree.unicodeSnakeCase("größeX"))
    }

    /// A key encoded twice keeps its last value (as Foundation's JSONEncoder does), nested or not.
    func testRepeatedKeyKeepsTheLastValue() throws {
        struct Twice: Encodable {
            enum Key: String, CodingKey { case value, other }
            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: Key.self)
                try c.encode(1, forKey: .value)
                try c.encode("x", forKey: .other)
                var nested = c.nestedContainer(keyedBy: Key.self, forKey: .value)
                try nested.encode(2.5, forKey: .other)
                try nested.encode(3.5, forKey: .other)
            }
        }
        XCTAssertEqual(try JSONTree.from(Twice()), .object(["value": .object(["other": .double(3.5)]), "other": .string("x")]))
        XCTAssertEqual(try CanonicalJSON.encode(Twice()), "{\n  \"other\": \"x\",\n  \"value\": {\n    \"other\": 3.5\n  }\n}\n")
    }

    func testNumbersEqualStringFormat() {
        var values: [Double] = [1.5, -2.25, 1e-5, -3.14159265358979, 1e10, 12345678901.000002, 1.23456789012e15, 6.02214076e23,
                                .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude, -0.1, 0.3, 2.0 / 3, 1e-300, 9.9999999995e-5]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let exponent = Double(Int.random(in: -30...30, using: &generator))
            values.append(Double.random(in: -1...1, using: &generator) * pow(10, exponent))
        }
        for x in values where !(x == x.rounded() && abs(x) < 1e10) {
            var expected = String(format: "%.10g", x)
            if expected.contains("e") { expected = expected.replacingOccurrences(of: "e+", with: "e") }
            XCTAssertEqual(CanonicalJSON.number(x), expected, "\(x)")
        }
    }

    func testQuotedFastPathMatchesTheEscapingLoop() {
        for s in ["plain", "", "with space", "a/b", "tab\there", "quote\"", "back\\slash", "é", "\u{FEFF}", "\u{7F}", "~0", "{}[]"] {
            var slow = "\""
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": slow += "\\\""
                case "\\": slow += "\\\\"
                case "\t": slow += "\\t"
                default:
                    let v = scalar.value
                    if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || CanonicalJSON.isInvisibleFormat(v) {
                        let hex = String(v, radix: 16)
                        slow += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        slow.unicodeScalars.append(scalar)
                    }
                }
            }
            XCTAssertEqual(CanonicalJSON.quoted(s), slow + "\"", s)
        }
    }
}

/// `CanonicalJSON.encode` writes the encoder's slots as bytes; the tree
/// writer (`encode(tree:)` of `JSONTree.from`) is the general code it must
/// equal, byte for byte, whatever the keys, strings and numbers.
final class CanonicalJSONSlotWriterTests: XCTestCase {
    struct Leafy: Encodable {
        var name: String
        var values: [Double]
        var counts: [Int64]
        var flags: [Bool]
        var byName: [String: Double]
        var nested: [String: [String: String]]
        var missing: Double?
        var empty: [Int] = []
        var emptyObject: [String: Int] = [:]
        var big: UInt64
    }

    func testSlotWriterEqualsTreeWriter() throws {
        var generator = SystemRandomNumberGenerator()
        let strings = HostileStrings.corpus
        var items: [Leafy] = []
        for (i, s) in strings.enumerated() {
            let exponent = Double(Int.random(in: -30...30, using: &generator))
            let values = [Double.random(in: -1...1, using: &generator) * pow(10, exponent), Double(i), -0.0, .nan, .infinity,
                          1e10, 9_999_999_999, -12345678901.5, 0.1 + 0.2]
            var byName: [String: Double] = ["é": 2, "e\u{301}x": 3]   // keys from data: any text, canonically equal or not
            byName[s] = Double(i) / 3
            byName["x\(s)"] = 1
            var inner = ["k": "v"]
            inner[s] = s
            items.append(Leafy(name: s, values: values, counts: [Int64.min, -1, 0, 7, Int64.max], flags: [i % 2 == 0],
                               byName: byName, nested: [s: inner], missing: i % 3 == 0 ? nil : Double(i),
                               big: i % 2 == 0 ? UInt64.max - UInt64(i) : UInt64(i)))
        }
        let fast = try CanonicalJSON.encode(items)
        let general = CanonicalJSON.encode(tree: try JSONTree.from(items))
        XCTAssertEqual(fast, general)
        XCTAssertTrue(fast.contains("\"values\": [\n"), "the document has the expected shape")
    }

    func testIntegersAsStringWritesThem() {
        for i: Int64 in [0, 1, -1, 9, 10, -10, 1_000_000_007, Int64.max, Int64.min, Int64.max - 1, Int64.min + 1] {
            var out = JSONText()
            out.appendInteger(i)
            XCTAssertEqual(out.text, String(i))
        }
    }

    func testNumbersAsNumberWritesThem() {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [0, -0.0, 1, -1, 1e10, -1e10, 9_999_999_999, 1e-300, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
                                -.greatestFiniteMagnitude, .nan, .infinity, -.infinity, 0.5, 123456.75]
        for _ in 0..<5_000 {
            values.append(Double.random(in: -1...1, using: &generator) * pow(10, Double(Int.random(in: -300...300, using: &generator))))
        }
        for x in values {
            var out = JSONText()
            out.appendNumber(x)
            XCTAssertEqual(out.text, CanonicalJSON.number(x), "\(x)")
        }
    }
}
