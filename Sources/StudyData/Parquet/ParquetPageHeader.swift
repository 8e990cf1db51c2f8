import Foundation

/// Parquet's value encodings (the `Encoding` enum of the format).
enum ParquetEncoding: Int32, CustomStringConvertible {
    case plain = 0, groupVarInt = 1, plainDictionary = 2, rle = 3, bitPacked = 4
    case deltaBinaryPacked = 5, deltaLengthByteArray = 6, deltaByteArray = 7, rleDictionary = 8, byteStreamSplit = 9

    var description: String {
        switch self {
        case .plain: "PLAIN"
        case .groupVarInt: "GROUP_VAR_INT"
        case .plainDictionary: "PLAIN_DICTIONARY"
        case .rle: "RLE"
        case .bitPacked: "BIT_PACKED"
        case .deltaBinaryPacked: "DELTA_BINARY_PACKED"
        case .deltaLengthByteArray: "DELTA_LENGTH_BYTE_ARRAY"
        case .deltaByteArray: "DELTA_BYTE_ARRAY"
        case .rleDictionary: "RLE_DICTIONARY"
        case .byteStreamSplit: "BYTE_STREAM_SPLIT"
        }
    }

    static func from(_ raw: Int32) throws -> ParquetEncoding {
        guard let e = ParquetEncoding(rawValue: raw) else { throw ParquetIssue("expected a known encoding, found number \(raw)") }
        return e
    }
}

/// The header in front of every page: its kind, sizes and the kind-specific part.
struct ParquetPageHeader {
    enum Kind: Equatable {
        case dataV1(valueCount: Int32, encoding: Int32, definitionEncoding: Int32)
        case dataV2(valueCount: Int32, nullCount: Int32, rowCount: Int32, encoding: Int32,
                    definitionLength: Int32, repetitionLength: Int32, isCompressed: Bool)
        case dictionary(valueCount: Int32, encoding: Int32)
        /// Index pages and kinds this reader does not know are skipped.
        case other(Int32)
    }

    var kind: Kind
    var uncompressedSize: Int32
    var compressedSize: Int32

    static func decode(_ reader: inout ThriftCompactReader) throws -> ParquetPageHeader {
        var pageType: Int32?, uncompressed: Int32?, compressed: Int32?
        var v1: (Int32, Int32, Int32)?
        var v2: (Int32, Int32, Int32, Int32, Int32, Int32, Bool)?
        var dictionary: (Int32, Int32)?
        try reader.readStruct("a page header") { r, id, type in
            switch id {
            case 1: pageType = try r.i32(type, "the page type")
            case 2: uncompressed = try r.i32(type, "the uncompressed page size")
            case 3: compressed = try r.i32(type, "the compressed page size")
            case 5: v1 = try decodeV1(&r, type)
            case 7: dictionary = try decodeDictionary(&r, type)
            case 8: v2 = try decodeV2(&r, type)
            default: return false
            }
            return true
        }
        guard let pageType, let uncompressed, let compressed else {
            throw ParquetIssue("expected a page header with a type and both page sizes")
        }
        guard uncompressed >= 0, compressed >= 0 else {
            throw ParquetIssue("expected non-negative page sizes, found \(compressed) compressed and \(uncompressed) uncompressed")
        }
        let kind: Kind
        switch pageType {
        case 0:
            guard let v1 else { throw ParquetIssue("expected a data page header inside a DATA_PAGE header") }
            kind = .dataV1(valueCount: v1.0, encoding: v1.1, definitionEncoding: v1.2)
        case 2:
            guard let dictionary else { throw ParquetIssue("expected a dictionary page header inside a DICTIONARY_PAGE header") }
            kind = .dictionary(valueCount: dictionary.0, encoding: dictionary.1)
        case 3:
            guard let v2 else { throw ParquetIssue("expected a data page v2 header inside a DATA_PAGE_V2 header") }
            kind = .dataV2(valueCount: v2.0, nullCount: v2.1, rowCount: v2.2, encoding: v2.3,
                           definitionLength: v2.4, repetitionLength: v2.5, isCompressed: v2.6)
        default:
            kind = .other(pageType)
        }
        return ParquetPageHeader(kind: kind, uncompressedSize: uncompressed, compressedSize: compressed)
    }

    private static func decodeV1(_ reader: inout ThriftCompactReader, _ type: ThriftCompactReader.WireType) throws -> (Int32, Int32, Int32) {
        guard type == .structure else { throw ParquetIssue("expected a data page header as a Thrift struct, found \(type)") }
        var count: Int32?, encoding: Int32?, definition: Int32 = ParquetEncoding.rle.rawValue
        try reader.readStruct("a data page header") { r, id, type in
            switch id {
            case 1: count = try r.i32(type, "the page's value count")
            case 2: encoding = try r.i32(type, "the page's encoding")
            case 3: definition = try r.i32(type, "the page's definition level encoding")
            default: return false
            }
            return true
        }
        guard let count, let encoding else { throw ParquetIssue("expected a data page header with a value count and an encoding") }
        return (count, encoding, definition)
    }

    private static func decodeDictionary(_ reader: inout ThriftCompactReader, _ type: ThriftCompactReader.WireType) throws -> (Int32, Int32) {
        guard type == .structure else { throw ParquetIssue("expected a dictionary page header as a Thrift struct, found \(type)") }
        var count: Int32?, encoding: Int32?
        try reader.readStruct("a dictionary page header") { r, id, type in
            switch id {
            case 1: count = try r.i32(type, "the dictionary's value count")
            case 2: encoding = try r.i32(type, "the dictionary's encoding")
            default: return false
            }
            return true
        }
        guard let count, let encoding else { throw ParquetIssue("expected a dictionary page header with a value count and an encoding") }
        return (count, encoding)
    }

    private static func decodeV2(_ reader: inout ThriftCompactReader, _ type: ThriftCompactReader.WireType) throws -> (Int32, Int32, Int32, Int32, Int32, Int32, Bool) {
        guard type == .structure else { throw ParquetIssue("expected a data page v2 header as a Thrift struct, found \(type)") }
        var fields = [Int32?](repeating: nil, count: 6)
        var compressed = true
        try reader.readStruct("a data page v2 header") { r, id, type in
            switch id {
            case 1...6: fields[Int(id) - 1] = try r.i32(type, "field \(id) of a data page v2 header")
            case 7: compressed = try r.bool(type, "the page's is_compressed flag")
            default: return false
            }
            return true
        }
        let present = fields.compactMap { $0 }
        guard present.count == 6 else {
            throw ParquetIssue("expected a data page v2 header with value, null and row counts, an encoding and both level lengths")
        }
        return (present[0], present[1], present[2], present[3], present[4], present[5], compressed)
    }
}
