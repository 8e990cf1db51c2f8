import Foundation

/// Reads a log-prob table stored as Parquet (`<org>--<model>.parquet`, the
/// form Hugging Face serves every dataset in) into the same `LogprobTable`
/// the CSV reader makes from the CSV form: the same rows kept (tokens wanted
/// byte for byte, see `TokenIndex`), the same dense and sparse columns, the
/// same text for invalid UTF-8. Only `token_id`, `token_decoded` and the
/// requested prompt columns are decompressed and decoded.
///
/// The audit counts what a pandas reader of *this* file would meet: invalid
/// UTF-8 and control characters in tokens; the CSV-only hazards (a bare CR
/// splitting a row, a token read as NaN by `na_values`) cannot happen in
/// Parquet and count 0.
enum LogprobParquetReader {
    static func read(url: URL, displayPath: String, request: LogprobRequest) throws -> LogprobTable {
        let file = try ParquetFile.open(url: url, displayPath: displayPath)
        for name in ["token_id", "token_decoded"] + request.prompts where !file.columns.contains(where: { $0.name == name }) {
            throw DataError(path: displayPath, message: "expected a column named \(quotedForMessage(name)) (a log-prob table has token_id, token_name, token_decoded and one column per prompt)")
        }
        let idColumn = try file.read(column: "token_id")
        guard let idValues = idColumn.doubles else {
            throw DataError(path: displayPath, message: "column \"token_id\": expected integer token ids, found \(idColumn.physicalType)")
        }
        let tokenColumn = try file.read(column: "token_decoded")
        guard case .byteArrays(let tokenBytes) = tokenColumn.values else {
            throw DataError(path: displayPath, message: "column \"token_decoded\": expected text (BYTE_ARRAY), found \(tokenColumn.physicalType)")
        }
        let rows = file.rowCount
        var audit = LogprobAudit(rows: rows, invalidUTF8Rows: 0, bareCRRows: 0, missingLikeTokens: 0, controlCharRows: 0)
        let keepsOtherRows = request.prompts.contains { request.everyRowPrompts.contains($0) }
        let wanted = request.tokens.map { TokenIndex($0) }
        let words = request.tokens == nil ? nil : request.tokenWords

        // Each stored entry (a dictionary entry once, not per row) is judged once.
        var entryWanted = [Bool](repeating: true, count: tokenBytes.entryCount)
        var entryInvalid = [Bool](repeating: false, count: tokenBytes.entryCount)
        var entryControl = [Bool](repeating: false, count: tokenBytes.entryCount)
        for e in 0 ..< tokenBytes.entryCount {
            let bytes = tokenBytes.entryBytes(e)
            bytes.withUnsafeBytes { raw in
                if let wanted { entryWanted[e] = wanted.id(ofBytes: raw) != nil }
            }
            entryInvalid[e] = !ByteText.isValidUTF8(bytes)
            entryControl[e] = bytes.contains { $0 < 0x20 || $0 == 0x7F }
            // A word rule judges the text the table will hold (invalid bytes made visible, as the CSV reader does).
            if let words, !entryWanted[e], entryInvalid[e] || words.mayRead(bytes: bytes) {
                entryWanted[e] = words.word(of: ByteText.decode(array: Array(bytes))) != nil
            }
        }
        var full: [Int] = []          // kept rows with every requested column
        var kept: [Int] = []          // every kept row
        for row in 0 ..< rows {
            let e = Int(tokenBytes.rowEntries[row])
            if e < 0 {
                throw file.valueError(column: "token_decoded", row: row + 1, "expected a token, found a missing value")
            }
            if entryInvalid[e] { audit.invalidUTF8Rows += 1 }
            if entryControl[e] { audit.controlCharRows += 1 }
            if entryWanted[e] { full.append(kept.count); kept.append(row) } else if keepsOtherRows { kept.append(row) }
        }

        var ids: [Int32] = []
        ids.reserveCapacity(kept.count)
        for row in kept {
            guard !idColumn.isMissing(row), let id = Int32(exactly: idValues[row]) else {
                throw file.valueError(column: "token_id", row: row + 1, "expected an integer token id, found \(idColumn.isMissing(row) ? "a missing value" : String(idValues[row]))")
            }
            ids.append(id)
        }
        var decoded = [String?](repeating: nil, count: tokenBytes.entryCount)
        let tokens = kept.map { row -> String in
            let e = Int(tokenBytes.rowEntries[row])
            if let s = decoded[e] { return s }
            let s = ByteText.decode(array: Array(tokenBytes.entryBytes(e)))
            decoded[e] = s
            return s
        }

        var columns: [LogprobColumn] = []
        let fullRows = full.map { kept[$0] }
        for prompt in request.prompts {
            let everyRow = !keepsOtherRows || request.everyRowPrompts.contains(prompt)
            let source = everyRow ? kept : fullRows
            // Only the kept rows are decoded: most prompts keep a few thousand of some 256,000.
            let picked = try file.numberColumn(prompt, rows: source)
            for (k, value) in picked.enumerated() where !value.isFinite {
                throw file.valueError(column: prompt, row: source[k] + 1, "expected a number, found \(value.isNaN ? "a missing value or NaN" : String(value))")
            }
            columns.append(everyRow ? LogprobColumn(picked) : LogprobColumn(count: kept.count, rows: full, values: picked))
        }
        return LogprobTable(path: displayPath, tokenIDs: ids, tokens: tokens, promptKeys: request.prompts, columns: columns,
                            rowsInFile: rows, audit: audit)
    }
}
