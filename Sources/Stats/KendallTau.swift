/// Kendall's τ-b between two rankings, with the tie correction
/// τ_b = (C − D) / √((n0 − n1)(n0 − n2)) as scipy.stats.kendalltau and R's
/// cor(method = "kendall") compute it. App. G compares each checkpoint's word
/// ranking with the final one; word lists are a few hundred long, so the
/// direct O(n²) count is exact and fast enough.
public enum KendallTau {
    /// NaN when either side is constant (no untied pair) or lengths differ.
    public static func tauB(_ x: [Double], _ y: [Double]) -> Double {
        guard x.count == y.count, x.count >= 2 else { return .nan }
        var concordant = 0, discordant = 0, tiedX = 0, tiedY = 0, pairs = 0
        for i in 0..<x.count {
            for j in (i + 1)..<x.count {
                pairs += 1
                let dx = x[i] - x[j], dy = y[i] - y[j]
                if dx == 0 { tiedX += 1 }
                if dy == 0 { tiedY += 1 }
                if dx == 0 || dy == 0 { continue }
                if (dx > 0) == (dy > 0) { concordant += 1 } else { discordant += 1 }
            }
        }
        let denominator = (Double(pairs - tiedX) * Double(pairs - tiedY)).squareRoot()
        return denominator > 0 ? Double(concordant - discordant) / denominator : .nan
    }
}
