import Foundation

/// Byte strings of a column: each distinct stored entry once (a dictionary's
/// entries are stored once, not once per row), and for each row the entry it
/// holds. Kept as bytes so that tokens stay byte-exact: two strings are equal
/// only when their bytes are (see `TokenIndex`), and invalid UTF-8 becomes
/// visible `\xHH` text exactly as the CSV reader shows it (see `ByteText`).
public struct ParquetByteArrays: Sendable {
    var arena: [UInt8] = []
    /// Entry `i` is `arena[starts[i] ..< starts[i + 1]]`.
    var starts: [Int] = [0]
    /// The entry of each row, -1 where the value is missing.
    public internal(set) var rowEntries: [Int32] = []

    public var entryCount: Int { starts.count - 1 }

    public func entryBytes(_ entry: Int) -> ArraySlice<UInt8> { arena[starts[entry] ..< starts[entry + 1]] }

    /// The bytes of a row's value, or nil when it is missing.
    public func bytes(row: Int) -> ArraySlice<UInt8>? {
        let e = rowEntries[row]
        return e < 0 ? nil : entryBytes(Int(e))
    }

    /// Every row as text (nil where missing); each entry is decoded once.
    public func strings() -> [String?] {
        var decoded = [String?](repeating: nil, count: entryCount)
        return rowEntries.map { e -> String? in
            guard e >= 0 else { return nil }
            if let s = decoded[Int(e)] { return s }
            let s = ByteText.decode(array: Array(entryBytes(Int(e))))
            decoded[Int(e)] = s
            return s
        }
    }
}

/// The values of one column, in the physical type the file stores.
public enum ParquetColumnValues: Sendable {
    case booleans([Bool])
    case int32s([Int32])
    case int64s([Int64])
    case floats([Float])
    case doubles([Double])
    /// BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY.
    case byteArrays(ParquetByteArrays)
}

/// One decoded column of a flat Parquet table. Numeric arrays hold a
/// filler 0 where a value is missing; `present` says which rows have one.
public struct ParquetColumn: Sendable {
    public var name: String
    public var physicalType: ParquetPhysicalType
    public var rowCount: Int
    public var values: ParquetColumnValues
    /// nil when no value is missing.
    public var present: [Bool]?

    public func isMissing(_ row: Int) -> Bool { present.map { !$0[row] } ?? false }

    /// The column's rows `rows` (each below `rowCount`), in that order.
    func picking(_ rows: [Int]) -> ParquetColumn {
        let picked: ParquetColumnValues
        switch values {
        case .booleans(let v): picked = .booleans(rows.map { v[$0] })
        case .int32s(let v): picked = .int32s(rows.map { v[$0] })
        case .int64s(let v): picked = .int64s(rows.map { v[$0] })
        case .floats(let v): picked = .floats(rows.map { v[$0] })
        case .doubles(let v): picked = .doubles(rows.map { v[$0] })
        case .byteArrays(var v):
            v.rowEntries = rows.map { v.rowEntries[$0] }
            picked = .byteArrays(v)
        }
        return ParquetColumn(name: name, physicalType: physicalType, rowCount: rows.count, values: picked,
                             present: present.map { present in rows.map { present[$0] } })
    }

    /// The values as numbers, NaN where missing — what an empty CSV field
    /// becomes in a score column. nil for string and boolean columns.
    public var doubles: [Double]? {
        var out: [Double]
        switch values {
        case .int32s(let v): out = v.map(Double.init)
        case .int64s(let v): out = v.map(Double.init)
        case .floats(let v): out = v.map(Double.init)
        case .doubles(let v): out = v
        case .booleans, .byteArrays: return nil
        }
        if let present { for (row, has) in present.enumerated() where !has { out[row] = .nan } }
        return out
    }

    /// The values as text, nil where missing. nil for non-string columns.
    public var strings: [String?]? {
        if case .byteArrays(let arrays) = values { return arrays.strings() }
        return nil
    }
}
