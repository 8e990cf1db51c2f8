/// Collects the numbers kept from a table row by row, then hands them out as
/// one contiguous array per column.
///
/// The parser fills the current row's slots in place (`set`) and keeps the
/// row with `commit`, or drops it by not committing; nothing is allocated
/// per row. (Appending to an array of arrays instead cost a uniqueness check
/// per value, a few percent of a whole read in profiles.)
///
/// Slots are *dense* (stored for every kept row) or *sparse* (stored only for
/// complete rows, NaN elsewhere). A model read for both Fig. 2 and the
/// implicit rewards keeps every row but needs the 53 other prompts only for
/// a few hundred noun rows: storing those densely meant writing, zeroing and
/// copying ~110 MB of NaN per Gemma table while reading — the biggest cost
/// after scanning. Now they become sparse `LogprobColumn`s at the end.
///
/// A noncopyable struct rather than a class: the parser owns it as a local
/// variable, so its counters need no runtime exclusivity checks (a class's
/// `var`s got one per access, ~5 % of a read in profiles).
struct RowValueBuffer: ~Copyable {
    let width: Int
    private(set) var rows = 0
    private let denseSlots: [Int]
    private let sparseSlots: [Int]
    private let row: UnsafeMutablePointer<Double>
    private var dense: UnsafeMutablePointer<Double>
    private var capacity: Int
    private var sparseRows: [Int] = []
    private var sparseValues: [Double] = []

    /// `sparse`: the slots that only complete rows carry.
    init(width: Int, sparse: [Int] = []) {
        self.width = width
        sparseSlots = sparse
        denseSlots = (0..<width).filter { !sparse.contains($0) }
        row = .allocate(capacity: max(1, width))
        row.initialize(repeating: .nan, count: max(1, width))
        capacity = 4096
        dense = .allocate(capacity: capacity * max(1, denseSlots.count))
    }

    deinit { row.deallocate(); dense.deallocate() }

    /// Sets slot `k` of the row being filled.
    @inline(__always) func set(_ k: Int, _ value: Double) { row[k] = value }

    /// Keeps the row being filled; `complete` when it has every slot, not
    /// only the dense ones.
    @inline(__always) mutating func commit(complete: Bool) {
        if rows == capacity { grow() }
        let d = denseSlots.count
        if d == width {
            (dense + rows &* d).update(from: row, count: d)
        } else {
            var target = dense + rows &* d
            for k in denseSlots { target.pointee = row[k]; target += 1 }
            if complete, !sparseSlots.isEmpty {
                sparseRows.append(rows)
                for k in sparseSlots { sparseValues.append(row[k]) }
            }
        }
        rows += 1
    }

    private mutating func grow() {
        let d = max(1, denseSlots.count)
        let bigger = UnsafeMutablePointer<Double>.allocate(capacity: capacity * 2 * d)
        bigger.moveInitialize(from: dense, count: rows * denseSlots.count)
        dense.deallocate()
        dense = bigger
        capacity *= 2
    }

    /// The committed rows as `columns[k][row]`: dense slots as arrays,
    /// sparse slots with values for the complete rows only.
    func columns() -> [LogprobColumn] {
        var out = [LogprobColumn](repeating: [], count: width)
        let d = denseSlots.count, rows = self.rows, dense = self.dense
        for (j, k) in denseSlots.enumerated() {
            out[k] = LogprobColumn([Double](unsafeUninitializedCapacity: rows) { buffer, count in
                var source = dense + j
                for r in 0..<rows { buffer[r] = source.pointee; source += d }
                count = rows
            })
        }
        let s = sparseSlots.count
        for (j, k) in sparseSlots.enumerated() {
            out[k] = LogprobColumn(count: rows, rows: sparseRows, values: sparseRows.indices.map { sparseValues[$0 * s + j] })
        }
        return out
    }
}
