import Foundation

/// The PLAIN encoding: values back to back in little-endian order; booleans
/// one bit each; BYTE_ARRAY as a 4-byte length then the bytes;
/// FIXED_LEN_BYTE_ARRAY as `typeLength` bytes each.
enum PlainDecoder {
    /// Appends `count` values to the builder; with `picks` (ascending
    /// indices below `count`, fixed-width numbers only) just those, read
    /// where they lie, the page still holding all `count`. With `entriesOnly` (a dictionary
    /// page of strings) the strings are stored as entries without rows, and
    /// the number of the first one is returned.
    @discardableResult
    static func decode(_ cursor: inout ByteCursor, count: Int, typeLength: Int, picking picks: [Int]? = nil,
                       into builder: inout ParquetColumnBuilder, entriesOnly: Bool = false) throws -> Int32 {
        precondition(picks == nil || builder.type.numberWidth != nil, "PlainDecoder picks numbers only, not \(builder.type)")
        let firstEntry = Int32(builder.strings.entryCount)
        switch builder.type {
        case .boolean:
            let bytes = try cursor.bytes((count + 7) / 8, "\(count) PLAIN booleans")
            builder.booleans.reserveCapacity(builder.booleans.count + count)
            for i in 0 ..< count { builder.booleans.append(bytes[i >> 3] >> UInt8(i & 7) & 1 == 1) }
        case .int32: try fixed(&cursor, count, picks, &builder.int32s) { Int32(littleEndian: $0) }
        case .int64: try fixed(&cursor, count, picks, &builder.int64s) { Int64(littleEndian: $0) }
        case .float: try fixed(&cursor, count, picks, &builder.floats) { Float(bitPattern: UInt32(littleEndian: $0)) }
        case .double: try fixed(&cursor, count, picks, &builder.doubles) { Double(bitPattern: UInt64(littleEndian: $0)) }
        case .byteArray:
            for i in 0 ..< count {
                let length = try Int(cursor.littleEndian(UInt32.self, "the length of string \(i + 1) of \(count)"))
                let bytes = try cursor.bytes(length, "string \(i + 1) of \(count)")
                if entriesOnly { _ = try builder.appendEntry(bytes) } else { try builder.appendString(bytes) }
            }
        case .fixedLenByteArray:
            guard count == 0 || typeLength <= cursor.remaining / count else {
                throw ParquetIssue("expected \(count) values of \(typeLength) bytes, found \(cursor.remaining) bytes")
            }
            for i in 0 ..< count {
                let bytes = try cursor.bytes(typeLength, "value \(i + 1) of \(count)")
                if entriesOnly { _ = try builder.appendEntry(bytes) } else { try builder.appendString(bytes) }
            }
        case .int96:
            throw ParquetIssue("expected a column of a supported physical type, found INT96")
        }
        return firstEntry
    }

    /// The bytes of `count` fixed-width values of `size` bytes, checked once.
    static func valueBytes(_ cursor: inout ByteCursor, count: Int, size: Int) throws -> UnsafeRawBufferPointer {
        guard count <= cursor.remaining / size else {
            throw ParquetIssue("expected \(count) PLAIN values of \(size) bytes, found \(cursor.remaining) bytes")
        }
        return try cursor.bytes(count * size, "\(count) PLAIN values")
    }

    /// Fixed-width values (those at `picks` only, when given), loaded where they lie.
    private static func fixed<Raw: FixedWidthInteger, T>(_ cursor: inout ByteCursor, _ count: Int, _ picks: [Int]?, _ out: inout [T],
                                                        _ convert: (Raw) -> T) throws {
        let size = MemoryLayout<Raw>.size
        let bytes = try valueBytes(&cursor, count: count, size: size)
        func value(_ i: Int) -> T { convert(bytes.loadUnaligned(fromByteOffset: i * size, as: Raw.self)) }
        out.reserveCapacity(out.count + (picks?.count ?? count))
        if let picks {
            for i in picks { out.append(value(i)) }
        } else {
            for i in 0 ..< count { out.append(value(i)) }
        }
    }
}
