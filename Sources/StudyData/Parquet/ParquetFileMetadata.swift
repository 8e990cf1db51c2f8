import Foundation

/// Parquet's physical types (the `Type` enum of the format's Thrift definition).
public enum ParquetPhysicalType: Int32, Sendable, CustomStringConvertible {
    case boolean = 0, int32 = 1, int64 = 2, int96 = 3, float = 4, double = 5, byteArray = 6, fixedLenByteArray = 7

    /// The bytes of one PLAIN value of a fixed-width number type; nil for
    /// booleans (bits), text and INT96.
    var numberWidth: Int? {
        switch self {
        case .int32, .float: 4
        case .int64, .double: 8
        case .boolean, .int96, .byteArray, .fixedLenByteArray: nil
        }
    }

    public var description: String {
        switch self {
        case .boolean: "BOOLEAN"
        case .int32: "INT32"
        case .int64: "INT64"
        case .int96: "INT96"
        case .float: "FLOAT"
        case .double: "DOUBLE"
        case .byteArray: "BYTE_ARRAY"
        case .fixedLenByteArray: "FIXED_LEN_BYTE_ARRAY"
        }
    }
}

/// One node of the footer's flattened schema tree.
struct ParquetSchemaElement {
    var type: Int32?
    var typeLength: Int32?
    /// 0 required, 1 optional, 2 repeated.
    var repetition: Int32?
    var name = ""
    var numChildren: Int32?
}

/// Where one column's data lies in one row group, and how it is stored.
struct ParquetColumnChunkMetadata {
    var type: Int32 = -1
    var path: [String] = []
    var codec: Int32 = 0
    var valueCount: Int64 = 0
    var totalCompressedSize: Int64 = 0
    var dataPageOffset: Int64 = -1
    var dictionaryPageOffset: Int64?
}

struct ParquetRowGroupMetadata {
    var columns: [ParquetColumnChunkMetadata] = []
    var rowCount: Int64 = 0
}

/// The parts of the footer (`FileMetaData`) the reader uses; everything else
/// (statistics, key-value metadata such as pandas' schema, indexes) is skipped.
struct ParquetFileMetadata {
    var schema: [ParquetSchemaElement] = []
    var rowCount: Int64 = 0
    var rowGroups: [ParquetRowGroupMetadata] = []

    static func decode(_ reader: inout ThriftCompactReader) throws -> ParquetFileMetadata {
        var out = ParquetFileMetadata()
        var sawSchema = false, sawRows = false, sawGroups = false
        try reader.readStruct("the file metadata") { r, id, type in
            switch id {
            case 2: out.schema = try r.structList(type, "the schema", decodeSchemaElement); sawSchema = true
            case 3: out.rowCount = try r.i64(type, "the row count"); sawRows = true
            case 4: out.rowGroups = try r.structList(type, "the row groups", decodeRowGroup); sawGroups = true
            default: return false
            }
            return true
        }
        guard sawSchema, sawRows, sawGroups else { throw ParquetIssue("expected the file metadata to hold a schema, a row count and row groups") }
        return out
    }

    private static func decodeSchemaElement(_ reader: inout ThriftCompactReader) throws -> ParquetSchemaElement {
        var e = ParquetSchemaElement()
        try reader.readStruct("a schema element") { r, id, type in
            switch id {
            case 1: e.type = try r.i32(type, "a schema element's type")
            case 2: e.typeLength = try r.i32(type, "a schema element's type length")
            case 3: e.repetition = try r.i32(type, "a schema element's repetition")
            case 4: e.name = ByteText.decode(array: try r.binary(type, "a schema element's name"))
            case 5: e.numChildren = try r.i32(type, "a schema element's number of children")
            default: return false
            }
            return true
        }
        return e
    }

    private static func decodeRowGroup(_ reader: inout ThriftCompactReader) throws -> ParquetRowGroupMetadata {
        var g = ParquetRowGroupMetadata()
        try reader.readStruct("a row group") { r, id, type in
            switch id {
            case 1: g.columns = try r.structList(type, "a row group's columns", decodeColumnChunk)
            case 3: g.rowCount = try r.i64(type, "a row group's row count")
            default: return false
            }
            return true
        }
        return g
    }

    private static func decodeColumnChunk(_ reader: inout ThriftCompactReader) throws -> ParquetColumnChunkMetadata {
        var chunk: ParquetColumnChunkMetadata?
        var externalFile = false
        try reader.readStruct("a column chunk") { r, id, type in
            switch id {
            case 1: _ = try r.binary(type, "a column chunk's file path"); externalFile = true
            case 3: chunk = try decodeColumnMetadata(&r, type)
            default: return false
            }
            return true
        }
        guard !externalFile else { throw ParquetIssue("expected every column's data inside this file, found a reference to another file") }
        guard let chunk else { throw ParquetIssue("expected a column chunk to carry its metadata") }
        return chunk
    }

    private static func decodeColumnMetadata(_ reader: inout ThriftCompactReader, _ type: ThriftCompactReader.WireType) throws -> ParquetColumnChunkMetadata {
        guard type == .structure else { throw ParquetIssue("expected column metadata as a Thrift struct, found \(type)") }
        var m = ParquetColumnChunkMetadata()
        try reader.readStruct("column metadata") { r, id, type in
            switch id {
            case 1: m.type = try r.i32(type, "a column's type")
            case 3: m.path = try r.binaryList(type, "a column's path").map { ByteText.decode(array: $0) }
            case 4: m.codec = try r.i32(type, "a column's codec")
            case 5: m.valueCount = try r.i64(type, "a column's value count")
            case 7: m.totalCompressedSize = try r.i64(type, "a column's compressed size")
            case 9: m.dataPageOffset = try r.i64(type, "a column's data page offset")
            case 11: m.dictionaryPageOffset = try r.i64(type, "a column's dictionary page offset")
            default: return false
            }
            return true
        }
        return m
    }
}
