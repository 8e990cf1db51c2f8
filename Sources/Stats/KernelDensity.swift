import Foundation

/// Gaussian kernel density estimates for the violins of Figures 1 and 2.
public enum KernelDensity {
    /// R's `bw.nrd0`: 0.9 · min(sd, IQR/1.34) · n^(−1/5), with R's fallbacks when
    /// that minimum is 0 (sd, then |x₁|, then 1). IQR uses type-7 quartiles.
    /// Returns NaN for fewer than two points (R stops with an error there).
    public static func bandwidthNRD0(_ x: [Double]) -> Double {
        guard x.count >= 2 else { return .nan }
        let sd = Descriptive.standardDeviation(x)
        var lo = min(sd, Quantile.interquartileRange(x) / 1.34)
        if lo == 0 || lo.isNaN {
            if sd != 0 && !sd.isNaN { lo = sd } else if x[0] != 0 { lo = abs(x[0]) } else { lo = 1 }
        }
        return 0.9 * lo * pow(Double(x.count), -0.2)
    }

    /// The exact Gaussian KDE, (1/n) Σ φ((g − xᵢ)/h)/h, at each grid point.
    /// Deliberately exact rather than R `density()`'s binned FFT approximation:
    /// the n here are small (hundreds), and an exact sum is reproducible on any
    /// machine; the two differ by far less than a pixel of a violin.
    public static func evaluate(_ x: [Double], bandwidth: Double, at grid: [Double]) -> [Double] {
        guard !x.isEmpty, bandwidth > 0 else { return grid.map { _ in .nan } }
        let scale = 1 / (Double(x.count) * bandwidth * (2 * Double.pi).squareRoot())
        return grid.map { g in
            var sum = 0.0
            for v in x {
                let z = (g - v) / bandwidth
                sum += exp(-0.5 * z * z)
            }
            return sum * scale
        }
    }

    /// A density curve on `points` equally spaced grid points from
    /// min − cut·bw to max + cut·bw (the range R `density()` uses), with the
    /// `bw.nrd0` bandwidth and the exact kernel sum.
    public static func curve(_ x: [Double], points: Int = 128, cut: Double = 3) -> (grid: [Double], density: [Double]) {
        guard !x.isEmpty, points >= 2 else { return ([], []) }
        let bandwidth = bandwidthNRD0(x)
        guard bandwidth.isFinite, bandwidth > 0 else { return ([], []) }
        let from = x.min()! - cut * bandwidth
        let to = x.max()! + cut * bandwidth
        let step = (to - from) / Double(points - 1)
        var grid = (0..<points).map { from + Double($0) * step }
        grid[points - 1] = to
        return (grid, evaluate(x, bandwidth: bandwidth, at: grid))
    }
}
