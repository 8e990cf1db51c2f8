/// glibc's `%.Nf` and `%.Ng` of one Double, byte for byte, for the values a
/// report prints most (moderate magnitudes, up to 15 digits), without
/// snprintf: its exact multi-precision conversion cost ~2,800 instructions
/// a number, and a site prints ~100,000 numbers. Any other value (NaN,
/// infinities, very large or very small magnitudes, more digits) returns
/// nil, and the caller uses snprintf.
///
/// Why the text is exact, not close: printf rounds the exact binary value
/// of x, ties to even. With s = 10^k exact (k ≤ 22), p = fl(|x|·s) and
/// e = fma(|x|, s, −p), the exact product is p + e, so rounding it to an
/// integer needs only which side of one half the fraction of p plus e lies.
/// With p < 2^50, floor(p) and frac = p − floor(p) are exact and |e| ≤
/// ulp(p)/2 ≤ 1/16: a frac below 1/4 rounds down whatever e is; otherwise
/// frac − 1/2 is exact (Sterbenz) and fl(frac − 1/2 + e) has the sign of the
/// exact sum, zero only when it is a tie. The digits of that integer are then
/// placed as printf places them. The tests compare every path with snprintf.
package enum ExactDecimalText {
    /// Powers of ten that are exact Doubles.
    private static let powers: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { value, _ in value * 10 } }
    /// 2^50: products below it have an exact floor and an error of at most 1/16.
    private static let productLimit = 1_125_899_906_842_624.0

    /// `%.<decimals>f` of x into `out` (at least 64 bytes); the number of
    /// bytes written, or nil for a value this path does not take.
    package static func fixed(_ x: Double, decimals: Int, into out: UnsafeMutablePointer<UInt8>) -> Int? {
        guard x.isFinite, decimals >= 0, decimals <= 15 else { return nil }
        let magnitude = abs(x)
        guard let n = roundedProduct(magnitude, scale: decimals) else { return nil }
        var count = 0
        if x.sign == .minus { out[0] = UInt8(ascii: "-"); count = 1 }
        return count + placeFixed(n, decimals: decimals, stripZeros: false, into: out + count)
    }

    /// `%.<significant>g` of x (precision 0 counts as 1, as in C) into `out`
    /// (at least 64 bytes); the number of bytes written, or nil.
    package static func general(_ x: Double, significant: Int, into out: UnsafeMutablePointer<UInt8>) -> Int? {
        guard x.isFinite, significant >= 0, significant <= 15 else { return nil }
        let digits = max(significant, 1)
        var count = 0
        if x.sign == .minus { out[0] = UInt8(ascii: "-"); count = 1 }
        let magnitude = abs(x)
        if magnitude == 0 { out[count] = UInt8(ascii: "0"); return count + 1 }
        // k: the scale that leaves `digits` digits before the point after rounding.
        let low = UInt64(powers[digits - 1]), high = UInt64(powers[digits])
        // First guess from the binary exponent (log10 2 ≈ 0.30103); off by at most one, which the loop mends.
        var k = digits - 1 - Int((Double(magnitude.exponent) * 0.30102999566398120).rounded(.down))
        var n: UInt64 = 0
        var settled = false
        for _ in 0..<3 {
            guard k >= 0, k <= 22, let rounded = roundedProduct(magnitude, scale: k) else { return nil }
            if rounded >= high { k -= 1 } else if rounded < low { k += 1 } else { n = rounded; settled = true; break }
        }
        guard settled else { return nil }
        let exponent = digits - 1 - k
        if exponent < -4 || exponent >= digits {
            // d.ddd…e±XX, trailing zeros of the fraction dropped.
            count += placeFixed(n, decimals: digits - 1, stripZeros: true, into: out + count)
            out[count] = UInt8(ascii: "e"); count += 1
            out[count] = exponent < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"); count += 1
            let e = exponent.magnitude
            if e >= 100 { out[count] = UInt8(ascii: "0") + UInt8(e / 100); count += 1 }
            out[count] = UInt8(ascii: "0") + UInt8(e / 10 % 10); count += 1
            out[count] = UInt8(ascii: "0") + UInt8(e % 10); count += 1
            return count
        }
        return count + placeFixed(n, decimals: k, stripZeros: true, into: out + count)
    }

    /// |x| · 10^scale rounded to an integer as printf rounds (exact value,
    /// ties to even), or nil when the product is 2^50 or more.
    private static func roundedProduct(_ magnitude: Double, scale: Int) -> UInt64? {
        let s = powers[scale]
        let p = magnitude * s
        guard p < productLimit else { return nil }
        let e = (-p).addingProduct(magnitude, s)   // fma(|x|, s, −p): the product's exact remainder
        let whole = p.rounded(.down)
        var n = UInt64(whole)
        let fraction = p - whole
        if fraction >= 0.25 {
            let side = (fraction - 0.5) + e
            if side > 0 || (side == 0 && n & 1 == 1) { n += 1 }
        }
        return n
    }

    /// The decimal digits of n with a point before the last `decimals` of
    /// them (zero-padded as needed); with `stripZeros`, trailing zeros after
    /// the point are dropped, and the point too when nothing follows it.
    private static func placeFixed(_ n: UInt64, decimals: Int, stripZeros: Bool, into out: UnsafeMutablePointer<UInt8>) -> Int {
        var digits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)   // 32 bytes: n has at most 16 digits, padded to 23
        return withUnsafeMutableBytes(of: &digits) { buffer in
            var length = 0
            var rest = n
            repeat {
                buffer[31 - length] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                length += 1
            } while rest > 0
            while length < decimals + 1 { buffer[31 - length] = UInt8(ascii: "0"); length += 1 }
            let first = 32 - length, point = 32 - decimals
            var count = 0
            for i in first..<point { out[count] = buffer[i]; count += 1 }
            var last = 32
            if stripZeros { while last > point && buffer[last - 1] == UInt8(ascii: "0") { last -= 1 } }
            if last > point {
                out[count] = UInt8(ascii: "."); count += 1
                for i in point..<last { out[count] = buffer[i]; count += 1 }
            }
            return count
        }
    }
}
