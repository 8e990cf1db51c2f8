import Foundation
@testable import OutputFormat
import XCTest

/// `ExactDecimalText` writes exactly what snprintf writes (through
/// `String(format:)`, the independent reference) wherever it takes a value,
/// and takes the values the report prints most.
final class ExactDecimalTextTests: XCTestCase {
    /// Values where the rounding shows: exact binary ties, decimal near-ties,
    /// carries into a new digit (9.995, 99.5, 9.9999999995), signed zeros.
    static let edgeCases: [Double] = PrintfNumberTests.edgeCases + [
        0.5, 1.5, 2.5, 3.5, -0.5, 0.25, 0.75, 0.125, 0.625, 1.125, 1.0625, 2.0000000005, 0.00049999999999999999, 0.0005,
        9.9999999995, 99999.99999, 999999999.5, 9999999999.5, 1e-13, 9.99999999995e-14, 1e-14, 123456789012345.6,
        1125899906842623.5, 1125899906842624, 562949953421311.75, -0.0001, -1e-20, 2.2250738585072014e-308,
    ]

    /// Edge cases, random values over 40 orders of magnitude, random multiples of
    /// 1/1024 and of 0.0005, and raw random bit patterns; seeded.
    static let values: [Double] = {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
        var out = edgeCases
        for _ in 0..<3_000 {
            let unit = Double(next() >> 11) / Double(1 << 53) * 2 - 1
            out.append(unit * pow(10, Double(Int(next() >> 40) % 41 - 20)))
            out.append(Double(Int(next() >> 40) % 2_000_001 - 1_000_000) / 1024)
            out.append(Double(Int(next() >> 40) % 200_001 - 100_000) * 0.0005)
            out.append(Double(bitPattern: next()))
        }
        return out
    }()

    private func fixed(_ x: Double, _ decimals: Int) -> String? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer in
            ExactDecimalText.fixed(x, decimals: decimals, into: buffer.baseAddress!).map { String(decoding: buffer.prefix($0), as: UTF8.self) }
        }
    }

    private func general(_ x: Double, _ significant: Int) -> String? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer in
            ExactDecimalText.general(x, significant: significant, into: buffer.baseAddress!).map { String(decoding: buffer.prefix($0), as: UTF8.self) }
        }
    }

    func testFixedEqualsPrintfWhereverItAnswers() {
        assertAgreesWithPrintf("f", precisions: [0, 1, 2, 3, 4, 6, 10, 15], fixed)
    }

    func testGeneralEqualsPrintfWhereverItAnswers() {
        assertAgreesWithPrintf("g", precisions: [0, 1, 2, 3, 6, 10, 12, 15], general)
    }

    /// Every value at every precision: where the fast path answers, its text
    /// is `String(format:)`'s; and it answers for most of them.
    private func assertAgreesWithPrintf(_ conversion: String, precisions: [Int], _ fast: (Double, Int) -> String?,
                                        file: StaticString = #filePath, line: UInt = #line) {
        var answered = 0, asked = 0
        for precision in precisions {
            for x in Self.values {
                asked += 1
                guard let text = fast(x, precision) else { continue }
                answered += 1
                XCTAssertEqual(text, String(format: "%.\(precision)\(conversion)", x), "\(x) at %.\(precision)\(conversion) (bits \(x.bitPattern))",
                               file: file, line: line)
            }
        }
        XCTAssertGreaterThan(Double(answered), 0.5 * Double(asked), "the fast path takes most values", file: file, line: line)
    }

    /// What it declines: non-finite values, magnitudes whose product would
    /// reach 2^50, more than 15 digits, and (for %g) scales beyond 10^22.
    func testDeclinesWhatItCannotWriteExactly() {
        for x in [Double.nan, .infinity, -.infinity] {
            XCTAssertNil(fixed(x, 2)); XCTAssertNil(general(x, 10))
        }
        XCTAssertNil(fixed(1e15, 2))
        XCTAssertNil(fixed(1, 16))
        XCTAssertNil(general(1, 16))
        XCTAssertNil(general(1e-20, 10))
        XCTAssertNil(general(1e300, 10))
        XCTAssertEqual(fixed(-0.0, 3), "-0.000")
        XCTAssertEqual(general(-0.0, 10), "-0")
        XCTAssertEqual(fixed(2.5, 0), "2")
        XCTAssertEqual(fixed(0.125, 2), "0.12")
        XCTAssertEqual(general(9.9999999995, 10), String(format: "%.10g", 9.9999999995))
        XCTAssertNil(general(123456789012, 10), "a scale below 10^0")
        XCTAssertEqual(general(0.0000123, 3), "1.23e-05")
    }
}
