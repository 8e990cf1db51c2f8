import Failures
import Foundation

/// One column of a Parquet file's flat schema.
public struct ParquetColumnInfo: Sendable, Equatable {
    public var name: String
    public var physicalType: ParquetPhysicalType
    /// The column may hold missing values (definition levels).
    public var optional: Bool
    var typeLength: Int
}

/// A Parquet file opened for reading: magic bytes, footer and schema are
/// checked on opening; columns are decompressed and decoded only when asked
/// for (`read`). Flat tables only — every column a leaf of the root — which
/// is what pandas, R's arrow and Hugging Face write for a table.
///
/// Memory is bounded by the file's size: a file may claim at most
/// `rowLimit` rows and its pages and strings may expand to at most
/// `byteBudget` bytes, so lengths read from a corrupt or hostile file give an
/// error instead of a huge allocation.
public struct ParquetFile: Sendable {
    public let path: String
    public let columns: [ParquetColumnInfo]
    public let rowCount: Int
    /// The file's bytes: given in memory, or mapped from the file (`open`).
    private let data: Data?
    private let map: ParquetFileMap?
    let metadata: ParquetFileMetadata
    let footerStart: Int
    let byteBudget: Int

    static let magic: [UInt8] = Array("PAR1".utf8)

    /// Maps the file at `url`; `displayPath` is what errors show. Each
    /// column chunk's pages leave memory once the chunk is decoded.
    public static func open(url: URL, displayPath: String) throws -> ParquetFile {
        try ParquetFile(data: nil, map: ParquetFileMap(url: url, displayPath: displayPath), path: displayPath)
    }

    public init(data: Data, path: String) throws {
        try self.init(data: data, map: nil, path: path)
    }

    private init(data: Data?, map: ParquetFileMap?, path: String) throws {
        self.path = path
        self.data = data
        self.map = map
        let size = map?.bytes.count ?? data?.count ?? 0
        byteBudget = size.multipliedReportingOverflow(by: 64).overflow ? Int.max : max(size * 64, 1 << 26)
        let rowLimit = min(Int(Int32.max), size * 512 + (1 << 20))
        do {
            (metadata, footerStart) = try Self.withBytes(data, map) { raw in try Self.footer(raw) }
            columns = try Self.flatColumns(metadata.schema)
            rowCount = try checkedCount(metadata.rowCount, limit: rowLimit, "the file's row count (at most \(rowLimit) for a file of \(size) bytes)")
            var sum = 0
            for (g, group) in metadata.rowGroups.enumerated() {
                let rows = try checkedCount(group.rowCount, limit: rowCount, "the row count of row group \(g + 1)")
                sum += rows
                guard group.columns.count == columns.count else {
                    throw ParquetIssue("expected \(columns.count) columns in row group \(g + 1) as in the schema, found \(group.columns.count)")
                }
            }
            guard sum == rowCount else { throw ParquetIssue("expected the row groups to hold the file's \(rowCount) rows, found \(sum)") }
        } catch let issue as ParquetIssue {
            throw DataError(path: path, message: issue.message)
        }
    }

    private static func withBytes<R>(_ data: Data?, _ map: ParquetFileMap?, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        if let map { return try body(map.bytes) }
        return try (data ?? Data()).withUnsafeBytes(body)
    }

    /// Checks the magic bytes and decodes the footer (`FileMetaData`).
    private static func footer(_ raw: UnsafeRawBufferPointer) throws -> (ParquetFileMetadata, Int) {
        let size = raw.count
        guard size >= 12 else { throw ParquetIssue("expected a Parquet file (at least 12 bytes: PAR1, footer, length, PAR1), found \(size) bytes") }
        let head = Array(raw[0 ..< 4]), tail = Array(raw[size - 4 ..< size])
        if tail == Array("PARE".utf8) { throw ParquetIssue("expected an unencrypted Parquet file, found an encrypted footer (PARE); encrypted Parquet is not supported") }
        guard head == magic, tail == magic else {
            throw ParquetIssue("expected a Parquet file starting and ending with the magic bytes PAR1, found \(quotedForMessage(ByteText.decode(head))) … \(quotedForMessage(ByteText.decode(tail)))")
        }
        let length = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: size - 8, as: UInt32.self)))
        guard length <= size - 12 else {
            throw ParquetIssue("expected a footer of at most \(size - 12) bytes, found a footer length of \(length) (past the start of the file)")
        }
        let start = size - 8 - length
        var reader = ThriftCompactReader(ByteCursor(raw, from: start, to: size - 8))
        do {
            return (try ParquetFileMetadata.decode(&reader), start)
        } catch let issue as ParquetIssue {
            throw ParquetIssue("footer: \(issue.message)")
        }
    }

    /// The root's children, which must all be leaves that are not repeated.
    private static func flatColumns(_ schema: [ParquetSchemaElement]) throws -> [ParquetColumnInfo] {
        guard let root = schema.first else { throw ParquetIssue("expected a schema with a root, found an empty schema") }
        let children = Int(root.numChildren ?? 0)
        var out: [ParquetColumnInfo] = []
        var i = 1
        while i < schema.count {
            let e = schema[i]
            if let n = e.numChildren, n > 0 {
                throw ParquetIssue("expected a flat table, found column \(quotedForMessage(e.name)) nested (a group of \(n) fields); Backbone reads flat tables only — flatten it first (e.g. pyarrow's Table.flatten())")
            }
            if e.repetition == 2 {
                throw ParquetIssue("expected a flat table, found column \(quotedForMessage(e.name)) repeated (a list); Backbone reads flat tables only")
            }
            guard let rawType = e.type, let type = ParquetPhysicalType(rawValue: rawType) else {
                throw ParquetIssue("expected a physical type for column \(quotedForMessage(e.name)), found \(e.type.map(String.init) ?? "none")")
            }
            let length = Int(e.typeLength ?? 0)
            if type == .fixedLenByteArray, length <= 0 {
                throw ParquetIssue("expected a positive length for FIXED_LEN_BYTE_ARRAY column \(quotedForMessage(e.name)), found \(length)")
            }
            out.append(ParquetColumnInfo(name: e.name, physicalType: type, optional: e.repetition == 1, typeLength: length))
            i += 1
        }
        guard out.count == children else {
            throw ParquetIssue("expected \(children) columns under the schema's root, found \(out.count)")
        }
        return out
    }

    /// The column's description, or an error naming the columns there are.
    public func info(_ name: String) throws -> ParquetColumnInfo {
        if let c = columns.first(where: { $0.name == name }) { return c }
        let shown = columns.filter { !$0.name.hasPrefix("__index_level_") }.prefix(8).map { quotedForMessage($0.name) }.joined(separator: ", ")
        throw DataError(path: path, message: "expected a column named \(quotedForMessage(name)); the file has \(shown)\(columns.count > 8 ? ", …" : "")")
    }

    /// Decodes the named columns (and only those), in the order asked.
    public func read(_ names: [String]) throws -> [ParquetColumn] {
        try names.map { try read(column: $0) }
    }

    /// Decodes the named column; with `rows` (ascending row numbers, 0-based)
    /// only those rows, in that order: the same values and the same errors as
    /// reading every row and then picking. Text columns are read whole and
    /// then picked; number columns decode only what is picked where their
    /// encoding allows (see `ParquetValueDecoding.decode(_:encoding:count:typeLength:dictionary:picking:into:)`).
    public func read(column name: String, rows: [Int]? = nil) throws -> ParquetColumn {
        let info = try info(name)
        let index = columns.firstIndex(of: info)!
        if info.physicalType == .int96 {
            throw DataError(path: path, message: "column \(quotedForMessage(name)): expected a column of a supported physical type, found INT96 (a legacy timestamp)")
        }
        if let rows {
            precondition(zip(rows, rows.dropFirst()).allSatisfy { $0 < $1 } && (rows.first ?? 0) >= 0 && (rows.last ?? 0) < max(rowCount, 1),
                         "ParquetFile.read(column:rows:) takes ascending rows of the file")
        }
        if let rows, info.physicalType == .byteArray || info.physicalType == .fixedLenByteArray {
            return try read(column: name).picking(rows)
        }
        var builder = ParquetColumnBuilder(type: info.physicalType, byteBudget: byteBudget)
        builder.reserve(rows: rows?.count ?? rowCount)   // bounded by the file size (see `rowLimit` in `init`)
        var groupStart = 0, nextRow = 0
        try Self.withBytes(data, map) { raw in
            for (g, group) in metadata.rowGroups.enumerated() {
                let chunk = group.columns[index]
                let groupRows = Int(group.rowCount)
                defer { groupStart += groupRows }
                // This group's selected rows, counted from its first row.
                var selection: ArraySlice<Int>?
                if let rows {
                    var local: [Int] = []
                    while nextRow < rows.count, rows[nextRow] < groupStart + groupRows {
                        local.append(rows[nextRow] - groupStart)
                        nextRow += 1
                    }
                    selection = local[...]
                }
                do {
                    guard chunk.path == [name], chunk.type == info.physicalType.rawValue else {
                        throw ParquetIssue("expected the column's data under its own name and type, found \(chunk.path.map { quotedForMessage($0) }.joined(separator: ".")) of type \(chunk.type)")
                    }
                    let reader = ParquetColumnChunkReader(chunk: chunk, rowCount: groupRows, optional: info.optional,
                                                          typeLength: info.typeLength, dataEnd: footerStart, pageBudget: byteBudget,
                                                          selection: selection)
                    try reader.read(raw, into: &builder)
                    map?.dropPages(in: reader.byteRange)
                } catch let issue as ParquetIssue {
                    let page = issue.page.map { ", page \($0)" } ?? ""
                    throw DataError(path: path, message: "column \(quotedForMessage(name)), row group \(g + 1)\(page): \(issue.message)")
                }
            }
        }
        return builder.finish(name: name)
    }
}
