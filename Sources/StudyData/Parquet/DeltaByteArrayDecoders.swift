import Foundation

/// The two delta encodings of strings: DELTA_LENGTH_BYTE_ARRAY (all lengths
/// delta-packed, then all bytes back to back) and DELTA_BYTE_ARRAY (each
/// value is a prefix of the previous one plus a suffix; prefix lengths
/// delta-packed, suffixes as DELTA_LENGTH_BYTE_ARRAY).
enum DeltaByteArrayDecoders {
    static func decodeLengthPrefixed(_ cursor: inout ByteCursor, count: Int, into builder: inout ParquetColumnBuilder) throws {
        try lengthPrefixed(&cursor, count: count, what: "DELTA_LENGTH_BYTE_ARRAY lengths") { bytes in try builder.appendString(bytes) }
    }

    static func decodeIncremental(_ cursor: inout ByteCursor, count: Int, into builder: inout ParquetColumnBuilder) throws {
        let prefixes = try DeltaBinaryPackedDecoder.decode(&cursor, limit: count, what: "DELTA_BYTE_ARRAY prefix lengths")
        guard prefixes.count == count else {
            throw ParquetIssue("expected \(count) DELTA_BYTE_ARRAY prefix lengths, found \(prefixes.count)")
        }
        var previous: [UInt8] = []
        var current: [UInt8] = []
        var index = 0
        try lengthPrefixed(&cursor, count: count, what: "DELTA_BYTE_ARRAY suffix lengths") { suffix in
            let prefix = prefixes[index]
            guard prefix >= 0, prefix <= previous.count else {
                throw ParquetIssue("expected a prefix of at most \(previous.count) bytes for string \(index + 1), found \(prefix)")
            }
            current.removeAll(keepingCapacity: true)
            current.append(contentsOf: previous[..<Int(prefix)])
            current.append(contentsOf: suffix)
            try current.withUnsafeBytes { try builder.appendString($0) }
            swap(&previous, &current)
            index += 1
        }
    }

    private static func lengthPrefixed(_ cursor: inout ByteCursor, count: Int, what: String,
                                       _ each: (UnsafeRawBufferPointer) throws -> Void) throws {
        let lengths = try DeltaBinaryPackedDecoder.decode(&cursor, limit: count, what: what)
        guard lengths.count == count else { throw ParquetIssue("expected \(count) \(what), found \(lengths.count)") }
        for (i, length) in lengths.enumerated() {
            guard length >= 0, length <= Int64(cursor.remaining) else {
                throw ParquetIssue("expected string \(i + 1) of \(count) to fit in the \(cursor.remaining) bytes left, found a length of \(length)")
            }
            try each(try cursor.bytes(Int(length), "string \(i + 1) of \(count)"))
        }
    }
}
