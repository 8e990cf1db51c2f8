/// Ranks with ties — the unit of every "median rank" in the study.
public enum Ranking {
    /// Ranks with ties averaged (R `rank()`, pandas `method="average"`).
    /// `descending: true` gives rank 1 to the largest value, which is how the
    /// study ranks rewards and log-probabilities ("#1 = best").
    ///
    /// Ties are exact `==` equality: reward scores in the data repeat exactly,
    /// and the study's median ranks (e.g. 131.25) depend on averaging them.
    public static func averageRanks(_ values: [Double], descending: Bool = false) -> [Double] {
        let n = values.count
        // Read through a buffer pointer: the comparator runs n log n times.
        let order = values.withUnsafeBufferPointer { v in
            (0..<n).sorted { i, j in
                let a = v[i], b = v[j]
                if a != b { return descending ? a > b : a < b }
                return i < j
            }
        }
        var ranks = [Double](repeating: 0, count: n)
        var start = 0
        while start < n {
            var end = start + 1
            while end < n && values[order[end]] == values[order[start]] { end += 1 }
            // Positions start..<end hold ranks start+1 ... end; their average:
            let rank = Double(start + 1 + end) / 2
            for k in start..<end { ranks[order[k]] = rank }
            start = end
        }
        return ranks
    }
}
