import Foundation

/// Result of Student's two-sample t-test (equal variances).
public struct StudentTestResult: Codable, Equatable, Sendable {
    /// (mean x − mean y) / (s_pooled · √(1/nx + 1/ny)).
    public var t: Double
    /// nx + ny − 2.
    public var df: Double
    /// Two-sided p-value.
    public var p: Double

    public init(t: Double, df: Double, p: Double) {
        self.t = t; self.df = df; self.p = p
    }
}

/// The equal-variance two-sample t-test (R `t.test(x, y, var.equal = TRUE)`).
/// At the level of reward models it is the test a between-RM contrast gets
/// from a balanced maximal mixed model, which is why the robustness page
/// shows it next to Welch's.
public enum StudentTwoSampleTest {
    /// Needs at least one value per group and three in all; otherwise NaN.
    public static func test(_ x: [Double], _ y: [Double]) -> StudentTestResult {
        let nx = Double(x.count), ny = Double(y.count)
        let df = nx + ny - 2
        guard x.count >= 1, y.count >= 1, df >= 1 else { return StudentTestResult(t: .nan, df: df, p: .nan) }
        let mx = Descriptive.mean(x), my = Descriptive.mean(y)
        var squares = 0.0
        for v in x { squares += (v - mx) * (v - mx) }
        for v in y { squares += (v - my) * (v - my) }
        let pooled = squares / df
        let t = (mx - my) / (pooled * (1 / nx + 1 / ny)).squareRoot()
        return StudentTestResult(t: t, df: df, p: StudentT.twoSidedP(t, df: df))
    }
}
