import CScan

/// One pass over a CSV file's bytes by the rules `CSVReader` states, giving
/// a `CSVTable`: each field becomes a range of the bytes, found by scanning
/// to its delimiter, so no byte is copied except those of a quoted field
/// holding a doubled quote (which must be unescaped and is copied once).
///
/// The checks and their order are the reader's contract (tests pin each
/// message): while scanning, an unclosed quote, text after a closing quote
/// and a record wider than allowed stop at once; after the scan come an
/// empty file, a column name twice, and the first record narrower than the
/// header or wider by one.
enum CSVParser {
    private static let quote = UInt8(ascii: "\"")
    private static let comma = UInt8(ascii: ",")
    private static let lf = UInt8(ascii: "\n")
    private static let cr = UInt8(ascii: "\r")

    static func parse(_ file: [UInt8], path: String) throws -> CSVTable {
        let scan = try file.withUnsafeBufferPointer { try self.scan($0, path: path) }
        var storage = file
        if !scan.unescaped.isEmpty { storage.append(contentsOf: scan.unescaped) }
        guard let headerLine = scan.headerLine else {
            throw DataError(path: path, line: 1, message: "expected a header line, found an empty file")
        }
        let header = storage.withUnsafeBufferPointer { all in
            scan.headerFields.map { ByteText.decode(UnsafeBufferPointer(rebasing: all[$0])) }
        }
        var columnOf: [String: Int] = [:]
        for (column, name) in header.enumerated() {
            if let other = columnOf[name] {
                throw DataError(path: path, line: headerLine, column: column + 1,
                                message: "expected each column name once, found \(quotedForMessage(name)) in columns \(other + 1) and \(column + 1)")
            }
            columnOf[name] = column
        }
        if let ragged = scan.firstRaggedRecord {
            // A short record is named at its last field, a long one at its first extra field.
            throw DataError(path: path, line: ragged.line, column: min(ragged.fields, header.count + 1),
                            message: "expected \(header.count) fields as in the header, found \(ragged.fields)")
        }
        return CSVTable(path: path, header: header, storage: storage, fields: scan.fields, lines: scan.lines)
    }

    /// What the scan finds. Ranges at or past the file's end point into `unescaped`.
    private struct Scan {
        var headerFields: [Range<Int>] = []
        var headerLine: Int?
        var fields: [Range<Int>] = []
        var lines: [Int] = []
        var unescaped: [UInt8] = []
        /// The first record whose width differs from the header's by less
        /// than the scan stops at (one field more, or fewer).
        var firstRaggedRecord: (line: Int, fields: Int)?
    }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, path: String) throws -> Scan {
        var out = Scan()
        let n = bytes.count
        // About one field per 12 bytes in the study's tables (a score is ~13
        // bytes with its comma): room made once instead of doubling 20 times.
        out.fields.reserveCapacity(n / 12)
        // A UTF-8 byte order mark (Excel, R's "UTF-8-BOM") is not part of the
        // header. Skip it here, before parsing, so that a quoted first header
        // field (`\u{FEFF}"Category",…`) still starts with its quote.
        var i = n >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        var line = 1
        var recordLine = 1
        // The fields of the record being read are `out.fields[recordStart...]`.
        var recordStart = 0
        // Fields a record may have before it is an error: the cap for the
        // header, the header's width (+1, to name the first extra field) after.
        var fieldLimit = CSVReader.maximumColumns

        func endField(_ range: Range<Int>) throws {
            let count = out.fields.count - recordStart
            if count >= fieldLimit {
                if out.headerLine == nil {
                    throw DataError(path: path, line: recordLine, column: count + 1,
                                    message: "expected a header of at most \(CSVReader.maximumColumns) columns, found more")
                }
                throw DataError(path: path, line: recordLine, column: fieldLimit,
                                message: "expected \(fieldLimit - 1) fields as in the header, found at least \(fieldLimit + 1)")
            }
            out.fields.append(range)
        }
        func endRecord() {
            let count = out.fields.count - recordStart
            // A blank line parses as one empty field: skip it.
            if count == 1 && out.fields[recordStart].isEmpty {
                out.fields.removeLast()
                return
            }
            if out.headerLine == nil {
                out.headerLine = recordLine
                out.headerFields = Array(out.fields[recordStart...])
                out.fields.removeAll(keepingCapacity: true)
                fieldLimit = count + 1
            } else {
                if count != out.headerFields.count && out.firstRaggedRecord == nil { out.firstRaggedRecord = (recordLine, count) }
                out.lines.append(recordLine)
            }
            recordStart = out.fields.count
        }
        /// The content of a closed quoted field with each `""` made one `"`,
        /// appended to `unescaped`; its range counts on from the file's end.
        func unescape(_ content: Range<Int>) -> Range<Int> {
            let start = n + out.unescaped.count
            var k = content.lowerBound
            while k < content.upperBound {
                out.unescaped.append(bytes[k])
                k += bytes[k] == quote ? 2 : 1   // inside a closed field every quote is doubled
            }
            return start..<(n + out.unescaped.count)
        }

        while true {
            // At the start of a field.
            if i == n {
                // The end of the file after a comma ends one more (empty) field.
                if out.fields.count > recordStart { try endField(n..<n); endRecord() }
                break
            }
            let range: Range<Int>
            if bytes[i] == quote {
                // Quoted field: runs to the matching quote; "" is a literal quote.
                let openLine = line
                let openColumn = out.fields.count - recordStart + 1
                i += 1
                let contentStart = i
                var doubled = false
                var closed = false
                while i < n {
                    let c = bytes[i]
                    if c == quote {
                        if i + 1 < n && bytes[i + 1] == quote { doubled = true; i += 2; continue }
                        closed = true; break
                    }
                    if c == lf { line += 1 }
                    i += 1
                }
                if !closed {
                    throw DataError(path: path, line: openLine, column: openColumn,
                                    message: "expected a closing quote for the field that opens here, found the end of the file")
                }
                range = doubled ? unescape(contentStart..<i) : contentStart..<i
                i += 1
                // After the closing quote: a comma, a record end, or the end of the file.
                if i < n {
                    let c = bytes[i]
                    let isCRLF = c == cr && i + 1 < n && bytes[i + 1] == lf
                    if c != comma && c != lf && !isCRLF {
                        throw DataError(path: path, line: line, column: out.fields.count - recordStart + 1,
                                        message: "expected a comma or the end of the line after a closing quote, found \(quotedForMessage(String(decoding: [c], as: UTF8.self)))")
                    }
                }
            } else {
                // Unquoted field: runs to a comma, LF or CRLF (a bare CR is
                // data). Found 16 bytes at a time (`backbone_field_end`): a
                // score field is about 13 bytes, and a byte loop paid a
                // mispredicted exit per field.
                let start = i
                while true {
                    i = backbone_field_end(bytes.baseAddress!, i, n)
                    guard i < n, bytes[i] == cr, !(i + 1 < n && bytes[i + 1] == lf) else { break }
                    i += 1
                }
                range = start..<i
            }
            try endField(range)
            if i == n { endRecord(); break }
            if bytes[i] == comma { i += 1; continue }
            i += bytes[i] == lf ? 1 : 2   // LF or CRLF: the record ends
            endRecord()
            line += 1
            recordLine = line
        }
        return out
    }
}
