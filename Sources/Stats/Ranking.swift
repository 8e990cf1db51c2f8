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
        var order = RankOrder()
        order.rank(values, descending: descending)
        var ranks = [Double](repeating: 0, count: values.count)
        for k in values.indices { ranks[order.positions[k]] = order.ranks[k] }
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

/// One column's average ranks (`Ranking.averageRanks`) kept in the order they
/// come from: `positions[k]` is the position of the value with the k-th
/// smallest rank and `ranks[k]` its rank, so `ranks` never decreases. A
/// caller that sorts the ranks into groups (§2: the answers' categories) by
/// walking this order gets every group's ranks already sorted, and its median
/// needs no selection. The buffers are reused from column to column: §2 ranks
/// tens of thousands of columns.
public struct RankOrder {
    /// Positions in `values` of the values from rank 1 upward.
    public private(set) var positions: [Int] = []
    /// `ranks[k]` = the average rank of `values[positions[k]]`.
    public private(set) var ranks: [Double] = []
    private var keys: [UInt64] = []
    private var spareKeys: [UInt64] = []
    private var sparePositions: [Int] = []
    /// Digit counts of the radix sort: 8 digits of 8 bits (allocated on first use).
    private var counts: [Int] = []

    public init() {}

    /// Ranks `values` (rank 1 = the largest when `descending`), ties averaged
    /// exactly as `Ranking.averageRanks`; NaN takes its old path.
    public mutating func rank(_ values: [Double], descending: Bool) {
        let n = values.count
        if values.contains(where: \.isNaN) {
            let r = Ranking.averageRanksWithNaN(values, descending: descending)
            // Any order of equal ranks will do; the ranks themselves are the old path's.
            positions = r.indices.sorted { r[$0] != r[$1] ? r[$0] < r[$1] : $0 < $1 }
            ranks = positions.map { r[$0] }
            return
        }
        resize(n)
        keys.withUnsafeMutableBufferPointer { k in
            positions.withUnsafeMutableBufferPointer { p in
                values.withUnsafeBufferPointer { v in
                    for i in 0..<n { k[i] = Ranking.orderKey(v[i], descending: descending); p[i] = i }
                }
            }
        }
        sortByKey(n)
        // Equal keys are adjacent now; positions start..<end of a run hold
        // ranks start+1 ... end, and every member gets their average.
        keys.withUnsafeBufferPointer { k in
            ranks.withUnsafeMutableBufferPointer { r in
                var start = 0
                while start < n {
                    var end = start + 1
                    while end < n && k[end] == k[start] { end += 1 }
                    let rank = Double(start + 1 + end) / 2
                    for j in start..<end { r[j] = rank }
                    start = end
                }
            }
        }
    }

    private mutating func resize(_ n: Int) {
        if keys.count != n {
            keys = [UInt64](repeating: 0, count: n); spareKeys = keys
            positions = [Int](repeating: 0, count: n); sparePositions = positions
            ranks = [Double](repeating: 0, count: n)
        }
    }

    /// Sorts `keys[0..<n]`, carrying `positions`: insertion sort for a short
    /// column, else a least-significant-digit radix sort on bytes that skips
    /// the bytes every key shares (the sign and exponent of scores of one
    /// magnitude). Not stable across equal keys, which nothing here needs.
    private mutating func sortByKey(_ n: Int) {
        if n <= 32 {
            keys.withUnsafeMutableBufferPointer { k in
                positions.withUnsafeMutableBufferPointer { p in
                    for i in 1..<max(n, 1) {
                        let key = k[i], position = p[i]
                        var j = i
                        while j > 0 && k[j - 1] > key { k[j] = k[j - 1]; p[j] = p[j - 1]; j -= 1 }
                        k[j] = key; p[j] = position
                    }
                }
            }
            return
        }
        if counts.isEmpty { counts = [Int](repeating: 0, count: 8 * 256) }
        counts.withUnsafeMutableBufferPointer { c in
            c.update(repeating: 0)
            keys.withUnsafeBufferPointer { k in
                for key in k {
                    var x = key
                    for d in 0..<8 { c[d << 8 | Int(x & 0xFF)] += 1; x >>= 8 }
                }
            }
        }
        for d in 0..<8 {
            let shift = UInt64(d * 8)
            let sharedDigit = Int((keys[0] >> shift) & 0xFF)
            if counts[d << 8 | sharedDigit] == n { continue }
            counts.withUnsafeMutableBufferPointer { c in
                var sum = 0
                for b in 0..<256 { let count = c[d << 8 | b]; c[d << 8 | b] = sum; sum += count }
                keys.withUnsafeBufferPointer { k in
                    positions.withUnsafeBufferPointer { p in
                        spareKeys.withUnsafeMutableBufferPointer { k2 in
                            sparePositions.withUnsafeMutableBufferPointer { p2 in
                                for i in 0..<n {
                                    let key = k[i]
                                    let slot = d << 8 | Int((key >> shift) & 0xFF)
                                    let to = c[slot]; c[slot] = to + 1
                                    k2[to] = key; p2[to] = p[i]
                                }
                            }
                        }
                    }
                }
            }
            swap(&keys, &spareKeys)
            swap(&positions, &sparePositions)
        }
    }
}
