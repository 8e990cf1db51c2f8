import Foundation
@testable import StudyData
import XCTest

/// The exact decimal parser: bit-identical to `strtod` on the tables' shapes.
final class DecimalParserTests: XCTestCase {
    func parse(_ s: String) -> Double? {
        let bytes = Array(s.utf8)
        return bytes.withUnsafeBufferPointer { DecimalParser.parse($0.baseAddress!, 0, $0.count) }
    }

    /// A million strings in the shapes the tables use (Python repr of a
    /// float64, 6-decimal fixed, scientific with 0–19 digits, `%g` with up to
    /// 25 significant digits) plus edge cases, each compared bit for bit.
    func testAMillionStringsMatchStrtodBitForBit() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return state }
        var samples = ["-0", "-0.0", "0", "0.0", "-0e5", "1e-320", "-1e-320", "-4.9406564584124654e-324", "-2.4703282292062328e-324",
                       "-2.2250738585072011e-308", "-2.2250738585072014e-308", "-1.7976931348623157e308", "-12.345678901234567",
                       "-0.000123456789012345678901", "-123456789012345678901234", "-1.0000000000000002", "-9007199254740993",
                       "-9007199254740992.5", "-0.30000000000000004", "-3.1e-05", "-1e22", "-1e23", "-8.98846567431158e307",
                       "-1.00000000000000011102230246251565404236316680908203125", "-40.00000000000000710542735760100185871124267578125",
                       "-7.0e-10", "-1E-5", "-.5", "-5.", "+3", "-0.1000000000000000055511151231257827"]
        for _ in 0..<1_000_000 {
            let bits = next()
            let x = -Double(bitPattern: (bits & 0x000F_FFFF_FFFF_FFFF) | (UInt64(1013 + Int(bits >> 60)) << 52))
            switch bits % 4 {
            case 0: samples.append("\(x)")
            case 1: samples.append(String(format: "%.6f", x))
            case 2: samples.append(String(format: "%.\(Int(bits >> 58) % 20)e", x * pow(10, Double(Int(bits >> 50) % 40) - 20)))
            default: samples.append(String(format: "%.\(Int(bits >> 57) % 25 + 1)g", x))
            }
        }
        var mismatches = 0
        for s in samples {
            let ours = parse(s)
            let reference = strtod(s, nil)
            if ours?.bitPattern != reference.bitPattern {
                mismatches += 1
                if mismatches < 5 { XCTFail("\(s): \(String(describing: ours)) vs strtod \(reference)") }
            }
        }
        XCTAssertEqual(mismatches, 0)
        XCTAssertGreaterThan(samples.count, 1_000_000)
    }

    /// The integer path on its own, over its whole range: every exponent
    /// −27…27 with mantissas of 1–19 digits (and powers of two and ties,
    /// where rounding is decided), against `strtod`.
    func testExactScalingOverItsWholeRange() {
        var rng = SplitMix64(seed: 99)
        var mismatches = 0
        for q in -ExactScaling.maxExponent...ExactScaling.maxExponent {
            var mantissas: [UInt64] = [1, 5, 9_007_199_254_740_993, 9_007_199_254_740_995, 18_014_398_509_481_983, 9_999_999_999_999_999_999,
                                       UInt64(1) << 63, (UInt64(1) << 54) + 2, (UInt64(1) << 54) + 6]
            for _ in 0..<12_000 {
                let digits = 1 + Int(rng.next() % 19)
                var limit: UInt64 = 1
                for _ in 0..<digits { limit = limit &* 10 }
                mantissas.append(1 + rng.next() % (limit - 1))
            }
            for m in mantissas {
                let ours = ExactScaling.scale(m, q), reference = strtod("\(m)e\(q)", nil)
                if ours.bitPattern != reference.bitPattern {
                    mismatches += 1
                    if mismatches < 5 { XCTFail("\(m)e\(q): \(ours) vs strtod \(reference)") }
                }
            }
        }
        XCTAssertEqual(mismatches, 0)
    }

    /// The eight-digits-at-once step against reading the digits one by one:
    /// all digits, each position holding a neighbour of the digit range
    /// ('/' and ':', 0x30 ± 16, high bytes), and fewer than eight bytes left.
    /// The powers of ten the fast path divides and multiplies by are the exact doubles and integers.
    func testPowersOfTenAreExact() {
        for k in 0...22 { XCTAssertEqual(DecimalParser.power(k), pow(10.0, Double(k)), "10^\(k)") }
        for k in 0...7 { XCTAssertEqual(DecimalParser.integerPower(k), (0..<k).reduce(UInt64(1)) { r, _ in r * 10 }, "10^\(k)") }
    }

    func testEightDigitsAtOnceMatchesOneByOne() {
        var rng = SplitMix64(seed: 7)
        let near: [UInt8] = [0x2F, 0x3A, 0x20, 0x40, 0x3F, 0xB0, 0xB9, 0xF0, 0x00, UInt8(ascii: "."), UInt8(ascii: "e")]
        for trial in 0..<50_000 {
            var bytes = (0..<8).map { _ in UInt8(ascii: "0") + UInt8(rng.next() % 10) }
            if trial % 2 == 1 { bytes[Int(rng.next() % 8)] = near[Int(rng.next() % UInt64(near.count))] }
            let want: UInt64? = bytes.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } ? bytes.reduce(0) { $0 * 10 + UInt64($1 - 0x30) } : nil
            let got = bytes.withUnsafeBufferPointer { DecimalParser.eightDigits($0.baseAddress!, 0, 8) }
            XCTAssertEqual(got, want, "\(bytes)")
            if got != want { return }
        }
        let seven = Array("1234567".utf8)
        XCTAssertNil(seven.withUnsafeBufferPointer { DecimalParser.eightDigits($0.baseAddress!, 0, 7) })
        XCTAssertEqual(parse("-0.000000001234567890123"), strtod("-0.000000001234567890123", nil))
        XCTAssertEqual(parse("-19.95777037858877")?.bitPattern, strtod("-19.95777037858877", nil).bitPattern)
    }

    /// The last 1–7 digits at once: any bytes before them (even non-digits)
    /// are ignored, any non-digit among them gives nil.
    func testLastDigitsAtOnceMatchesOneByOne() {
        var rng = SplitMix64(seed: 13)
        let near: [UInt8] = [0x2F, 0x3A, 0x20, 0x40, 0xB0, 0x00, UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "-")]
        for trial in 0..<50_000 {
            let total = 8 + Int(rng.next() % 8)
            var bytes = (0..<total).map { _ in rng.next() % 3 == 0 ? near[Int(rng.next() % UInt64(near.count))] : UInt8(ascii: "0") + UInt8(rng.next() % 10) }
            let count = 1 + Int(rng.next() % 7)
            let i = total - count
            if trial % 2 == 0 { for k in i..<total { bytes[k] = UInt8(ascii: "0") + UInt8(rng.next() % 10) } }
            let digits = bytes[i...]
            let want: UInt64? = digits.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } ? digits.reduce(0) { $0 * 10 + UInt64($1 - 0x30) } : nil
            let got = bytes.withUnsafeBufferPointer { DecimalParser.lastDigits($0.baseAddress!, i, total) }
            XCTAssertEqual(got, want, "\(bytes) from \(i)")
            if got != want { return }
        }
        let short = Array("1.25".utf8)   // fewer than eight bytes before the end: not read
        XCTAssertNil(short.withUnsafeBufferPointer { DecimalParser.lastDigits($0.baseAddress!, 2, 4) })
        XCTAssertEqual(parse("-1.25")?.bitPattern, strtod("-1.25", nil).bitPattern)
    }

    func testSignedZeroSubnormalsAndInfinity() {
        XCTAssertEqual(parse("-0")?.bitPattern, (-0.0).bitPattern)
        XCTAssertEqual(parse("-0.0")?.bitPattern, (-0.0).bitPattern)
        XCTAssertEqual(parse("1e-320"), strtod("1e-320", nil))
        XCTAssertTrue(parse("1e-320")!.isSubnormal)
        XCTAssertEqual(parse("-inf"), -.infinity)
        XCTAssertEqual(parse("-Infinity"), -.infinity)
    }

    func testNonNumbersAreRejected() {
        for s in ["", "-", "abc", "nan", "NaN", "-nan", "1e", "1e+", "--1", "1.2.3", "1,5", " 1", "1 ", "0x10", "\u{0}"] {
            XCTAssertNil(parse(s), s.debugDescription)
        }
    }
}
