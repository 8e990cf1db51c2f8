/// Sample quantiles, needed for the IQR in R's default KDE bandwidth.
public enum Quantile {
    /// R's `quantile(x, p, type = 7)`: linear interpolation between order
    /// statistics at position 1 + (n − 1)p. Uses R's own form
    /// (1 − h)·x[lo] + h·x[hi] so results match R to the last bits.
    public static func type7(_ x: [Double], _ p: Double) -> Double {
        guard !x.isEmpty, p >= 0, p <= 1 else { return .nan }
        let s = x.sorted()
        let index = Double(s.count - 1) * p
        let lo = Int(index.rounded(.down))
        let hi = Int(index.rounded(.up))
        let h = index - Double(lo)
        let low = s[lo]
        if hi == lo || s[hi] == low { return low }
        return (1 - h) * low + h * s[hi]
    }

    /// Interquartile range with type-7 quartiles (R `IQR`).
    public static func interquartileRange(_ x: [Double]) -> Double {
        type7(x, 0.75) - type7(x, 0.25)
    }
}
