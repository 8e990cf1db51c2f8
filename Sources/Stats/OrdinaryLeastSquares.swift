/// An ordinary least-squares fit: what the Type II ANOVA of Fig. 2 compares.
public struct OLSFit: Sendable, Equatable {
    public var coefficients: [Double]
    public var columnNames: [String]
    /// Residual sum of squares.
    public var rss: Double
    public var observations: Int
    /// n − p.
    public var residualDF: Int
}

public enum OrdinaryLeastSquares {
    /// Fits y ~ X by QR through OpenBLAS/LAPACK. Throws when X is rank
    /// deficient (e.g. a factor-level combination has no rows), because a
    /// silently dropped column would change every test built on the fit.
    public static func fit(response y: [Double], design: DesignMatrix) throws -> OLSFit {
        try fit(response: y, columns: Array(0..<design.columnCount), of: design)
    }

    /// Fits y on a subset of the design's columns (sub-models of an ANOVA).
    public static func fit(response y: [Double], columns: [Int], of design: DesignMatrix) throws -> OLSFit {
        let n = design.rowCount, p = columns.count
        guard y.count == n else { throw StatsError("OLS: \(y.count) responses for \(n) design rows") }
        guard n > p else { throw StatsError("OLS: \(n) observations cannot fit \(p) coefficients") }
        var a = [Double]()
        a.reserveCapacity(n * p)
        for j in columns { a += design.values[(j * n)..<((j + 1) * n)] }
        guard let solution = LinearAlgebra.leastSquares(a, rows: n, columns: p, y) else {
            throw StatsError("OLS: the design (\(columns.map { design.columnNames[$0] }.joined(separator: ", "))) is rank deficient")
        }
        return OLSFit(coefficients: solution.x, columnNames: columns.map { design.columnNames[$0] },
                      rss: solution.rss, observations: n, residualDF: n - p)
    }
}
