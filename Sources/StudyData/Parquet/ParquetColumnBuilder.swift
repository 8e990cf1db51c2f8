import Foundation

/// Collects one column's values page by page. Decoders append the page's
/// present values densely; `spreadNulls` then puts filler values where the
/// definition levels say a row has no value. A column uses only the array of
/// its physical type.
struct ParquetColumnBuilder {
    let type: ParquetPhysicalType
    /// The most bytes the column's strings may take (see `ParquetFile.byteBudget`).
    let byteBudget: Int
    var booleans: [Bool] = []
    var int32s: [Int32] = []
    var int64s: [Int64] = []
    var floats: [Float] = []
    var doubles: [Double] = []
    var strings = ParquetByteArrays()
    var present: [Bool]?

    init(type: ParquetPhysicalType, byteBudget: Int) {
        self.type = type
        self.byteBudget = byteBudget
    }

    var count: Int {
        switch type {
        case .boolean: booleans.count
        case .int32: int32s.count
        case .int64: int64s.count
        case .float: floats.count
        case .double: doubles.count
        case .byteArray, .fixedLenByteArray, .int96: strings.rowEntries.count
        }
    }

    /// Room for `rows` values in the column's own array, so a column read
    /// page by page is not copied each time its array grows.
    mutating func reserve(rows: Int) {
        switch type {
        case .boolean: booleans.reserveCapacity(rows)
        case .int32: int32s.reserveCapacity(rows)
        case .int64: int64s.reserveCapacity(rows)
        case .float: floats.reserveCapacity(rows)
        case .double: doubles.reserveCapacity(rows)
        case .byteArray, .fixedLenByteArray, .int96: strings.rowEntries.reserveCapacity(rows)
        }
    }

    /// Stores a byte string as a new entry and returns its number.
    mutating func appendEntry(_ bytes: UnsafeRawBufferPointer) throws -> Int32 {
        guard strings.arena.count + bytes.count <= byteBudget, strings.entryCount < Int(Int32.max) else {
            throw ParquetIssue("expected the column's strings to fit in \(byteBudget) bytes for a file of this size")
        }
        strings.arena.append(contentsOf: bytes)
        strings.starts.append(strings.arena.count)
        return Int32(strings.entryCount - 1)
    }

    /// Stores a byte string as the next row's value.
    mutating func appendString(_ bytes: UnsafeRawBufferPointer) throws {
        strings.rowEntries.append(try appendEntry(bytes))
    }

    /// Appends the values of `page` (a builder of the same numeric type) at
    /// the indices `picks`.
    mutating func append(_ picks: [Int], of page: ParquetColumnBuilder) {
        switch type {
        case .boolean: booleans.append(contentsOf: picks.lazy.map { page.booleans[$0] })
        case .int32: int32s.append(contentsOf: picks.lazy.map { page.int32s[$0] })
        case .int64: int64s.append(contentsOf: picks.lazy.map { page.int64s[$0] })
        case .float: floats.append(contentsOf: picks.lazy.map { page.floats[$0] })
        case .double: doubles.append(contentsOf: picks.lazy.map { page.doubles[$0] })
        case .byteArray, .fixedLenByteArray, .int96:
            preconditionFailure("ParquetColumnBuilder.append(_:of:) picks numbers only, not \(type)")
        }
    }

    /// The last `rows` rows appended all have a value.
    mutating func markPresent(_ rows: Int) {
        if present != nil { present!.append(contentsOf: repeatElement(true, count: rows)) }
    }

    /// The last `levels.count` rows were appended densely (present values
    /// only); spreads them so that rows with level 0 hold a filler value.
    mutating func spreadNulls(from start: Int, levels: [UInt32]) {
        let presentCount = levels.reduce(0) { $0 + Int($1) }
        guard presentCount < levels.count else { return markPresent(levels.count) }
        if present == nil { present = [Bool](repeating: true, count: start) }
        present!.append(contentsOf: levels.map { $0 != 0 })
        switch type {
        case .boolean: Self.spread(&booleans, from: start, levels, false)
        case .int32: Self.spread(&int32s, from: start, levels, 0)
        case .int64: Self.spread(&int64s, from: start, levels, 0)
        case .float: Self.spread(&floats, from: start, levels, 0)
        case .double: Self.spread(&doubles, from: start, levels, 0)
        case .byteArray, .fixedLenByteArray, .int96: Self.spread(&strings.rowEntries, from: start, levels, -1)
        }
    }

    private static func spread<T>(_ array: inout [T], from start: Int, _ levels: [UInt32], _ filler: T) {
        let dense = Array(array[start...])
        array.removeSubrange(start...)
        array.reserveCapacity(start + levels.count)
        var k = 0
        for level in levels {
            if level != 0 { array.append(dense[k]); k += 1 } else { array.append(filler) }
        }
    }

    func finish(name: String) -> ParquetColumn {
        let values: ParquetColumnValues
        switch type {
        case .boolean: values = .booleans(booleans)
        case .int32: values = .int32s(int32s)
        case .int64: values = .int64s(int64s)
        case .float: values = .floats(floats)
        case .double: values = .doubles(doubles)
        case .byteArray, .fixedLenByteArray, .int96: values = .byteArrays(strings)
        }
        return ParquetColumn(name: name, physicalType: type, rowCount: count, values: values, present: present)
    }
}
