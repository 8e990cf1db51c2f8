import Foundation
@testable import OutputFormat
import XCTest

/// `PrintfNumber` prints exactly what `String(format:)` printed before it
/// replaced it: every page number, p-value and results.json number goes
/// through it, and the site must stay byte-identical.
final class PrintfNumberTests: XCTestCase {
    /// Values where printf's rounding and sign handling show: signed zeros,
    /// ties in binary and in decimal, the ends of the double range, non-finite.
    static let edgeCases: [Double] = [
        0, -0.0, 0.125, -0.125, 0.375, 2.5, -2.5, 0.5, 1.5, 0.005, 0.015, 0.025, 1.005, 0.045, 9.995, 99.5, 0.00005, 0.00015,
        1e-4, 9.99995e-5, 0.99995, -0.004, -0.006, 1 / 3.0, 2 / 3.0, .pi, -.pi, 1e10, 12345678901.000002, 1e15, 1e16, 1e17,
        1e21, 1e22, 6.02214076e23, 1e100, -1e300, 1e308, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
        .leastNormalMagnitude, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, 1e-300, 9.9999999995e-5,
        0.1, 0.2, 0.3, 123456.789, -98765.4321, 4503599627370496.5, 9007199254740994, .nan, -.nan, .infinity, -.infinity,
    ]

    /// Edge cases plus random values over 70 orders of magnitude, and random
    /// multiples of 1/8 and of 0.0005 (exact or near ties at few decimals);
    /// seeded, so a failure repeats.
    static let values: [Double] = {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11
        }
        var out = edgeCases
        for _ in 0..<4_000 {
            let unit = Double(next()) / Double(1 << 53) * 2 - 1
            out.append(unit * pow(10, Double(Int(next() % 71) - 35)))
            out.append(Double(Int(next() % 20_001) - 10_000) / 8)
            out.append(Double(Int(next() % 200_001) - 100_000) * 0.0005)
        }
        return out
    }()

    func testFixedEqualsStringFormat() {
        for decimals in 0...10 {
            for x in Self.values {
                XCTAssertEqual(PrintfNumber.format(x, .fixed, precision: decimals), String(format: "%.\(decimals)f", x), "\(x) at \(decimals) decimals")
            }
        }
    }

    func testScientificEqualsStringFormat() {
        for decimals in 0...6 {
            for x in Self.values {
                XCTAssertEqual(PrintfNumber.format(x, .scientific, precision: decimals), String(format: "%.\(decimals)e", x), "\(x) at \(decimals) decimals")
            }
        }
    }

    func testGeneralEqualsStringFormat() {
        for digits in [1, 2, 3, 6, 10, 15, 17] {
            for x in Self.values {
                XCTAssertEqual(PrintfNumber.format(x, .general, precision: digits), String(format: "%.\(digits)g", x), "\(x) at \(digits) digits")
            }
        }
    }

    /// Texts longer than the stack buffer (a huge value with decimals) come out whole.
    func testLongFixedTextIsComplete() {
        let text = PrintfNumber.format(.greatestFiniteMagnitude, .fixed, precision: 4)
        XCTAssertEqual(text.count, 309 + 5)
        XCTAssertEqual(text, String(format: "%.4f", Double.greatestFiniteMagnitude))
        XCTAssertTrue(text.hasPrefix("17976931348623157"))
        XCTAssertEqual(PrintfNumber.format(-1e60, .fixed, precision: 2), String(format: "%.2f", -1e60))
    }

    func testPinnedTexts() {
        XCTAssertEqual(PrintfNumber.format(0.125, .fixed, precision: 2), "0.12", "an exact binary tie rounds to even")
        XCTAssertEqual(PrintfNumber.format(0.375, .fixed, precision: 2), "0.38")
        XCTAssertEqual(PrintfNumber.format(-0.0, .fixed, precision: 2), "-0.00")
        XCTAssertEqual(PrintfNumber.format(2.51e-06, .scientific, precision: 2), "2.51e-06")
        XCTAssertEqual(PrintfNumber.format(1e22, .general, precision: 10), "1e+22")
        XCTAssertEqual(PrintfNumber.format(.nan, .fixed, precision: 2), "nan")
        XCTAssertEqual(PrintfNumber.format(-.infinity, .general, precision: 10), "-inf")
    }
}
