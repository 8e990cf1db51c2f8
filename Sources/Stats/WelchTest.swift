import Foundation

/// Result of a Welch two-sample t-test.
public struct WelchTestResult: Codable, Equatable, Sendable {
    /// (mean x − mean y) / √(sx²/nx + sy²/ny).
    public var t: Double
    /// Welch–Satterthwaite degrees of freedom.
    public var df: Double
    /// Two-sided p-value.
    public var p: Double
    public var meanX: Double
    public var meanY: Double
    public var nX: Int
    public var nY: Int

    public init(t: Double, df: Double, p: Double, meanX: Double, meanY: Double, nX: Int, nY: Int) {
        self.t = t; self.df = df; self.p = p
        self.meanX = meanX; self.meanY = meanY; self.nX = nX; self.nY = nY
    }
}

/// The unequal-variance t-test. It is what the study's published Figure 1 really
/// reports (its script reads the Welch p out of a permutation-test result), so
/// it must match R's `t.test(x, y)` exactly.
public enum WelchTest {
    /// Welch t-test of x against y (R `t.test(x, y)`, two-sided). Needs at
    /// least two values per group; otherwise the statistics are NaN.
    public static func test(_ x: [Double], _ y: [Double]) -> WelchTestResult {
        let mx = Descriptive.mean(x), my = Descriptive.mean(y)
        let nx = Double(x.count), ny = Double(y.count)
        let vx = Descriptive.variance(x) / nx
        let vy = Descriptive.variance(y) / ny
        let se2 = vx + vy
        let t = (mx - my) / se2.squareRoot()
        let df = se2 * se2 / (vx * vx / (nx - 1) + vy * vy / (ny - 1))
        return WelchTestResult(t: t, df: df, p: StudentT.twoSidedP(t, df: df),
                               meanX: mx, meanY: my, nX: x.count, nY: y.count)
    }
}
