import Foundation

/// A column chunk's dictionary page, decoded once: numbers in their own
/// builder; strings as entries of the column's own string store, so rows
/// that use them refer to the entry instead of copying its bytes.
struct ParquetDictionary {
    var numbers: ParquetColumnBuilder
    var firstEntry: Int32
    var count: Int
}

/// Decodes the values section of one data page (the present values only)
/// in whichever encoding the page names.
enum ParquetValueDecoding {
    static func decode(_ cursor: inout ByteCursor, encoding raw: Int32, count: Int, typeLength: Int,
                       dictionary: ParquetDictionary?, into builder: inout ParquetColumnBuilder) throws {
        let encoding = try ParquetEncoding.from(raw)
        switch encoding {
        case .plain:
            try PlainDecoder.decode(&cursor, count: count, typeLength: typeLength, into: &builder)
        case .plainDictionary, .rleDictionary:
            guard let dictionary else { throw ParquetIssue("expected a dictionary page before a \(encoding) data page, found none") }
            try gather(&cursor, count: count, dictionary: dictionary, into: &builder)
        case .rle:
            guard builder.type == .boolean else { throw ParquetIssue("expected RLE values only in a BOOLEAN column, found them in \(builder.type)") }
            let length = try Int(cursor.littleEndian(UInt32.self, "the length of the RLE booleans"))
            var runs = ByteCursor(cursor.base, from: cursor.position, to: cursor.position + min(length, cursor.remaining))
            guard length <= cursor.remaining else { throw ParquetIssue("expected \(length) bytes of RLE booleans, found \(cursor.remaining)") }
            let bits = try RLEHybridDecoder.decode(&runs, bitWidth: 1, count: count, what: "RLE booleans")
            try cursor.skip(length, "RLE booleans")
            builder.booleans.append(contentsOf: bits.map { $0 == 1 })
        case .deltaBinaryPacked:
            let values = try DeltaBinaryPackedDecoder.decode(&cursor, limit: count, what: "DELTA_BINARY_PACKED values")
            guard values.count == count else { throw ParquetIssue("expected \(count) DELTA_BINARY_PACKED values, found \(values.count)") }
            switch builder.type {
            case .int32: builder.int32s.append(contentsOf: values.map { Int32(truncatingIfNeeded: $0) })
            case .int64: builder.int64s.append(contentsOf: values)
            default: throw ParquetIssue("expected DELTA_BINARY_PACKED only for INT32 or INT64, found it for \(builder.type)")
            }
        case .deltaLengthByteArray:
            guard builder.type == .byteArray else { throw ParquetIssue("expected DELTA_LENGTH_BYTE_ARRAY only for BYTE_ARRAY, found it for \(builder.type)") }
            try DeltaByteArrayDecoders.decodeLengthPrefixed(&cursor, count: count, into: &builder)
        case .deltaByteArray:
            guard builder.type == .byteArray || builder.type == .fixedLenByteArray else {
                throw ParquetIssue("expected DELTA_BYTE_ARRAY only for byte arrays, found it for \(builder.type)")
            }
            try DeltaByteArrayDecoders.decodeIncremental(&cursor, count: count, into: &builder)
        case .byteStreamSplit:
            try ByteStreamSplitDecoder.decode(&cursor, count: count, typeLength: typeLength, into: &builder)
        case .groupVarInt, .bitPacked:
            throw ParquetIssue("expected a supported value encoding, found \(encoding)")
        }
    }

    /// Dictionary indices: one byte of bit width, then RLE/bit-packed indices.
    private static func gather(_ cursor: inout ByteCursor, count: Int, dictionary: ParquetDictionary, into builder: inout ParquetColumnBuilder) throws {
        guard count > 0 else { return }
        let width = Int(try cursor.byte("the bit width of the dictionary indices"))
        let indices = try RLEHybridDecoder.decode(&cursor, bitWidth: width, count: count, what: "dictionary indices")
        if let index = indices.first(where: { Int($0) >= dictionary.count }) {
            throw ParquetIssue("expected dictionary indices below \(dictionary.count), found \(index)")
        }
        // Every index is checked above, so the lookups read the table directly.
        func pick<T>(_ table: [T], into out: inout [T]) {
            table.withUnsafeBufferPointer { t in out.append(contentsOf: indices.lazy.map { t[Int($0)] }) }
        }
        let d = dictionary.numbers
        switch builder.type {
        case .boolean: pick(d.booleans, into: &builder.booleans)
        case .int32: pick(d.int32s, into: &builder.int32s)
        case .int64: pick(d.int64s, into: &builder.int64s)
        case .float: pick(d.floats, into: &builder.floats)
        case .double: pick(d.doubles, into: &builder.doubles)
        case .byteArray, .fixedLenByteArray, .int96:
            builder.strings.rowEntries.append(contentsOf: indices.lazy.map { dictionary.firstEntry + Int32($0) })
        }
    }

    /// Decodes a dictionary page (PLAIN values) into a dictionary.
    static func dictionary(_ cursor: inout ByteCursor, encoding raw: Int32, count: Int, typeLength: Int,
                           builder: inout ParquetColumnBuilder) throws -> ParquetDictionary {
        let encoding = try ParquetEncoding.from(raw)
        guard encoding == .plain || encoding == .plainDictionary else {
            throw ParquetIssue("expected a PLAIN dictionary page, found \(encoding)")
        }
        var numbers = ParquetColumnBuilder(type: builder.type, byteBudget: 0)
        var firstEntry: Int32 = 0
        switch builder.type {
        case .byteArray, .fixedLenByteArray, .int96:
            firstEntry = try PlainDecoder.decode(&cursor, count: count, typeLength: typeLength, into: &builder, entriesOnly: true)
        default:
            try PlainDecoder.decode(&cursor, count: count, typeLength: typeLength, into: &numbers)
        }
        return ParquetDictionary(numbers: numbers, firstEntry: firstEntry, count: count)
    }
}
