/// A fixed-effects design matrix with R-style column names.
public struct DesignMatrix: Sendable {
    /// R `model.matrix` names: "(Intercept)", "familyLlama", "familyLlama:categoryCommunion", …
    public var columnNames: [String]
    public var rowCount: Int
    /// Column-major (BLAS layout): entry (row i, column j) is `values[j * rowCount + i]`.
    public var values: [Double]

    public init(columnNames: [String], rowCount: Int, values: [Double]) {
        precondition(values.count == columnNames.count * rowCount, "values must hold rowCount × columns entries")
        self.columnNames = columnNames; self.rowCount = rowCount; self.values = values
    }

    public var columnCount: Int { columnNames.count }

    /// Entry at (row, column).
    public subscript(row: Int, column: Int) -> Double { values[column * rowCount + row] }

    /// The same columns restricted to the given rows, in the given order: entry
    /// (i, j) of the result is entry (rows[i], j) of this matrix, copied.
    ///
    /// Why: a design built by `fullFactorial` from a subset of the
    /// observations is exactly this (every entry depends only on its own
    /// row's factor codes), as long as every factor keeps its levels; the
    /// leave-one-out refits take their designs this way instead of rebuilding
    /// each from the factors.
    public func selectingRows(_ rows: [Int]) -> DesignMatrix {
        let m = rows.count, n = rowCount, columns = columnCount
        for row in rows { precondition(row >= 0 && row < n, "row \(row) outside 0..<\(n)") }
        // Every entry is written below, so the array starts uninitialised.
        let selected = [Double](unsafeUninitializedCapacity: m * columns) { target, count in
            rows.withUnsafeBufferPointer { rows in
                values.withUnsafeBufferPointer { source in
                    for j in 0..<columns {
                        let from = j * n, to = j * m
                        for i in 0..<m { (target.baseAddress! + to + i).initialize(to: source[from + rows[i]]) }
                    }
                }
            }
            count = m * columns
        }
        return DesignMatrix(columnNames: columnNames, rowCount: m, values: selected)
    }

    /// Treatment contrasts with all interactions (R `model.matrix(~ a * b * c)`).
    ///
    /// Why this shape: the report prints coefficient tables that are read next
    /// to R's, so columns and names follow R exactly — "(Intercept)", then the
    /// terms in `terms.formula` order for `a*b*c…` (the expansion order a, b,
    /// a:b, c, a:c, b:c, a:b:c, d, … stably sorted by interaction order, which
    /// for three factors is a, b, c, a:b, a:c, b:c, a:b:c), each term expanded
    /// over the non-reference levels with the first factor varying fastest.
    /// Names join factor name and level, e.g. "familyLlama" or
    /// "familyLlama:categoryCommunion:framingnegative". Factors may have any
    /// number of levels (e.g. the five MFD2 foundations: categoryCare,
    /// categoryFairness, …); a factor with a single level contributes no columns.
    public static func fullFactorial(_ factors: [Factor]) -> DesignMatrix {
        let n = factors.first?.codes.count ?? 0
        for f in factors {
            precondition(f.codes.count == n, "factor \(f.name) has \(f.codes.count) codes, expected \(n)")
            precondition(f.codes.allSatisfy { $0 >= 0 && $0 < f.levels.count },
                         "factor \(f.name) has a code outside its levels")
        }
        var names = ["(Intercept)"]
        var values = [Double](repeating: 1, count: n)
        let k = factors.count
        let subsets = (1..<(1 << k)).map { mask in (0..<k).filter { mask & (1 << $0) != 0 } }
        let ordered = subsets.enumerated().sorted { a, b in
            a.element.count != b.element.count ? a.element.count < b.element.count : a.offset < b.offset
        }.map(\.element)
        for term in ordered {
            // Enumerate non-reference level combinations, first factor fastest.
            var levelIndex = [Int](repeating: 1, count: term.count)
            if term.contains(where: { factors[$0].levels.count < 2 }) { continue }
            while true {
                let name = zip(term, levelIndex).map { factors[$0].name + factors[$0].levels[$1] }
                    .joined(separator: ":")
                names.append(name)
                for row in 0..<n {
                    var hit = true
                    for (f, level) in zip(term, levelIndex) where factors[f].codes[row] != level {
                        hit = false
                        break
                    }
                    values.append(hit ? 1 : 0)
                }
                // Odometer increment, first position fastest.
                var position = 0
                while position < term.count {
                    levelIndex[position] += 1
                    if levelIndex[position] < factors[term[position]].levels.count { break }
                    levelIndex[position] = 1
                    position += 1
                }
                if position == term.count { break }
            }
        }
        return DesignMatrix(columnNames: names, rowCount: n, values: values)
    }
}
