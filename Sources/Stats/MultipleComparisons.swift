/// Multiple-comparison adjustments: Bonferroni over the Figure 1 panels,
/// Benjamini–Hochberg over the Figure 2 cells.
///
/// As in R's `p.adjust`, NaN entries stay NaN and do not count towards m.
public enum MultipleComparisons {
    /// min(p · m, 1), m = number of non-NaN p-values.
    public static func bonferroni(_ p: [Double]) -> [Double] {
        let m = Double(p.filter { !$0.isNaN }.count)
        return p.map { $0.isNaN ? .nan : min($0 * m, 1) }
    }

    /// Benjamini–Hochberg step-up adjustment, as R `p.adjust(p, "BH")`: for the
    /// p-values sorted decreasingly, the running minimum of m/i · p₍ᵢ₎, capped at 1.
    public static func benjaminiHochberg(_ p: [Double]) -> [Double] {
        let present = p.indices.filter { !p[$0].isNaN }
        let m = present.count
        var result = [Double](repeating: .nan, count: p.count)
        guard m > 0 else { return result }
        // Decreasing order; stable for ties (ties get the same value anyway).
        let order = present.sorted { a, b in p[a] != p[b] ? p[a] > p[b] : a < b }
        var runningMin = Double.infinity
        for (k, index) in order.enumerated() {
            let rank = m - k  // i in R's notation: m, m−1, …, 1
            let candidate = Double(m) / Double(rank) * p[index]
            runningMin = min(runningMin, candidate)
            result[index] = min(1, runningMin)
        }
        return result
    }
}
