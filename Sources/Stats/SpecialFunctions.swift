import Foundation

/// Special functions behind the t, F and beta distributions.
///
/// The p-values of the study reach 1e-147, so everything here is computed in a
/// form that keeps *relative* accuracy in the tails (no `1 − cdf` shortcuts).
public enum SpecialFunctions {
    /// log Γ(x) for x > 0. Wraps the C library's `lgamma`, which is accurate to a
    /// few ulps; kept behind this name so callers do not depend on libm directly.
    public static func logGamma(_ x: Double) -> Double {
        Foundation.lgamma(x)
    }

    /// log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b).
    public static func logBeta(_ a: Double, _ b: Double) -> Double {
        logGamma(a) + logGamma(b) - logGamma(a + b)
    }

    /// The regularized incomplete beta function I_x(a, b) (the Beta(a, b) CDF).
    ///
    /// Evaluated by a continued fraction on whichever side of the distribution's
    /// bulk `x` lies, so a small result is computed directly (relative accuracy)
    /// rather than as the complement of a number near 1.
    public static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
        regularizedIncompleteBeta(x: x, oneMinusX: 1 - x, a: a, b: b)
    }

    /// I_x(a, b) with 1 − x supplied separately: callers that know 1 − x exactly
    /// (e.g. t²/(ν + t²) for a t statistic near 0) avoid the rounding of `1 - x`.
    static func regularizedIncompleteBeta(x: Double, oneMinusX y: Double, a: Double, b: Double) -> Double {
        if x.isNaN || y.isNaN || a.isNaN || b.isNaN || a <= 0 || b <= 0 { return .nan }
        if x <= 0 { return 0 }
        if y <= 0 { return 1 }
        // The continued fraction converges fast for x < (a + 1)/(a + b + 2);
        // beyond that use I_x(a, b) = 1 − I_{1−x}(b, a), whose value is then ≥ ~½.
        if x < (a + 1) / (a + b + 2) {
            return frontFactor(x: x, y: y, a: a, b: b) * betaContinuedFraction(x: x, y: y, a: a, b: b) / a
        } else {
            return 1 - frontFactor(x: y, y: x, a: b, b: a) * betaContinuedFraction(x: y, y: x, a: b, b: a) / b
        }
    }

    /// x^a (1 − x)^b / B(a, b), in log space to avoid overflow and underflow.
    private static func frontFactor(x: Double, y: Double, a: Double, b: Double) -> Double {
        exp(a * log(x) + b * log(y) - logBeta(a, b))
    }

    /// The continued fraction for I_x(a, b) · a · B(a, b) / (x^a (1−x)^b),
    /// evaluated by the modified Lentz method.
    private static func betaContinuedFraction(x: Double, y: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        let epsilon = 1e-16
        var c = 1.0
        var d = 1.0 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var f = d
        for m in 1...100_000 {
            let md = Double(m)
            // Even step: d_{2m} = m (b − m) x / ((a + 2m − 1)(a + 2m)).
            let even = md * (b - md) * x / ((a + 2 * md - 1) * (a + 2 * md))
            d = 1 + even * d
            if abs(d) < tiny { d = tiny }
            c = 1 + even / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            f *= d * c
            // Odd step: d_{2m+1} = −(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)).
            let odd = -(a + md) * (a + b + md) * x / ((a + 2 * md) * (a + 2 * md + 1))
            d = 1 + odd * d
            if abs(d) < tiny { d = tiny }
            c = 1 + odd / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            f *= delta
            if abs(delta - 1) < epsilon { break }
        }
        return f
    }
}
