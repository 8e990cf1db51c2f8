import CRelabel

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
/// what it is held against. The arithmetic is `backbone_welch_absolute_t`
/// (C, CRelabel), the one place it is written, so that the observed
/// labelling and every relabelling — counted eight lanes at a time by
/// `backbone_count_extreme` — are measured alike: with S = sum, Q = sum of
/// squares of the drawn group A and the rest B (totals minus A's),
/// mean = S/n, var = max(0, (Q − S·mean)/(n − 1)),
/// |t| = |meanA − meanB| / √(varA/nA + varB/nB), each step rounded as
/// written (nothing fused).
struct RelabelledWelchT {
    /// Total sum, total sum of squares, size of the drawn group, size of the rest.
    let totals: [Double]
    /// |t_obs| · (1 − 1e-12): |t*| within 1e-12 relative of |t_obs| counts
    /// as ≥, so floating-point noise cannot drop relabellings that tie exactly.
    let threshold: Double

    init(totalSum: Double, totalSquares: Double, sizeA: Double, sizeB: Double, observedSumA: Double, observedSquaresA: Double) {
        totals = [totalSum, totalSquares, sizeA, sizeB]
        threshold = backbone_welch_absolute_t(totals, observedSumA, observedSquaresA) * (1 - 1e-12)
    }

    /// The statistics of several tests as `backbone_count_extreme` reads
    /// them: five rows (the four totals, then the thresholds) of `lanes`
    /// values; lanes past the tests repeat the last.
    static func lanes(_ statistics: [RelabelledWelchT], count lanes: Int) -> [Double] {
        var rows = [Double](repeating: 0, count: 5 * lanes)
        for lane in 0..<lanes {
            let s = statistics[min(lane, statistics.count - 1)]
            for r in 0..<4 { rows[r * lanes + lane] = s.totals[r] }
            rows[4 * lanes + lane] = s.threshold
        }
        return rows
    }
}
