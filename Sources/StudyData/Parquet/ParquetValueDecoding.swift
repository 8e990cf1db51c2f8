import Foundation

/// A column chunk's dictionary page. Fixed-width numbers stay as the page
/// stores them and are converted where a row uses them: a log-prob column's
/// dictionary holds some 120,000 values, of which §3 picks a few thousand.
/// Booleans are decoded (PLAIN packs them in bits); strings become entries
/// of the column's own string store, so rows that use them refer to the
/// entry instead of copying its bytes.
struct ParquetDictionary {
    /// The decompressed dictionary page, and where its values start.
    var numberBytes: [UInt8] = []
    var numberOffset = 0
    var booleans: [Bool] = []
    var firstEntry: Int32 = 0
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

    /// The values at `picks` (ascending indices among the page's `count`
    /// present values) of a page of a column that is not text: the same
    /// values, and the same errors, as decoding the page and then picking.
    ///
    /// Why: §3 reads each log-prob table's prompt columns for a few thousand
    /// dictionary words out of some 256,000 rows. PLAIN values are read
    /// where they lie and dictionary indices looked up only where picked;
    /// other encodings are decoded whole and then picked.
    static func decode(_ cursor: inout ByteCursor, encoding raw: Int32, count: Int, typeLength: Int,
                       dictionary: ParquetDictionary?, picking picks: [Int], into builder: inout ParquetColumnBuilder) throws {
        switch try ParquetEncoding.from(raw) {
        case .plain where builder.type.numberWidth != nil:
            try PlainDecoder.decode(&cursor, count: count, typeLength: typeLength, picking: picks, into: &builder)
        case .plainDictionary, .rleDictionary:
            guard let dictionary else { throw ParquetIssue("expected a dictionary page before a \(try ParquetEncoding.from(raw)) data page, found none") }
            try gather(&cursor, count: count, dictionary: dictionary, picking: picks, into: &builder)
        default:
            var page = ParquetColumnBuilder(type: builder.type, byteBudget: builder.byteBudget)
            try decode(&cursor, encoding: raw, count: count, typeLength: typeLength, dictionary: dictionary, into: &page)
            guard page.count == count else { throw ParquetIssue("expected \(count) values in the page, found \(page.count)") }
            builder.append(picks, of: page)
        }
    }

    /// Dictionary indices: one byte of bit width, then RLE/bit-packed indices.
    /// `picks` (ascending) keeps only those of the page's values; nil keeps all.
    private static func gather(_ cursor: inout ByteCursor, count: Int, dictionary: ParquetDictionary,
                               picking picks: [Int]? = nil, into builder: inout ParquetColumnBuilder) throws {
        guard count > 0 else { return }
        let width = Int(try cursor.byte("the bit width of the dictionary indices"))
        let indices = try RLEHybridDecoder.decode(&cursor, bitWidth: width, count: count, what: "dictionary indices")
        if let index = indices.first(where: { Int($0) >= dictionary.count }) {
            throw ParquetIssue("expected dictionary indices below \(dictionary.count), found \(index)")
        }
        // Every index is checked above, so the lookups read the page directly.
        func pick<Raw: FixedWidthInteger, T>(_: Raw.Type, into out: inout [T], _ convert: (Raw) -> T) {
            let size = MemoryLayout<Raw>.size, offset = dictionary.numberOffset
            out.reserveCapacity(out.count + (picks?.count ?? indices.count))
            dictionary.numberBytes.withUnsafeBytes { table in
                indices.withUnsafeBufferPointer { index in
                    func value(_ i: UInt32) -> T {
                        convert(Raw(littleEndian: table.loadUnaligned(fromByteOffset: offset + Int(i) * size, as: Raw.self)))
                    }
                    if let picks {
                        for k in picks { out.append(value(index[k])) }
                    } else {
                        for i in index { out.append(value(i)) }
                    }
                }
            }
        }
        switch builder.type {
        case .boolean:
            let table = dictionary.booleans
            builder.booleans.append(contentsOf: (picks ?? Array(indices.indices)).lazy.map { table[Int(indices[$0])] })
        case .int32: pick(UInt32.self, into: &builder.int32s) { Int32(bitPattern: $0) }
        case .int64: pick(UInt64.self, into: &builder.int64s) { Int64(bitPattern: $0) }
        case .float: pick(UInt32.self, into: &builder.floats) { Float(bitPattern: $0) }
        case .double: pick(UInt64.self, into: &builder.doubles) { Double(bitPattern: $0) }
        case .byteArray, .fixedLenByteArray, .int96:
            let first = dictionary.firstEntry
            if let picks {
                builder.strings.rowEntries.append(contentsOf: picks.lazy.map { first + Int32(indices[$0]) })
            } else {
                builder.strings.rowEntries.append(contentsOf: indices.lazy.map { first + Int32($0) })
            }
        }
    }

    /// A dictionary page (PLAIN values); `cursor` reads `page`, the page decompressed.
    static func dictionary(_ cursor: inout ByteCursor, encoding raw: Int32, count: Int, typeLength: Int,
                           page: [UInt8], builder: inout ParquetColumnBuilder) throws -> ParquetDictionary {
        let encoding = try ParquetEncoding.from(raw)
        guard encoding == .plain || encoding == .plainDictionary else {
            throw ParquetIssue("expected a PLAIN dictionary page, found \(encoding)")
        }
        var dictionary = ParquetDictionary(count: count)
        switch builder.type {
        case .byteArray, .fixedLenByteArray, .int96:
            dictionary.firstEntry = try PlainDecoder.decode(&cursor, count: count, typeLength: typeLength, into: &builder, entriesOnly: true)
        case .boolean:
            var booleans = ParquetColumnBuilder(type: .boolean, byteBudget: 0)
            try PlainDecoder.decode(&cursor, count: count, typeLength: typeLength, into: &booleans)
            dictionary.booleans = booleans.booleans
        case .int32, .float, .int64, .double:
            dictionary.numberOffset = cursor.position
            _ = try PlainDecoder.valueBytes(&cursor, count: count, size: builder.type.numberWidth!)
            dictionary.numberBytes = page
        }
        return dictionary
    }
}
