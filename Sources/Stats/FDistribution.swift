import Foundation

/// The F distribution, for ANOVA p-values.
public enum FDistribution {
    /// P(F ≥ f) for F ~ F(df1, df2): I_{df2/(df2 + df1 f)}(df2/2, df1/2).
    /// Taken straight from the incomplete beta so that tiny p-values keep
    /// their relative accuracy (no `1 − cdf`).
    public static func upperTail(_ f: Double, df1: Double, df2: Double) -> Double {
        if f.isNaN || df1.isNaN || df2.isNaN || df1 <= 0 || df2 <= 0 { return .nan }
        if f <= 0 { return 1 }
        if f.isInfinite { return 0 }
        let scaled = df1 * f
        let denominator = df2 + scaled
        return SpecialFunctions.regularizedIncompleteBeta(
            x: df2 / denominator, oneMinusX: scaled / denominator, a: df2 / 2, b: df1 / 2)
    }
}
