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
