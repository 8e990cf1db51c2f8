import Foundation

/// Student's t distribution, for t-test and mixed-model p-values.
public enum StudentT {
    /// P(T ≤ t) for T ~ t(df). Each tail is computed directly from the
    /// incomplete beta function, so both tails keep relative accuracy.
    public static func cdf(_ t: Double, df: Double) -> Double {
        if t.isNaN || df.isNaN || df <= 0 { return .nan }
        if t.isInfinite { return t > 0 ? 1 : 0 }
        let tail = 0.5 * twoSidedP(t, df: df)
        return t > 0 ? 1 - tail : tail
    }

    /// P(|T| ≥ |t|). Computed as I_{ν/(ν+t²)}(ν/2, ½) — not as 2(1 − cdf) —
    /// because the study reports p-values as small as 1e-147, which `1 − cdf`
    /// would round to 0.
    public static func twoSidedP(_ t: Double, df: Double) -> Double {
        if t.isNaN || df.isNaN || df <= 0 { return .nan }
        if t.isInfinite { return 0 }
        let t2 = t * t
        if t2 == 0 { return 1 }
        // x = ν/(ν+t²) and 1 − x = t²/(ν+t²), each formed without cancellation.
        let denominator = df + t2
        return SpecialFunctions.regularizedIncompleteBeta(
            x: df / denominator, oneMinusX: t2 / denominator, a: df / 2, b: 0.5)
    }
}

extension StudentT {
    /// The t value with P(|T| ≥ t) = `twoSidedP` for T ~ t(df), e.g. 0.05 for
    /// the half-width multiplier of a 95% confidence interval. Found by
    /// bisection on `twoSidedP`, which is monotone in t, to the limit of
    /// double precision.
    public static func twoSidedCritical(_ twoSidedP: Double, df: Double) -> Double {
        if twoSidedP.isNaN || df.isNaN || df <= 0 || twoSidedP <= 0 || twoSidedP > 1 { return .nan }
        var lo = 0.0, hi = 1.0
        while StudentT.twoSidedP(hi, df: df) > twoSidedP { lo = hi; hi *= 2; if hi > 1e300 { return .infinity } }
        while true {
            let mid = 0.5 * (lo + hi)
            if mid <= lo || mid >= hi { break }
            if StudentT.twoSidedP(mid, df: df) > twoSidedP { lo = mid } else { hi = mid }
        }
        return 0.5 * (lo + hi)
    }
}
