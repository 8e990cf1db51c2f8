/// One prompt's log-probs over a table's kept rows.
///
/// Stored for every row (*dense*), or only for some rows (*sparse*, NaN
/// elsewhere). Why sparse: a model used for both Fig. 2 (53 other prompts,
/// a few hundred dictionary rows) and the implicit rewards (one prompt, every
/// row) is read once; as dense arrays its 53 Fig. 2 columns were ~110 MB of
/// NaN per Gemma table, written, zeroed by the kernel and kept to the end
/// of the build, for ~300 values each.
public struct LogprobColumn: RandomAccessCollection, Equatable, Sendable, ExpressibleByArrayLiteral {
    public let count: Int
    /// Dense: one value per row. Sparse: the values of `rows`, in order.
    private let stored: [Double]
    /// nil when dense; otherwise the rows that have a value, increasing.
    private let rows: [Int]?

    public init(_ values: [Double]) {
        count = values.count; stored = values; rows = nil
    }

    public init(arrayLiteral elements: Double...) { self.init(elements) }

    /// `values[k]` belongs to row `rows[k]`; `rows` increasing, below `count`.
    public init(count: Int, rows: [Int], values: [Double]) {
        precondition(rows.count == values.count && zip(rows, rows.dropFirst()).allSatisfy { $0 < $1 } && (rows.last ?? -1) < count)
        self.count = count; stored = values; self.rows = rows
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(row: Int) -> Double {
        guard let rows else { return stored[row] }
        precondition(row >= 0 && row < count, "row out of range")
        var lo = 0, hi = rows.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if rows[mid] < row { lo = mid + 1 } else { hi = mid }
        }
        return lo < rows.count && rows[lo] == row ? stored[lo] : .nan
    }

    /// Every row's value as an array when the column is dense (for loops over
    /// all rows), nil when sparse.
    public var dense: [Double]? { rows == nil ? stored : nil }

    /// The rows that have a value and their values (every row when dense).
    public var storedValues: (rows: [Int]?, values: [Double]) { (rows, stored) }

    public func makeIterator() -> Iterator { Iterator(column: self) }

    /// Walks a sparse column in one pass instead of a search per row.
    public struct Iterator: IteratorProtocol {
        let column: LogprobColumn
        var row = 0, k = 0
        public mutating func next() -> Double? {
            guard row < column.count else { return nil }
            defer { row += 1 }
            guard let rows = column.rows else { return column.stored[row] }
            if k < rows.count, rows[k] == row { k += 1; return column.stored[k - 1] }
            return .nan
        }
    }

    /// Equal when every row's value is (as `[Double]`'s ==: NaN differs from NaN).
    public static func == (a: LogprobColumn, b: LogprobColumn) -> Bool {
        a.count == b.count && a.elementsEqual(b)
    }
}
