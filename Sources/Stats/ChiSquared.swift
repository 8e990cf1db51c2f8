import Foundation

/// The χ² distribution, for likelihood-ratio tests between nested mixed models.
public enum ChiSquared {
    /// P(X ≥ x) for X ~ χ²(df) = Q(df/2, x/2), the regularized upper incomplete gamma.
    public static func upperTail(_ x: Double, df: Double) -> Double {
        if x.isNaN || df.isNaN || df <= 0 { return .nan }
        if x <= 0 { return 1 }
        if x.isInfinite { return 0 }
        return SpecialFunctions.regularizedUpperGamma(a: df / 2, x: x / 2)
    }
}

extension SpecialFunctions {
    /// Q(a, x) = Γ(a, x)/Γ(a). Below x = a + 1 the series for P converges fast
    /// and Q = 1 − P is not small; above it the continued fraction gives Q
    /// directly, so small upper tails keep their relative accuracy.
    public static func regularizedUpperGamma(a: Double, x: Double) -> Double {
        if x.isNaN || a.isNaN || a <= 0 || x < 0 { return .nan }
        if x == 0 { return 1 }
        let logFront = a * log(x) - x - logGamma(a)
        if x < a + 1 {
            var term = 1 / a, sum = term, ap = a
            for _ in 0..<100_000 {
                ap += 1
                term *= x / ap
                sum += term
                if abs(term) < abs(sum) * 1e-17 { break }
            }
            return 1 - sum * exp(logFront)
        }
        // Modified Lentz evaluation of the continued fraction for Γ(a, x).
        let tiny = 1e-300
        var b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d
        for i in 1...100_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return exp(logFront) * h
    }
}
