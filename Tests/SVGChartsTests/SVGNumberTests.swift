@testable import SVGCharts
import XCTest

/// `SVGNumber.fixed` prints exactly what its earlier, String-editing form
/// printed (kept here as the reference), so every chart stays byte-identical.
final class SVGNumberTests: XCTestCase {
    /// The earlier implementation: pad the fraction's digits, then strip
    /// trailing zeros character by character.
    static func reference(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "0" }
        let places = max(0, min(decimals, 9))
        let clamped = min(max(value, -SVGNumber.limit), SVGNumber.limit)
        var scale: Double = 1
        for _ in 0..<places { scale *= 10 }
        let magnitude = abs(clamped)
        var whole = magnitude.rounded(.towardZero)
        var fraction = ((magnitude - whole) * scale).rounded()
        if fraction >= scale { whole += 1; fraction -= scale }
        let wholeInt = Int64(whole)
        let fractionInt = Int64(fraction)
        if wholeInt == 0 && fractionInt == 0 { return "0" }
        var digits = String(fractionInt)
        digits = String(repeating: "0", count: places - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        let sign = clamped < 0 ? "-" : ""
        return digits.isEmpty ? "\(sign)\(wholeInt)" : "\(sign)\(wholeInt).\(digits)"
    }

    func testFixedEqualsTheReference() {
        var values: [Double] = [0, -0.0, 0.005, -0.005, 0.125, 0.5, -0.5, 0.995, 9.995, 1e-9, -1e-9, 0.1, 0.01, 0.001, 100, 100.5, 12.345,
                                -3.25, 1e12, -1e12, 2e12, 999_999_999_999.999, .greatestFiniteMagnitude, .leastNonzeroMagnitude,
                                .nan, .infinity, -.infinity]
        var state: UInt64 = 7
        for _ in 0..<5_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let unit = Double(state >> 11) / Double(1 << 53) * 2 - 1
            values.append(unit * [1, 10, 100, 1_000, 1e6, 1e-3][Int((state >> 20) % 6)])
            values.append(Double(Int((state >> 30) % 20_001) - 10_000) / 1_000)
        }
        // (The reference trapped at 0 decimals, on the "0" of an empty fraction; no chart asked for 0.)
        for decimals in 1...10 {
            for x in values {
                XCTAssertEqual(SVGNumber.fixed(x, decimals: decimals), Self.reference(x, decimals: decimals), "\(x) at \(decimals)")
            }
        }
    }

    /// At 0 decimals (or fewer, read as 0) the value is rounded half away from zero to an integer.
    func testNoDecimalsGivesTheRoundedInteger() {
        for decimals in [-1, 0] {
            XCTAssertEqual(SVGNumber.fixed(0.5, decimals: decimals), "1")
            XCTAssertEqual(SVGNumber.fixed(-2.5, decimals: decimals), "-3")
            XCTAssertEqual(SVGNumber.fixed(2.4, decimals: decimals), "2")
            XCTAssertEqual(SVGNumber.fixed(-0.4, decimals: decimals), "0")
            XCTAssertEqual(SVGNumber.fixed(1234, decimals: decimals), "1234")
        }
    }
}
