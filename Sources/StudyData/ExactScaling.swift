/// m × 10^q correctly rounded to a Double with integer arithmetic only, for
/// the numbers Clinger's fast path cannot take: up to 19 significant digits
/// (m < 2^64) and |q| ≤ 27.
///
/// Why it is exact: 10^q = 5^q · 2^q, and 5^27 < 2^63 fits a UInt64. For
/// q ≥ 0, m · 5^q is an exact 128-bit product. For q < 0, m is shifted left
/// so that the quotient (m · 2^s) / 5^|q| has 63–64 bits, and one full-width
/// integer division gives that quotient and its remainder exactly. Either
/// way we hold the exact value as "integer + whether anything nonzero was
/// cut off", which is all round-to-nearest-even needs; the power of two is
/// applied last and is exact because every result is a normal double
/// (1e-27 ≤ value < 2^64 · 1e27). This replaces an x87 `Float80` path that
/// needed a `strtod` fallback near halfway points and did not exist on ARM.
enum ExactScaling {
    static let maxExponent = 27
    private static let powersOf5: [UInt64] = (1...maxExponent).reduce(into: [1]) { p, _ in p.append(p.last! * 5) }

    /// `m × 10^q` for 1 ≤ m, |q| ≤ 27.
    static func scale(_ m: UInt64, _ q: Int) -> Double {
        if q >= 0 {
            let (high, low) = m.multipliedFullWidth(by: powersOf5[q])
            return round(high: high, low: low, sticky: false, exponent: q)
        }
        let k = -q, d = powersOf5[k]
        let s = 63 - bitLength(m) + bitLength(d)          // 2 ≤ s ≤ 125
        let high = s >= 64 ? m << UInt64(s - 64) : m >> UInt64(64 - s)
        let low = s >= 64 ? 0 : m << UInt64(s)
        let (quotient, remainder) = d.dividingFullWidth((high: high, low: low))
        return round(high: 0, low: quotient, sticky: remainder != 0, exponent: -s - k)
    }

    @inline(__always) private static func bitLength(_ x: UInt64) -> Int { 64 - x.leadingZeroBitCount }

    /// (high · 2^64 + low + a fraction in (0, 1) when `sticky`) · 2^exponent,
    /// rounded to nearest, ties to even. With `sticky`, the integer part must
    /// have more than 53 bits (the division path guarantees 63–64).
    private static func round(high: UInt64, low: UInt64, sticky: Bool, exponent: Int) -> Double {
        var x = low, sticky = sticky, exponent = exponent
        if high != 0 {                                    // fold the 128-bit value into 64 bits + sticky
            let drop = bitLength(high)
            x = (high << UInt64(64 - drop)) | (low >> UInt64(drop))
            sticky = sticky || low & ((1 << UInt64(drop)) &- 1) != 0
            exponent += drop
        }
        let bits = bitLength(x)
        if bits <= 53 { return Double(sign: .plus, exponent: exponent, significand: Double(x)) }   // exact, sticky is false here
        let shift = UInt64(bits - 53)
        var kept = x >> shift
        let rest = x & ((1 << shift) &- 1), half: UInt64 = 1 << (shift - 1)
        if rest > half || (rest == half && (sticky || kept & 1 == 1)) { kept += 1 }
        exponent += Int(shift)
        if kept == 1 << 53 { kept >>= 1; exponent += 1 }
        return Double(sign: .plus, exponent: exponent, significand: Double(kept))
    }
}
