import Foundation

// TEMPORARY STAND-IN for the fast log-prob table reader being written on the
// `logprob` branch. It declares exactly the reader's public API so that §3
// code compiles and its tests run, with a simple, correct and slow
// implementation on top of `CSVReader`. Delete this file when the real
// reader is merged.

/// One model's log-prob table, restricted to the prompts and tokens asked for.
public struct LogprobTable: Sendable {
    public var path: String
    public var tokenIDs: [Int32]
    /// `token_decoded` of each kept row (text; never a missing value).
    public var tokens: [String]
    public var promptKeys: [String]
    /// `columns[prompt][row]`.
    public var columns: [[Double]]
    public var rowsInFile: Int
    public var audit: LogprobAudit

    public init(path: String, tokenIDs: [Int32], tokens: [String], promptKeys: [String], columns: [[Double]],
                rowsInFile: Int, audit: LogprobAudit) {
        self.path = path; self.tokenIDs = tokenIDs; self.tokens = tokens; self.promptKeys = promptKeys
        self.columns = columns; self.rowsInFile = rowsInFile; self.audit = audit
    }
}

/// What a pandas-default reader would have lost or mangled in a file.
public struct LogprobAudit: Codable, Equatable, Sendable {
    public var rows: Int
    public var invalidUTF8Rows: Int
    public var bareCRRows: Int
    public var missingLikeTokens: Int
    public var controlCharRows: Int

    public init(rows: Int, invalidUTF8Rows: Int, bareCRRows: Int, missingLikeTokens: Int, controlCharRows: Int) {
        self.rows = rows; self.invalidUTF8Rows = invalidUTF8Rows; self.bareCRRows = bareCRRows
        self.missingLikeTokens = missingLikeTokens; self.controlCharRows = controlCharRows
    }
}

public struct LogprobRequest: Sendable {
    public var prompts: [String]
    /// nil = every row.
    public var tokens: Set<String>?
    public init(prompts: [String], tokens: Set<String>? = nil) {
        self.prompts = prompts; self.tokens = tokens
    }
}

public enum LogprobReader {
    /// pandas' default `na_values`: strings a default `read_csv` turns into NaN.
    static let missingLike: Set<String> = ["", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan",
                                           "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null"]

    public static func read(url: URL, displayPath: String, request: LogprobRequest) throws -> LogprobTable {
        let doc = try CSVReader.read(url: url, displayPath: displayPath)
        let idColumn = try doc.columnIndex("token_id")
        let tokenColumn = try doc.columnIndex("token_decoded")
        let promptColumns = try request.prompts.map { try doc.columnIndex($0) }
        var ids: [Int32] = [], tokens: [String] = []
        var columns = [[Double]](repeating: [], count: promptColumns.count)
        var audit = LogprobAudit(rows: doc.records.count, invalidUTF8Rows: 0, bareCRRows: 0, missingLikeTokens: 0, controlCharRows: 0)
        for record in doc.records {
            let token = record.fields[tokenColumn]
            if token.unicodeScalars.contains("\u{FFFD}") { audit.invalidUTF8Rows += 1 }
            if token.unicodeScalars.contains("\r") { audit.bareCRRows += 1 }
            if missingLike.contains(token) { audit.missingLikeTokens += 1 }
            if token.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { audit.controlCharRows += 1 }
            if let wanted = request.tokens, !wanted.contains(token) { continue }
            guard let id = Int32(record.fields[idColumn]) else {
                throw DataError(path: displayPath, line: record.line, column: idColumn + 1,
                                message: "expected an integer token id, found \(quotedForMessage(record.fields[idColumn]))")
            }
            ids.append(id); tokens.append(token)
            for (k, c) in promptColumns.enumerated() {
                guard let v = Double(record.fields[c]) else {
                    throw DataError(path: displayPath, line: record.line, column: c + 1,
                                    message: "expected a log-probability, found \(quotedForMessage(record.fields[c]))")
                }
                columns[k].append(v)
            }
        }
        return LogprobTable(path: displayPath, tokenIDs: ids, tokens: tokens, promptKeys: request.prompts, columns: columns,
                            rowsInFile: doc.records.count, audit: audit)
    }

    public static func readAll(_ files: [(url: URL, displayPath: String)], request: LogprobRequest,
                               progress: (@Sendable (Int, Int) -> Void)?) throws -> [LogprobTable] {
        var out: [LogprobTable] = []
        for (i, f) in files.enumerated() {
            out.append(try read(url: f.url, displayPath: f.displayPath, request: request))
            progress?(i + 1, files.count)
        }
        return out
    }
}
