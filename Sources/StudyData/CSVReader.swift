import Failures
import Foundation

/// One CSV record with the physical line it starts on, so errors can point at it.
public struct CSVRecord: Equatable, Sendable {
    public var line: Int
    public var fields: [String]
}

/// A whole CSV file: its header and records, with the display path used in errors.
public struct CSVDocument: Sendable {
    public var path: String
    public var header: [String]
    public var records: [CSVRecord]

    /// The 0-based index of a header column, or a `DataError` naming the file,
    /// line 1 and the columns that are there.
    public func columnIndex(_ name: String) throws -> Int {
        try Self.columnIndex(name, in: header, path: path)
    }

    static func columnIndex(_ name: String, in header: [String], path: String) throws -> Int {
        if let i = header.firstIndex(of: name) { return i }
        let shown = header.prefix(8).map { quotedForMessage($0) }.joined(separator: ", ")
        throw DataError(path: path, line: 1, message: "expected a column named \(quotedForMessage(name)); the header has \(shown)\(header.count > 8 ? ", …" : "")")
    }
}

/// Our own CSV reader (RFC 4180), written for the study's files rather than
/// taken from a library because the rules that matter here are unusual:
/// a record ends only at LF or CRLF (a bare CR inside a field is data — older
/// Python csv writers leave unquoted `\r` tokens); no value is ever "missing"
/// (`NA`, `NaN`, empty are text until a loader decides); invalid UTF-8 bytes
/// become visible `\xHH` text (see `ByteText`) instead of crashing; and every error names the
/// file, line and field.
public enum CSVReader {
    /// Reads and parses a file. `displayPath` is what errors show (relative to
    /// the content folder where possible).
    public static func read(url: URL, displayPath: String) throws -> CSVDocument {
        try readTable(url: url, displayPath: displayPath).document()
    }

    /// The same file as byte ranges (`CSVTable`), for loaders that decode
    /// only some fields.
    public static func readTable(url: URL, displayPath: String) throws -> CSVTable {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw DataError(path: displayPath, message: "cannot read the file (\(SystemErrorReason.reason(error)))")
        }
        return try parseTable(data, path: displayPath)
    }

    /// Parses bytes. The first record is the header; blank lines are skipped;
    /// every record must have as many fields as the header.
    public static func parse(_ data: Data, path: String) throws -> CSVDocument {
        try parseTable(data, path: path).document()
    }

    /// The same parse and the same checks, the fields left as byte ranges.
    public static func parseTable(_ data: Data, path: String) throws -> CSVTable {
        try CSVParser.parse([UInt8](data), path: path)
    }

    /// The most columns a header may have. The study's tables have a few
    /// dozen; the cap keeps the memory of a hostile one-line file (millions
    /// of one-character fields) in proportion, and rows are held to the
    /// header's width as they are read.
    public static let maximumColumns = 10_000
}
