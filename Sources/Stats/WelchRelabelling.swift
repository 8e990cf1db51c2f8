/// One Welch permutation test made ready for relabelling: the pooled sample
/// (centred, so the one-pass variance stays exact enough) and the statistic
/// each relabelling is held against.
///
/// Each relabelling needs only the smaller group's sum and sum of squares:
/// the pooled totals never change. |t| is symmetric in the groups, so
/// drawing the smaller one is the same as drawing x.
struct WelchRelabelling {
    /// x then y, minus the pooled mean.
    let pooled: [Double]
    /// Size of the smaller group (the one each relabelling draws).
    let drawn: Int
    let observed: WelchTestResult
    let statistic: RelabelledWelchT

    /// nil when the test has nothing to relabel: a group under two values or
    /// a non-finite observed t (the caller reports p = 1). `observed` is
    /// `WelchTest.test(x, y)`, which the caller needs either way.
    init?(_ x: [Double], _ y: [Double], observed: WelchTestResult) {
        self.observed = observed
        guard x.count >= 2, y.count >= 2, observed.t.isFinite else { return nil }
        let center = Descriptive.mean(x + y)
        let pooled = (x + y).map { $0 - center }
        var totalSum = 0.0, totalSquares = 0.0
        for v in pooled { totalSum += v; totalSquares += v * v }
        let drawn = min(x.count, y.count)
        // The observed labelling's |t| through the same one-pass formula, so
        // that the observed labelling, if redrawn, compares equal up to
        // summation order.
        let observedStart = x.count <= y.count ? 0 : x.count
        var sumA = 0.0, squaresA = 0.0
        for k in observedStart..<(observedStart + drawn) { sumA += pooled[k]; squaresA += pooled[k] * pooled[k] }
        self.pooled = pooled
        self.drawn = drawn
        statistic = RelabelledWelchT(totalSum: totalSum, totalSquares: totalSquares,
                                     sizeA: Double(drawn), sizeB: Double(pooled.count - drawn),
                                     observedSumA: sumA, observedSquaresA: squaresA)
    }

    func result(resamples: Int, extremeCount: Int) -> PermutationTestResult {
        PermutationTestResult(resamples: resamples, extremeCount: extremeCount,
                              p: Double(1 + extremeCount) / Double(resamples + 1), observedT: observed.t)
    }
}

/// |t| of a relabelling from its drawn group's sum and sum of squares, and
/// whether it is as extreme as the observed labelling's. A plain value (no
/// arrays), so the per-relabelling test touches no reference counts.
struct RelabelledWelchT {
    private let totalSum: Double
    private let totalSquares: Double
    /// Sizes of the drawn group and of the rest.
    private let sizeA: Double
    private let sizeB: Double
    /// |t_obs| · (1 − 1e-12): |t*| within 1e-12 relative of |t_obs| counts
    /// as ≥, so floating-point noise cannot drop relabellings that tie exactly.
    private(set) var threshold: Double

    init(totalSum: Double, totalSquares: Double, sizeA: Double, sizeB: Double, observedSumA: Double, observedSquaresA: Double) {
        self.totalSum = totalSum; self.totalSquares = totalSquares
        self.sizeA = sizeA; self.sizeB = sizeB
        threshold = 0      // set below, from the formula every relabelling uses
        threshold = absoluteT(sumA: observedSumA, squaresA: observedSquaresA) * (1 - 1e-12)
    }

    @inline(__always)
    func absoluteT(sumA: Double, squaresA: Double) -> Double {
        let sumB = totalSum - sumA
        let squaresB = totalSquares - squaresA
        let meanA = sumA / sizeA, meanB = sumB / sizeB
        let varA = max(0, (squaresA - sumA * meanA) / (sizeA - 1))
        let varB = max(0, (squaresB - sumB * meanB) / (sizeB - 1))
        return abs(meanA - meanB) / (varA / sizeA + varB / sizeB).squareRoot()
    }

    @inline(__always)
    func isExtreme(sumA: Double, squaresA: Double) -> Bool {
        absoluteT(sumA: sumA, squaresA: squaresA) >= threshold
    }
}
