import Foundation

/// Outcome of a two-sample permutation test on the difference of means.
public struct ExactPermutationResult: Codable, Equatable, Sendable {
    /// C(nx + ny, nx): how many assignments of the group labels exist.
    public var assignments: Double
    /// true: every assignment was enumerated; false: `resamples` seeded draws.
    public var exact: Bool
    /// Assignments enumerated (exact) or relabellings drawn (Monte Carlo).
    public var resamples: Int
    /// How many of them gave |d*| ≥ |d_obs| (the observed one included when exact).
    public var extremeCount: Int
    /// exact: extremeCount / assignments; Monte Carlo: (1 + extremeCount)/(resamples + 1).
    public var p: Double
    /// mean x − mean y of the observed labelling.
    public var difference: Double

    public init(assignments: Double, exact: Bool, resamples: Int, extremeCount: Int, p: Double, difference: Double) {
        self.assignments = assignments; self.exact = exact; self.resamples = resamples
        self.extremeCount = extremeCount; self.p = p; self.difference = difference
    }
}

/// The permutation test used when the reward model is the unit: with ten
/// RMs there are only C(10, 4) = 210 ways to hand out the family labels, so
/// all of them are enumerated and the p-value is exact. Only beyond
/// `exactLimit` assignments are seeded random relabellings drawn instead.
///
/// Statistic: difference of means (x − y), which orders assignments exactly as
/// Student's t does. Two-sided: an assignment counts when
/// |d*| ≥ |d_obs|·(1 − 1e−12), so assignments that tie the observed one
/// (e.g. its mirror image with equal group sizes) are never lost to rounding.
public enum ExactPermutationTest {
    public static let exactLimit = 1_000_000.0

    /// C(n, k) as a Double (exact for every count this test can enumerate).
    public static func binomial(_ n: Int, _ k: Int) -> Double {
        guard k >= 0, k <= n else { return 0 }
        let k = min(k, n - k)
        var c = 1.0
        for i in 0..<k { c = c * Double(n - i) / Double(i + 1) }
        return c.rounded()
    }

    /// Exact when C(nx + ny, nx) ≤ `exactLimit`; otherwise `resamples` draws
    /// from `generator` (partial Fisher–Yates of the pooled values, the first
    /// nx positions forming group x) and p = (1 + hits)/(R + 1).
    public static func test(_ x: [Double], _ y: [Double], resamples: Int,
                            generator: inout SeededGenerator) -> ExactPermutationResult {
        let pooled = x + y
        let n = pooled.count, k = x.count
        let total = pooled.reduce(0, +)
        let sizeX = Double(k), sizeY = Double(n - k)
        func difference(_ sum: Double) -> Double { sum / sizeX - (total - sum) / sizeY }
        let observed = difference(x.reduce(0, +))
        let assignments = binomial(n, k)
        guard k >= 1, k < n, observed.isFinite else {
            return ExactPermutationResult(assignments: assignments, exact: true, resamples: 0, extremeCount: 0,
                                          p: .nan, difference: observed)
        }
        let threshold = abs(observed) * (1 - 1e-12)
        if assignments <= exactLimit {
            var hits = 0, count = 0
            // Combinations of k positions in lexicographic order, the running
            // sum updated from the deepest changed position.
            var chosen = Array(0..<k)
            var partial = [Double](repeating: 0, count: k + 1)
            for i in 0..<k { partial[i + 1] = partial[i] + pooled[chosen[i]] }
            while true {
                count += 1
                if abs(difference(partial[k])) >= threshold { hits += 1 }
                var i = k - 1
                while i >= 0 && chosen[i] == n - k + i { i -= 1 }
                if i < 0 { break }
                chosen[i] += 1
                for j in (i + 1)..<k { chosen[j] = chosen[j - 1] + 1 }
                for j in i..<k { partial[j + 1] = partial[j] + pooled[chosen[j]] }
            }
            return ExactPermutationResult(assignments: assignments, exact: true, resamples: count, extremeCount: hits,
                                          p: Double(hits) / Double(count), difference: observed)
        }
        var buffer = pooled
        var hits = 0
        for _ in 0..<resamples {
            var sum = 0.0
            for i in 0..<k {
                let j = i + generator.nextInt(below: n - i)
                let v = buffer[j]
                buffer[j] = buffer[i]
                buffer[i] = v
                sum += v
            }
            if abs(difference(sum)) >= threshold { hits += 1 }
        }
        return ExactPermutationResult(assignments: assignments, exact: false, resamples: resamples, extremeCount: hits,
                                      p: Double(1 + hits) / Double(resamples + 1), difference: observed)
    }
}
