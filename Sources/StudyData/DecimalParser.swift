import Foundation

/// Exact (correctly rounded) decimal-to-double parsing, much faster than
/// `strtod` on the log-prob tables' numbers.
///
/// Why it is exact: the digits are accumulated into a 64-bit integer `m`
/// (at most 18 significant digits here; more go to `strtod`) and the value
/// is m × 10^e. When m ≤ 2^53 and |e| ≤ 22 both factors are exact doubles
/// and one IEEE operation rounds once (Clinger's fast path). Otherwise, for
/// |e| ≤ 27 — the 17-digit shortest representations the tables are written
/// with — `ExactScaling` rounds m × 10^e with integer arithmetic. Everything
/// else (more digits, large exponents) goes to `strtod`, which is only ever
/// called on a NUL-terminated copy, never on the mapped file.
enum DecimalParser {
    /// 10^k for k in 0...22, each an exact double. A `switch` over
    /// literals, not a static array: a static is reached through a
    /// lazy-initialisation check on every call, and this runs once per
    /// number of every table (4 % of the score tables' load was that check).
    @inline(__always)
    static func power(_ k: Int) -> Double {
        switch k {
        case 0: return 1e0
        case 1: return 1e1
        case 2: return 1e2
        case 3: return 1e3
        case 4: return 1e4
        case 5: return 1e5
        case 6: return 1e6
        case 7: return 1e7
        case 8: return 1e8
        case 9: return 1e9
        case 10: return 1e10
        case 11: return 1e11
        case 12: return 1e12
        case 13: return 1e13
        case 14: return 1e14
        case 15: return 1e15
        case 16: return 1e16
        case 17: return 1e17
        case 18: return 1e18
        case 19: return 1e19
        case 20: return 1e20
        case 21: return 1e21
        default: return 1e22
        }
    }

    /// Parses `[start, end)`; nil when the text is not a number. Accepts
    /// `-inf`/`inf`/`-Infinity` (a log-prob of −∞ is meaningful); rejects NaN.
    static func parse(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        var i = start
        guard i < end else { return nil }
        var negative = false
        if p[i] == UInt8(ascii: "-") { negative = true; i += 1 } else if p[i] == UInt8(ascii: "+") { i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        var sawDigit = false
        while i < end, p[i] &- 48 < 10 {
            sawDigit = true
            if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(p[i] &- 48); if mantissa != 0 { digits += 1 } }
            else { exponent += 1 }
            i += 1
        }
        if i < end, p[i] == UInt8(ascii: ".") {
            i += 1
            while i < end, p[i] &- 48 < 10 {
                sawDigit = true
                // Eight digits at once once the leading zeros are behind
                // (every digit then counts) and all eight still fit the 19:
                // the same mantissa, exponent and count as one at a time.
                if mantissa != 0, digits <= 10, let eight = Self.eightDigits(p, i, end) {
                    mantissa = mantissa &* 100_000_000 &+ eight; exponent -= 8; digits += 8
                    i += 8
                    continue
                }
                // The last one to seven digits of the field at once, the same way.
                if mantissa != 0, end - i < 8, digits + (end - i) <= 19, let tail = Self.lastDigits(p, i, end) {
                    let count = end - i
                    mantissa = mantissa &* Self.integerPower(count) &+ tail; exponent -= count; digits += count
                    i = end
                    break
                }
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(p[i] &- 48); exponent -= 1; if mantissa != 0 { digits += 1 } }
                i += 1
            }
        }
        guard sawDigit else { return special(p, start, end) }
        if i < end, p[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            var expNegative = false
            if i < end, p[i] == UInt8(ascii: "-") { expNegative = true; i += 1 } else if i < end, p[i] == UInt8(ascii: "+") { i += 1 }
            var e = 0
            var sawExp = false
            while i < end, p[i] &- 48 < 10 {
                sawExp = true
                if e < 100_000 { e = e * 10 + Int(p[i] &- 48) }
                i += 1
            }
            guard sawExp else { return nil }
            exponent += expNegative ? -e : e
        }
        guard i == end else { return nil }
        if digits >= 19 { return slow(p, start, end) }   // may have dropped digits: let strtod decide
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        if mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
            let m = Double(mantissa)
            let v = exponent < 0 ? m / Self.power(-exponent) : m * Self.power(exponent)
            return negative ? -v : v
        }
        if exponent >= -ExactScaling.maxExponent, exponent <= ExactScaling.maxExponent {
            let v = ExactScaling.scale(mantissa, exponent)
            return negative ? -v : v
        }
        return slow(p, start, end)
    }

    /// The value of the eight bytes at `i` if all are ASCII digits ("SIMD
    /// within a register": three multiply-and-mask steps pair up digits, then
    /// pairs, then quadruples); nil if fewer than eight bytes are left or one
    /// is not a digit. Most log-probs have 14–16 fraction digits.
    @inline(__always)
    static func eightDigits(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> UInt64? {
        guard end - i >= 8 else { return nil }
        return value(ofDigits: UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)))
    }

    /// The number eight ASCII digits spell (the first in the lowest byte),
    /// or nil if a byte is not a digit.
    @inline(__always)
    private static func value(ofDigits word: UInt64) -> UInt64? {
        // Every byte 0x30…0x39: high nibble 3, and adding 6 does not carry into it.
        let high: UInt64 = 0xF0F0_F0F0_F0F0_F0F0, threes: UInt64 = 0x3030_3030_3030_3030
        guard word & high == threes, (word &+ 0x0606_0606_0606_0606) & high == threes else { return nil }
        var v = word &- threes                                                   // digit d_k in byte k (first digit lowest)
        v = (v &* 10 &+ (v >> 8)) & 0x00FF_00FF_00FF_00FF                        // pairs: 10·d0 + d1 …
        v = (v &* 100 &+ (v >> 16)) & 0x0000_FFFF_0000_FFFF                      // quadruples
        return (v &* 10_000 &+ (v >> 32)) & 0xFFFF_FFFF
    }

    /// 10^k for k in 0...7 (as `power`, without a static array).
    @inline(__always)
    static func integerPower(_ k: Int) -> UInt64 {
        switch k {
        case 0: return 1
        case 1: return 10
        case 2: return 100
        case 3: return 1_000
        case 4: return 10_000
        case 5: return 100_000
        case 6: return 1_000_000
        default: return 10_000_000
        }
    }

    /// The value of the 1–7 bytes `[i, end)` if all are ASCII digits, read
    /// as the eight bytes ending at `end` with the ones before `i` taken as
    /// "0" (so `eightDigits`' arithmetic applies); nil if one is not a digit
    /// or fewer than eight bytes precede `end` in the buffer. A 17-digit
    /// log-prob ends in 6–7 such digits, which were a loop step each.
    @inline(__always)
    static func lastDigits(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> UInt64? {
        let count = end - i
        guard count >= 1, count < 8, end >= 8 else { return nil }
        let word = UInt64(littleEndian: UnsafeRawPointer(p + (end - 8)).loadUnaligned(as: UInt64.self))
        let before: UInt64 = (1 << UInt64(8 * (8 - count))) &- 1                 // the bytes before `i` (lowest first)
        return value(ofDigits: (word & ~before) | (0x3030_3030_3030_3030 & before))
    }

    private static func special(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        let text = String(decoding: UnsafeBufferPointer(start: p + start, count: end - start), as: UTF8.self).lowercased()
        switch text {
        case "-inf", "-infinity": return -.infinity
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        default: return nil
        }
    }

    private static func slow(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        let count = end - start
        guard count < 400 else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 1) { buffer -> Double? in
            for k in 0..<count { buffer[k] = CChar(bitPattern: p[start + k]) }
            buffer[count] = 0
            var endPointer: UnsafeMutablePointer<CChar>?
            let v = strtod(buffer.baseAddress!, &endPointer)
            guard let endPointer, endPointer - buffer.baseAddress! == count, !v.isNaN else { return nil }
            return v
        }
    }
}
