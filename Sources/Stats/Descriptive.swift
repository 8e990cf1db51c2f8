import Foundation

/// Descriptive statistics. Kept in plain loops (not BLAS) because the inputs are
/// short and the exact summation order is part of reproducing R to 1e-6.
public enum Descriptive {
    /// Arithmetic mean; NaN for an empty sample.
    public static func mean(_ x: [Double]) -> Double {
        guard !x.isEmpty else { return .nan }
        var s = 0.0
        for v in x { s += v }
        return s / Double(x.count)
    }

    /// Sample variance with denominator n − 1 (R's `var`); NaN when n < 2.
    public static func variance(_ x: [Double]) -> Double {
        guard x.count > 1 else { return .nan }
        let m = mean(x)
        var s = 0.0
        for v in x { s += (v - m) * (v - m) }
        return s / Double(x.count - 1)
    }

    /// Sample standard deviation (n − 1).
    public static func standardDeviation(_ x: [Double]) -> Double { variance(x).squareRoot() }

    /// Standard error of the mean, sd / √n.
    public static func standardError(_ x: [Double]) -> Double {
        standardDeviation(x) / Double(x.count).squareRoot()
    }

    /// Median; the mean of the two middle values for an even count (R's `median`).
    public static func median(_ x: [Double]) -> Double {
        guard !x.isEmpty else { return .nan }
        let s = x.sorted()
        let n = s.count
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
    }
}
