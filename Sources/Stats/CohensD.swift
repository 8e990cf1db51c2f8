/// Cohen's d under the two SD conventions the report shows.
public struct CohensDResult: Codable, Equatable, Sendable {
    /// (mean x − mean y) / √((sx² + sy²)/2): reproduces the paper's
    /// "d = .40–.43" for the positive-framing Big Two panels.
    public var averageVariance: Double
    /// (mean x − mean y) / pooled SD √(((nx−1)sx² + (ny−1)sy²)/(nx+ny−2)),
    /// the textbook definition.
    public var pooled: Double

    public init(averageVariance: Double, pooled: Double) {
        self.averageVariance = averageVariance; self.pooled = pooled
    }
}

/// Standardised mean difference between two groups.
public enum CohensD {
    /// Cohen's d of x against y with both SD conventions (sign: x − y).
    public static func compute(_ x: [Double], _ y: [Double]) -> CohensDResult {
        let difference = Descriptive.mean(x) - Descriptive.mean(y)
        let vx = Descriptive.variance(x), vy = Descriptive.variance(y)
        let nx = Double(x.count), ny = Double(y.count)
        let averageSD = ((vx + vy) / 2).squareRoot()
        let pooledSD = (((nx - 1) * vx + (ny - 1) * vy) / (nx + ny - 2)).squareRoot()
        return CohensDResult(averageVariance: difference / averageSD, pooled: difference / pooledSD)
    }
}
