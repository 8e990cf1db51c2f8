/// Ranks with ties — the unit of every "median rank" in the study.
public enum Ranking {
    /// Ranks with ties averaged (R `rank()`, pandas `method="average"`).
    /// `descending: true` gives rank 1 to the largest value, which is how the
    /// study ranks rewards and log-probabilities ("#1 = best").
    ///
    /// Ties are exact `==` equality: reward scores in the data repeat exactly,
    /// and the study's median ranks (e.g. 131.25) depend on averaging them.
    public static func averageRanks(_ values: [Double], descending: Bool = false) -> [Double] {
        if values.contains(where: \.isNaN) { return averageRanksWithNaN(values, descending: descending) }
        // Sort (key, position) pairs by an integer key that orders like the
        // values (`orderKey`): §2 ranks tens of thousands of columns, and
        // comparing adjacent integers is cheaper than comparing the values
        // through their positions. The order inside a run of ties does not
        // matter: every member gets the run's average rank.
        var order = values.indices.map { (key: orderKey(values[$0], descending: descending), position: $0) }
        order.sort { $0.key < $1.key }
        let n = values.count
        var ranks = [Double](repeating: 0, count: n)
        var start = 0
        while start < n {
            var end = start + 1
            while end < n && order[end].key == order[start].key { end += 1 }
            // Positions start..<end hold ranks start+1 ... end; their average:
            let rank = Double(start + 1 + end) / 2
            for k in start..<end { ranks[order[k].position] = rank }
            start = end
        }
        return ranks
    }

    /// A key whose unsigned order is the order of `value` (reversed when
    /// `descending`), equal exactly when the values are `==`: the IEEE bit
    /// pattern with the sign bit flipped for positive values and all bits
    /// flipped for negative ones, −0 taken as +0. No NaN.
    static func orderKey(_ value: Double, descending: Bool) -> UInt64 {
        let bits = (value == 0 ? 0.0 : value).bitPattern
        let key = bits >> 63 == 0 ? bits | 1 << 63 : ~bits
        return descending ? ~key : key
    }

    /// The ranking as it has always been done, kept for input with NaN: `<`
    /// is no order then, so what a NaN gets depends on the sort, and this is
    /// the sort every earlier result came from.
    static func averageRanksWithNaN(_ values: [Double], descending: Bool) -> [Double] {
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
            let rank = Double(start + 1 + end) / 2
            for k in start..<end { ranks[order[k]] = rank }
            start = end
        }
        return ranks
    }
}
