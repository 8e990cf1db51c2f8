/// Kendall's rank correlation τ-b, which App. G uses to say how much an RM's
/// ranking of the Big Two words still moves between checkpoints. τ-b (not τ-a)
/// because averaged ranks tie, and ties must not count as disagreement.
public enum KendallTau {
    /// τ-b of two paired samples, as `scipy.stats.kendalltau` (variant "b")
    /// and R `cor(x, y, method = "kendall")` compute it:
    /// (concordant − discordant) / √((n₀ − tiesX)(n₀ − tiesY)), n₀ = n(n−1)/2,
    /// where tiesX counts pairs tied in x (including those tied in both).
    /// NaN when the samples differ in length, have fewer than two pairs, or
    /// one of them is constant (the denominator is zero); NaN values are not
    /// allowed and also give NaN.
    ///
    /// O(n²): the study ranks a few hundred words, where this is instant and
    /// easy to check by hand.
    public static func tauB(_ x: [Double], _ y: [Double]) -> Double {
        let n = x.count
        guard n == y.count, n >= 2, !x.contains(where: \.isNaN), !y.contains(where: \.isNaN) else { return .nan }
        var concordant = 0, discordant = 0, tiedX = 0, tiedY = 0
        for i in 0..<(n - 1) {
            for j in (i + 1)..<n {
                let dx = x[i] - x[j], dy = y[i] - y[j]
                if dx == 0 { tiedX += 1 }
                if dy == 0 { tiedY += 1 }
                if dx == 0 || dy == 0 { continue }
                if (dx > 0) == (dy > 0) { concordant += 1 } else { discordant += 1 }
            }
        }
        let pairs = n * (n - 1) / 2
        let denominator = (Double(pairs - tiedX) * Double(pairs - tiedY)).squareRoot()
        guard denominator > 0 else { return .nan }
        return Double(concordant - discordant) / denominator
    }
}
