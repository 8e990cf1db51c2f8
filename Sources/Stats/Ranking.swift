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
    /// The radix sort's counts of each value of each of the 8 key bytes,
    /// all zero between calls (allocated on first use), and its write offsets.
    private var counts: [Int] = []
    private var offsets: [Int] = []

    public init() {}

    /// Ranks `values` (rank 1 = the largest when `descending`), ties averaged
    /// exactly as `Ranking.averageRanks`; NaN takes its old path.
    public mutating func rank(_ values: [Double], descending: Bool) {
        let n = values.count
        resize(n)
        let hasNaN = values.withUnsafeBufferPointer { v in
            keys.withUnsafeMutableBufferPointer { k in
                positions.withUnsafeMutableBufferPointer { p in
                    for i in 0..<n {
                        if v[i].isNaN { return true }
                        k[i] = Ranking.orderKey(v[i], descending: descending); p[i] = i
                    }
                    return false
                }
            }
        }
        if hasNaN {
            let r = Ranking.averageRanksWithNaN(values, descending: descending)
            // Any order of equal ranks will do; the ranks themselves are the old path's.
            positions = r.indices.sorted { r[$0] != r[$1] ? r[$0] < r[$1] : $0 < $1 }
            ranks = positions.map { r[$0] }
            return
        }
        if n <= 32 { insertionSortByKey(n) } else { radixSortByKey(n) }
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

    /// Sorts `keys[0..<n]`, carrying `positions`, for a short column.
    private mutating func insertionSortByKey(_ n: Int) {
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
    }

    /// Sorts `keys[0..<n]`, carrying `positions`: a least-significant-digit
    /// radix sort on the 8 bytes of the keys (256 counts per byte stay in the
    /// L1 cache beside the keys; 11-bit digits, 6 passes instead of 8,
    /// measured slower), skipping the bytes every key shares (the sign and
    /// exponent of scores of one magnitude). Not stable across equal keys,
    /// which nothing here needs. Wrapping `&+` keeps overflow checks (counts
    /// never exceed n) out of the loops, which lets them be unrolled.
    private mutating func radixSortByKey(_ n: Int) {
        if counts.isEmpty { counts = [Int](repeating: 0, count: 8 * 256); offsets = [Int](repeating: 0, count: 256) }
        counts.withUnsafeMutableBufferPointer { c in
            keys.withUnsafeBufferPointer { k in
                for key in k {
                    c[Int(truncatingIfNeeded: key) & 0xFF] &+= 1
                    c[256 | Int(truncatingIfNeeded: key >> 8) & 0xFF] &+= 1
                    c[512 | Int(truncatingIfNeeded: key >> 16) & 0xFF] &+= 1
                    c[768 | Int(truncatingIfNeeded: key >> 24) & 0xFF] &+= 1
                    c[1024 | Int(truncatingIfNeeded: key >> 32) & 0xFF] &+= 1
                    c[1280 | Int(truncatingIfNeeded: key >> 40) & 0xFF] &+= 1
                    c[1536 | Int(truncatingIfNeeded: key >> 48) & 0xFF] &+= 1
                    c[1792 | Int(truncatingIfNeeded: key >> 56)] &+= 1
                }
            }
        }
        for d in 0..<8 {
            let shift = UInt64(8 * d), base = 256 * d
            let sharedByte = base | Int(truncatingIfNeeded: keys[0] >> shift) & 0xFF
            if counts[sharedByte] == n { counts[sharedByte] = 0; continue }
            counts.withUnsafeMutableBufferPointer { c in
                offsets.withUnsafeMutableBufferPointer { o in
                    var sum = 0
                    for b in 0..<256 { o[b] = sum; sum &+= c[base | b]; c[base | b] = 0 }
                    keys.withUnsafeBufferPointer { k in
                        positions.withUnsafeBufferPointer { p in
                            spareKeys.withUnsafeMutableBufferPointer { k2 in
                                sparePositions.withUnsafeMutableBufferPointer { p2 in
                                    for i in 0..<n {
                                        let key = k[i]
                                        let b = Int(truncatingIfNeeded: key >> shift) & 0xFF
                                        let to = o[b]; o[b] = to &+ 1
                                        k2[to] = key; p2[to] = p[i]
                                    }
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
