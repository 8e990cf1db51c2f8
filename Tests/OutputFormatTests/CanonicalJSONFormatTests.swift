import Foundation
@testable import OutputFormat
import TestSupport
import XCTest

/// `CanonicalJSON` in detail: key order at every depth, snake_case keys,
/// the 10-significant-digit number form, string escapes that parse back.
final class CanonicalJSONFormatTests: XCTestCase {
    /// Encodes its keys in a deliberately unsorted order.
    struct Unsorted: Encodable {
        enum Key: String, CodingKey { case zulu, alpha, mike, ECHO, echo2, echo10 }
        var child: [Unsorted] = []
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(1, forKey: .zulu)
            try c.encode(2, forKey: .alpha)
            if let first = child.first { try c.encode(first, forKey: .mike) } else { try c.encodeNil(forKey: .mike) }
            try c.encode(3, forKey: .ECHO)
            try c.encode(4, forKey: .echo2)
            try c.encode(5, forKey: .echo10)
        }
    }

    struct Model: Codable {
        var randomInterceptSd: Double
        var cohensDPooled: Double
        var pAdjusted: Double
        var nReference: Int
        var rows: [Row]
    }
    struct Row: Codable { var termName: String; var stdError: Double; var ciLow95: Double }

    /// Every `"key":` line of the output, grouped by the object it belongs to (by indentation).
    private func keysByObject(_ text: String) -> [[String]] {
        var stack: [[String]] = []
        var done: [[String]] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let colon = trimmed.range(of: "\": "), trimmed.hasPrefix("\"") {
                stack[stack.count - 1].append(String(trimmed[trimmed.index(after: trimmed.startIndex)..<colon.lowerBound]))
            }
            if trimmed.hasSuffix("{") { stack.append([]) }
            if trimmed.hasPrefix("}") { done.append(stack.removeLast()) }
        }
        XCTAssertTrue(stack.isEmpty)
        return done
    }

    func testKeysAreSortedAtEveryDepth() throws {
        let value = [Unsorted(child: [Unsorted(child: [Unsorted()])])]
        let text = try CanonicalJSON.encode(value)
        let objects = keysByObject(text)
        XCTAssertEqual(objects.count, 3, text)
        for keys in objects {
            XCTAssertEqual(keys, keys.sorted(), text)
            XCTAssertEqual(keys, ["ECHO", "alpha", "echo10", "echo2", "mike", "zulu"], "code-point order (upper case first, echo10 before echo2)")
        }
        // A nil child is written as null, not dropped (the key set is the same at every depth).
        XCTAssertTrue(text.contains("\"mike\": null"), text)
    }

    func testDictionariesInsideArraysAreSortedToo() throws {
        let value: [[String: Int]] = [["b": 1, "a": 2, "c": 3], ["z": 1, "y": 2]]
        let text = try CanonicalJSON.encode(value)
        XCTAssertEqual(keysByObject(text), [["a", "b", "c"], ["y", "z"]], text)
    }

    func testCamelCasePropertiesBecomeSnakeCase() throws {
        let value = Model(randomInterceptSd: 1.1652856073394702, cohensDPooled: -0.4217224116, pAdjusted: 0.0212, nReference: 1080,
                          rows: [Row(termName: "model", stdError: 0.25, ciLow95: -1)])
        let text = try CanonicalJSON.encode(value)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual(Set(object.keys), ["random_intercept_sd", "cohens_d_pooled", "p_adjusted", "n_reference", "rows"])
        let row = try XCTUnwrap((object["rows"] as? [[String: Any]])?.first)
        XCTAssertEqual(Set(row.keys), ["term_name", "std_error", "ci_low95"])
        XCTAssertTrue(text.contains("\"random_intercept_sd\": 1.165285607"), text)
        XCTAssertTrue(text.contains("\"cohens_d_pooled\": -0.4217224116"), text)
        XCTAssertTrue(text.contains("\"p_adjusted\": 0.0212"), text)
        XCTAssertTrue(text.contains("\"n_reference\": 1080,\n"), text)
        XCTAssertFalse(text.contains("randomIntercept") || text.contains("cohensD") || text.contains("pAdjusted"), text)
    }

    func testNumbersHaveTenSignificantDigits() {
        let cases: [(Double, String)] = [
            (0.1 + 0.2, "0.3"),
            (1.0 / 3.0, "0.3333333333"),
            (-1.0 / 3.0, "-0.3333333333"),
            (2.0 / 3.0, "0.6666666667"),
            (5.352655021783e-113, "5.352655022e-113"),
            (-0.0, "0"),
            (0, "0"),
            (131.5, "131.5"),
            (1080, "1080"),
            (-1080, "-1080"),
            (1080.0000000000002, "1080"),
            (0.5, "0.5"),
            (1e20, "1e20"),
            (1.5e-7, "1.5e-07"),
            (123456.789012345, "123456.789"),
            (0.0212, "0.0212"),
        ]
        for (x, expected) in cases {
            XCTAssertEqual(CanonicalJSON.number(x), expected, "\(x)")
        }
    }

    func testEveryNumberParsesBackToTenDigits() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let exponent = Double.random(in: -300...300, using: &rng)
            let x = (Bool.random(using: &rng) ? 1 : -1) * Double.random(in: 1..<10, using: &rng) * pow(10, exponent.rounded(.down))
            let text = CanonicalJSON.number(x)
            XCTAssertFalse(text.contains("+"), text)
            guard let back = Double(text) else { XCTFail("\(text) does not parse"); continue }
            XCTAssertEqual(back, x, accuracy: abs(x) * 1e-9, text)
            XCTAssertEqual(String(format: "%.10g", back), String(format: "%.10g", x), text)
        }
    }

    /// Last-bit noise (the reason for 10 digits) must not change the text,
    /// whatever the magnitude: an integral double and its neighbour print alike.
    func testLastBitNoiseDoesNotChangeTheText() {
        for x in [0.1 + 0.2, 1080, 131.5, 12_345_678_901, 99_999_999_999_999, 1e12, 5.352655021783e-113, 2.5e10] {
            XCTAssertEqual(CanonicalJSON.number(x.nextUp), CanonicalJSON.number(x), "\(x)")
            XCTAssertEqual(CanonicalJSON.number(x.nextDown), CanonicalJSON.number(x), "\(x)")
            let digits = CanonicalJSON.number(x).split(separator: "e")[0].filter(\.isNumber).drop { $0 == "0" }
            XCTAssertLessThanOrEqual(digits.count, 10, "\(x) → \(CanonicalJSON.number(x))")
        }
    }

    func testNonFiniteNumbersAreNull() throws {
        XCTAssertEqual(CanonicalJSON.number(.nan), "null")
        XCTAssertEqual(CanonicalJSON.number(.infinity), "null")
        XCTAssertEqual(CanonicalJSON.number(-.infinity), "null")
        struct S: Codable { var a: Double; var b: Double; var c: Double; var d: Float }
        let text = try CanonicalJSON.encode(S(a: .nan, b: .infinity, c: -.infinity, d: .nan))
        XCTAssertEqual(text, "{\n  \"a\": null,\n  \"b\": null,\n  \"c\": null,\n  \"d\": null\n}\n")
        XCTAssertNotNil(try JSONSerialization.jsonObject(with: Data(text.utf8)), "valid JSON")
    }

    func testIntegersStayIntegersAndBoolsStayBools() throws {
        struct S: Codable { var n: Int; var big: Int64; var x: Double; var flag: Bool; var none: Int? }
        let text = try CanonicalJSON.encode(S(n: 1080, big: Int64.max, x: 1080, flag: false, none: nil))
        XCTAssertEqual(text, "{\n  \"big\": 9223372036854775807,\n  \"flag\": false,\n  \"n\": 1080,\n  \"x\": 1080\n}\n", "a nil optional is left out, as JSONEncoder does")
    }

    func testHostileStringsAreEscapedAndParseBack() throws {
        let strings = HostileStrings.corpus + ["\u{1}\u{2}\u{1F}", "\u{2029}", "\u{AD}", "\u{2066}x\u{2069}", "\u{9F}"]
        let text = try CanonicalJSON.encode(strings)
        // No raw control or invisible format character survives in the file.
        for scalar in text.unicodeScalars where scalar != "\n" {
            let v = scalar.value
            XCTAssertFalse(v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || CanonicalJSON.isInvisibleFormat(v), "raw U+\(String(v, radix: 16)) in output")
        }
        for escape in ["\\u0000", "\\u001b", "\\u2028", "\\u2029", "\\u202e", "\\u200b", "\\ufeff", "\\u0085", "\\u007f", "\\r\\n", "\\\"", "\\\\"] {
            XCTAssertTrue(text.contains(escape), escape)
        }
        let parsed = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String])
        XCTAssertEqual(parsed.count, strings.count)
        for (got, want) in zip(parsed, strings) {
            XCTAssertEqual(Array(got.unicodeScalars), Array(want.unicodeScalars), "\(want.debugDescription) came back as \(got.debugDescription)")
        }
    }

    func testQuotedEscapesExactly() {
        XCTAssertEqual(CanonicalJSON.quoted("a\"b\\c"), #""a\"b\\c""#)
        XCTAssertEqual(CanonicalJSON.quoted("\u{0}\t\n\r"), #""\u0000\t\n\r""#)
        XCTAssertEqual(CanonicalJSON.quoted("\u{2028}\u{202E}"), #""\u2028\u202e""#)
        XCTAssertEqual(CanonicalJSON.quoted("爱😀\u{E000}</script>"), "\"爱😀\u{E000}</script>\"")
    }

    func testSameValueEncodesByteIdenticallyTwice() throws {
        let value = Model(randomInterceptSd: 0.1 + 0.2, cohensDPooled: 1.0 / 3.0, pAdjusted: 5.352655021783e-113, nReference: 7,
                          rows: (0..<50).map { Row(termName: HostileStrings.corpus[$0 % HostileStrings.corpus.count], stdError: Double($0) / 7, ciLow95: -Double($0)) })
        let first = try CanonicalJSON.encode(value)
        let second = try CanonicalJSON.encode(value)
        XCTAssertEqual(Data(first.utf8), Data(second.utf8))
        // A dictionary (hash order varies between instances) is written the same too.
        let dictA = Dictionary(uniqueKeysWithValues: (0..<200).map { ("k\($0)", Double($0) / 3) })
        var dictB: [String: Double] = [:]
        for (k, v) in dictA.reversed() { dictB[k] = v }
        XCTAssertEqual(Data(try CanonicalJSON.encode(dictA).utf8), Data(try CanonicalJSON.encode(dictB).utf8))
        XCTAssertTrue(first.hasSuffix("}\n"))
    }
}
