import Foundation
@testable import SiteBuilder
import XCTest

/// How numbers read on the pages.
final class NumberTextTests: XCTestCase {
    func testFixedDecimals() {
        XCTAssertEqual(NumberText.fixed(3.14159, decimals: 2), "3.14")
        XCTAssertEqual(NumberText.fixed(3.14159, decimals: 0), "3")
        XCTAssertEqual(NumberText.fixed(-1.23456, decimals: 3), "-1.235")
        XCTAssertEqual(NumberText.fixed(131.5, decimals: 1), "131.5")
        XCTAssertEqual(NumberText.fixed(0.5581, decimals: 5), "0.55810")
        XCTAssertEqual(NumberText.fixed(1080, decimals: 2), "1080.00")
        XCTAssertEqual(NumberText.fixed(1e-12, decimals: 2), "0.00")
        XCTAssertEqual(NumberText.fixed(2.5, decimals: 0), "2", "printf rounds half to even")
    }

    func testNoNegativeZero() {
        XCTAssertEqual(NumberText.fixed(-0.004, decimals: 2), "0.00")
        XCTAssertEqual(NumberText.fixed(-0.0, decimals: 2), "0.00")
        XCTAssertEqual(NumberText.fixed(-0.0, decimals: 0), "0")
        XCTAssertEqual(NumberText.fixed(-0.4, decimals: 0), "0")
        XCTAssertEqual(NumberText.fixed(-1e-300, decimals: 5), "0.00000")
        XCTAssertEqual(NumberText.fixed(-0.006, decimals: 2), "-0.01", "a value that does not round to zero keeps its sign")
        for decimals in 0...6 {
            for x in stride(from: -0.01, through: 0, by: 0.0001) {
                XCTAssertFalse(Double(NumberText.fixed(x, decimals: decimals)) == 0 && NumberText.fixed(x, decimals: decimals).hasPrefix("-"), "\(x)")
            }
        }
    }

    func testNonFiniteIsNA() {
        XCTAssertEqual(NumberText.fixed(.nan, decimals: 2), "NA")
        XCTAssertEqual(NumberText.fixed(.infinity, decimals: 2), "NA")
        XCTAssertEqual(NumberText.fixed(-.infinity, decimals: 2), "NA")
        XCTAssertEqual(NumberText.pValue(.nan), "NA")
        XCTAssertEqual(NumberText.pValue(.infinity), "NA")
    }

    func testPValues() {
        XCTAssertEqual(NumberText.pValue(0.0212), "0.0212")
        XCTAssertEqual(NumberText.pValue(2.51e-06), "2.51e-06")
        XCTAssertEqual(NumberText.pValue(0), "< 1e-300")
        XCTAssertEqual(NumberText.pValue(1), "1.0000")
        XCTAssertEqual(NumberText.pValue(0.5), "0.5000")
        XCTAssertEqual(NumberText.pValue(0.0001), "0.0001")
        XCTAssertEqual(NumberText.pValue(0.00009), "9.00e-05")
        XCTAssertEqual(NumberText.pValue(5.352655021783e-113), "5.35e-113")
        XCTAssertEqual(NumberText.pValue(1e-300), "1.00e-300")
    }

    /// The page numbers are what `String(format:)` gave before C's printf was
    /// called directly: the old code, inline, over edge cases and seeded random values.
    func testFixedAndPValuesEqualTheFoundationFormatting() {
        func oldFixed(_ x: Double, _ decimals: Int) -> String {
            guard x.isFinite else { return "NA" }
            let s = String(format: "%.\(decimals)f", x)
            if s.hasPrefix("-"), Double(s) == 0 { return String(s.dropFirst()) }
            return s
        }
        func oldPValue(_ p: Double) -> String {
            guard p.isFinite else { return "NA" }
            if p == 0 { return "< 1e-300" }
            if p >= 0.0001 { return String(format: "%.4f", p) }
            return String(format: "%.2e", p)
        }
        var values: [Double] = [0, -0.0, 0.125, -0.125, 0.005, -0.005, 0.0049999, -0.00049, 2.5, -2.5, 1e-4, 9.99995e-5, 0.99995,
                                1e-300, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, 1e22, -1e300, .greatestFiniteMagnitude,
                                .nan, .infinity, -.infinity]
        var state: UInt64 = 42
        for _ in 0..<3_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let unit = Double(state >> 11) / Double(1 << 53) * 2 - 1
            values.append(unit * pow(10, Double(Int((state >> 33) % 41) - 20)))
            values.append(Double(Int((state >> 40) % 2_001) - 1_000) / 1_000)
        }
        for x in values {
            for decimals in 0...6 { XCTAssertEqual(NumberText.fixed(x, decimals: decimals), oldFixed(x, decimals), "\(x) at \(decimals)") }
            XCTAssertEqual(NumberText.pValue(abs(x)), oldPValue(abs(x)), "\(x)")
        }
    }

    func testIntegersGetThousandsSeparatorsFromFiveDigits() {
        XCTAssertEqual(NumberText.integer(0), "0")
        XCTAssertEqual(NumberText.integer(7), "7")
        XCTAssertEqual(NumberText.integer(999), "999")
        XCTAssertEqual(NumberText.integer(1080), "1080", "four digits stay unseparated")
        XCTAssertEqual(NumberText.integer(9999), "9999")
        XCTAssertEqual(NumberText.integer(10_000), "10,000")
        XCTAssertEqual(NumberText.integer(99_999), "99,999")
        XCTAssertEqual(NumberText.integer(100_000), "100,000")
        XCTAssertEqual(NumberText.integer(1_234_567), "1,234,567")
        XCTAssertEqual(NumberText.integer(152_064), "152,064")
        XCTAssertEqual(NumberText.integer(1_000_000_000), "1,000,000,000")
        XCTAssertEqual(NumberText.integer(Int.max), "9,223,372,036,854,775,807")
    }

    func testNegativeIntegersAreGroupedLikePositiveOnes() {
        XCTAssertEqual(NumberText.integer(-7), "-7")
        XCTAssertEqual(NumberText.integer(-1080), "-1080")
        XCTAssertEqual(NumberText.integer(-12_345), "-12,345")
        XCTAssertEqual(NumberText.integer(-100_000), "-100,000")
        XCTAssertEqual(NumberText.integer(Int.min), "-9,223,372,036,854,775,808")
    }
}
