import Foundation

/// The standard normal distribution (KDE kernels, confidence bands).
public enum NormalDistribution {
    /// Φ(z), via `erfc` so that the lower tail keeps relative accuracy.
    public static func cdf(_ z: Double) -> Double {
        0.5 * erfc(-z / 2.0.squareRoot())
    }

    /// The standard normal density φ(z).
    public static func pdf(_ z: Double) -> Double {
        exp(-0.5 * z * z) / (2 * Double.pi).squareRoot()
    }

    /// Φ⁻¹(p). A rational starting value (Abramowitz & Stegun 26.2.23, error
    /// < 4.5e-4) polished by Halley steps on the lower tail, which converges to
    /// full double precision; the upper half uses the symmetry Φ⁻¹(p) = −Φ⁻¹(1 − p),
    /// where 1 − p is exact for p ≥ ½.
    public static func quantile(_ p: Double) -> Double {
        if p.isNaN || p < 0 || p > 1 { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        if p > 0.5 { return -lowerQuantile(1 - p) }
        return lowerQuantile(p)
    }

    /// Φ⁻¹(p) for 0 < p < ½.
    private static func lowerQuantile(_ p: Double) -> Double {
        let s = (-2 * log(p)).squareRoot()
        let numerator = 2.515517 + s * (0.802853 + s * 0.010328)
        let denominator = 1 + s * (1.432788 + s * (0.189269 + s * 0.001308))
        var z = -(s - numerator / denominator)
        for _ in 0..<50 {
            let density = pdf(z)
            if density == 0 { break }
            // Newton step u = (Φ(z) − p)/φ(z); Halley corrects by 1/(1 + z·u/2).
            let u = (cdf(z) - p) / density
            let step = u / (1 + 0.5 * z * u)
            z -= step
            if abs(step) <= 1e-15 * max(1, abs(z)) { break }
        }
        return z
    }
}
