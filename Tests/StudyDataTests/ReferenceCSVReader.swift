import Foundation
@testable import StudyData

/// The CSV reader as it was before fields became byte ranges (`CSVParser`),
/// kept verbatim as the reference the differential tests hold the new one
/// to: same records, same lines, same errors, for any bytes.
enum ReferenceCSVReader {
    static func parse(_ data: Data, path: String) throws -> CSVDocument {
        let rows = try data.withUnsafeBytes { raw -> [CSVRecord] in
            try parseRecords(raw.bindMemory(to: UInt8.self), path: path)
        }
        guard let first = rows.first else {
            throw DataError(path: path, line: 1, message: "expected a header line, found an empty file")
        }
        let header = first.fields
        var columnOf: [String: Int] = [:]
        for (column, name) in header.enumerated() {
            if let other = columnOf[name] {
                throw DataError(path: path, line: first.line, column: column + 1,
                                message: "expected each column name once, found \(quotedForMessage(name)) in columns \(other + 1) and \(column + 1)")
            }
            columnOf[name] = column
        }
        let records = Array(rows.dropFirst())
        for record in records where record.fields.count != header.count {
            throw DataError(path: path, line: record.line, column: min(record.fields.count, header.count) + (record.fields.count < header.count ? 0 : 1),
                            message: "expected \(header.count) fields as in the header, found \(record.fields.count)")
        }
        return CSVDocument(path: path, header: header, records: records)
    }

    private static let maximumColumns = CSVReader.maximumColumns
    private static let quote = UInt8(ascii: "\"")
    private static let comma = UInt8(ascii: ",")
    private static let lf = UInt8(ascii: "\n")
    private static let cr = UInt8(ascii: "\r")

    private static func parseRecords(_ bytes: UnsafeBufferPointer<UInt8>, path: String) throws -> [CSVRecord] {
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field: [UInt8] = []
        let n = bytes.count
        // A UTF-8 byte order mark (Excel, R's "UTF-8-BOM") is not part of the
        // header. Skip it here, before parsing, so that a quoted first header
        // field (`\u{FEFF}"Category",…`) still starts with its quote.
        var i = n >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        var line = 1
        var recordLine = 1
        var atFieldStart = true

        // Fields a record may have before it is an error: the cap for the
        // header, the header's width (+1, to name the first extra field) after.
        var fieldLimit = maximumColumns
        func endField() throws {
            if fields.count >= fieldLimit {
                if records.isEmpty {
                    throw DataError(path: path, line: recordLine, column: fields.count + 1,
                                    message: "expected a header of at most \(maximumColumns) columns, found more")
                }
                throw DataError(path: path, line: recordLine, column: fieldLimit,
                                message: "expected \(fieldLimit - 1) fields as in the header, found at least \(fieldLimit + 1)")
            }
            fields.append(ByteText.decode(array: field))
            field.removeAll(keepingCapacity: true)
        }
        func endRecord() throws {
            try endField()
            // A blank line parses as one empty field: skip it.
            if !(fields.count == 1 && fields[0].isEmpty) {
                if records.isEmpty { fieldLimit = fields.count + 1 }
                records.append(CSVRecord(line: recordLine, fields: fields))
            }
            fields.removeAll(keepingCapacity: true)
        }

        while i < n {
            let b = bytes[i]
            if atFieldStart && b == quote {
                // Quoted field: runs to the matching quote; "" is a literal quote.
                let openLine = line
                let openColumn = fields.count + 1
                i += 1
                var closed = false
                while i < n {
                    let c = bytes[i]
                    if c == quote {
                        if i + 1 < n && bytes[i + 1] == quote {
                            field.append(quote); i += 2; continue
                        }
                        i += 1; closed = true; break
                    }
                    if c == lf { line += 1 }
                    field.append(c); i += 1
                }
                if !closed {
                    throw DataError(path: path, line: openLine, column: openColumn,
                                    message: "expected a closing quote for the field that opens here, found the end of the file")
                }
                // After the closing quote: a comma, a record end, or the end of the file.
                if i < n {
                    let c = bytes[i]
                    let isCRLF = c == cr && i + 1 < n && bytes[i + 1] == lf
                    if c != comma && c != lf && !isCRLF {
                        throw DataError(path: path, line: line, column: fields.count + 1,
                                        message: "expected a comma or the end of the line after a closing quote, found \(quotedForMessage(String(decoding: [c], as: UTF8.self)))")
                    }
                }
                atFieldStart = false
                continue
            }
            if b == comma {
                try endField(); atFieldStart = true; i += 1; continue
            }
            if b == lf {
                try endRecord(); atFieldStart = true; i += 1; line += 1; recordLine = line; continue
            }
            if b == cr && i + 1 < n && bytes[i + 1] == lf {
                try endRecord(); atFieldStart = true; i += 2; line += 1; recordLine = line; continue
            }
            field.append(b); atFieldStart = false; i += 1
        }
        if !field.isEmpty || !fields.isEmpty || !atFieldStart {
            try endRecord()
        }
        return records
    }
}
