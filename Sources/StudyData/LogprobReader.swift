import Dispatch
import Foundation

/// Reads the study's log-prob tables (`token_id, token_name, token_decoded`
/// + one column per prompt) fast and exactly.
///
/// Speed comes from doing only what the analyses need: the file is mapped,
/// not copied; only requested prompt columns are converted to numbers (by an
/// exact parser much faster than `strtod`); a row whose token is not wanted,
/// and the part of a row after the last needed column, is skipped with
/// `memchr` to the next line end (after checking that no quote could hide a
/// line break there). Fields up to the last needed column are checked one by
/// one; the rest of a row is not counted. The text rules are those of
/// `CSVReader`: records end at LF or CRLF, a bare CR is data, tokens are
/// never missing values, invalid UTF-8 becomes visible `\xHH` text.
public enum LogprobReader {
    /// pandas' default `na_values`: strings a default `read_csv` turns into NaN.
    static let missingLike: Set<String> = ["", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan",
                                           "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null"]

    public static func read(url: URL, displayPath: String, request: LogprobRequest) throws -> LogprobTable {
        let file = try MappedFile(url: url, displayPath: displayPath)
        var parser = LogprobParser(file: file, path: displayPath, request: request)
        return try parser.run()
    }

    /// Reads several files, in parallel across the machine's cores; results
    /// in input order. `progress(done, total)` counts finished files.
    public static func readAll(_ files: [(url: URL, displayPath: String)], request: LogprobRequest,
                               progress: (@Sendable (Int, Int) -> Void)?) throws -> [LogprobTable] {
        let results = ResultSlots(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { k in
            let outcome = Result { try read(url: files[k].url, displayPath: files[k].displayPath, request: request) }
            let done = results.store(outcome, at: k)
            progress?(done, files.count)
        }
        return try results.collect()
    }
}

/// Thread-safe result slots for `readAll`; the first error in input order wins.
private final class ResultSlots: @unchecked Sendable {
    private var slots: [Result<LogprobTable, Error>?]
    private var finished = 0
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ result: Result<LogprobTable, Error>, at index: Int) -> Int {
        lock.lock(); defer { lock.unlock() }
        slots[index] = result
        finished += 1
        return finished
    }

    func collect() throws -> [LogprobTable] {
        try slots.map { try $0!.get() }
    }
}

/// One pass over one mapped table.
struct LogprobParser {
    private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
    private static let releaseEvery = 32 << 20

    let file: MappedFile
    let p: UnsafePointer<UInt8>
    let n: Int
    let path: String
    let request: LogprobRequest
    var i = 0
    var line = 1

    init(file: MappedFile, path: String, request: LogprobRequest) {
        self.file = file; self.p = file.pointer; self.n = file.count; self.path = path; self.request = request
    }

    mutating func run() throws -> LogprobTable {
        let header = try readHeader()
        func column(_ name: String) throws -> Int {
            guard let c = header.firstIndex(of: name) else {
                throw DataError(path: path, line: 1, message: "expected a column named \(quotedForMessage(name)) (a log-prob table has token_id, token_name, token_decoded and one column per prompt)")
            }
            return c
        }
        let idColumn = try column("token_id")
        let tokenColumn = try column("token_decoded")
        var slot = [Int](repeating: -1, count: header.count)
        for (k, prompt) in request.prompts.enumerated() { slot[try column(prompt)] = k }
        let lastNeeded = max(idColumn, tokenColumn, slot.lastIndex { $0 >= 0 } ?? 0)
        // Columns read for rows outside the token set (see `everyRowPrompts`).
        let everyRow = slot.indices.map { slot[$0] >= 0 && request.everyRowPrompts.contains(header[$0]) }
        let lastEveryRow = max(idColumn, tokenColumn, everyRow.lastIndex(of: true) ?? 0)

        var ids: [Int32] = [], tokens: [String] = []
        var columns = [[Double]](repeating: [], count: request.prompts.count)
        var scratch = [Double](repeating: 0, count: request.prompts.count)
        var audit = LogprobAudit(rows: 0, invalidUTF8Rows: 0, bareCRRows: 0, missingLikeTokens: 0, controlCharRows: 0)
        var nextRelease = Self.releaseEvery
        // The final line may lack its LF; it is always checked field by field,
        // so a table cut off mid-row is an error rather than a short row.
        let finalLineStart: Int = {
            var k = n - 1
            if k >= 0, p[k] == Self.lf { k -= 1 }
            while k >= 0, p[k] != Self.lf { k -= 1 }
            return k + 1
        }()

        while i < n {
            if p[i] == Self.lf { i += 1; line += 1; continue }                       // blank line
            if p[i] == Self.cr, i + 1 < n, p[i + 1] == Self.lf { i += 2; line += 1; continue }
            let recordLine = line
            audit.rows += 1
            var field = 0
            var keep = true
            var partial = false          // kept only for the every-row columns
            var id: Int32 = 0
            var token = ""
            var ended = false
            var skippedRest = false
            let onFinalLine = i >= finalLineStart
            while !ended {
                if field == tokenColumn {
                    let text = try readText(field: field)
                    token = text.value
                    if text.bareCR { audit.bareCRRows += 1 }
                    if !text.validUTF8 { audit.invalidUTF8Rows += 1 }
                    if text.control { audit.controlCharRows += 1 }
                    if LogprobReader.missingLike.contains(token) { audit.missingLikeTokens += 1 }
                    if let wanted = request.tokens, !wanted.contains(token) {
                        if lastEveryRow > max(idColumn, tokenColumn) {
                            partial = true
                            for k in scratch.indices { scratch[k] = .nan }
                        } else {
                            keep = false
                        }
                    }
                } else if field == idColumn {
                    let (s, e) = try numberRange(field: field)
                    guard let v = parseInteger(s, e) else {
                        throw DataError(path: path, line: line, column: field + 1, message: "expected an integer token id, found \(quotedForMessage(text(s, e)))")
                    }
                    id = v
                } else if keep, field < slot.count, slot[field] >= 0, !partial || everyRow[field] {
                    let (s, e) = try numberRange(field: field)
                    guard let v = DecimalParser.parse(p, s, e) else {
                        throw DataError(path: path, line: line, column: field + 1, message: "expected a number, found \(quotedForMessage(text(s, e)))")
                    }
                    scratch[slot[field]] = v
                } else if !onFinalLine, field >= lastNeeded || (!keep && field > tokenColumn && field > idColumn)
                            || (partial && field > lastEveryRow) {
                    try skipRestOfRecord()
                    skippedRest = true
                    ended = true
                    continue
                } else {
                    try skipField()
                }
                // After a field: a comma, a record end, or the end of the file.
                if i >= n {
                    ended = true
                } else if p[i] == Self.comma {
                    i += 1; field += 1
                } else if p[i] == Self.lf {
                    i += 1; line += 1; ended = true
                } else if p[i] == Self.cr, i + 1 < n, p[i + 1] == Self.lf {
                    i += 2; line += 1; ended = true
                } else {
                    throw DataError(path: path, line: line, column: field + 1, message: "expected a comma or the end of the line, found \(quotedForMessage(text(i, i + 1)))")
                }
            }
            if skippedRest ? field < (partial ? lastEveryRow : lastNeeded) && keep : field + 1 != header.count {
                throw DataError(path: path, line: recordLine, column: min(field + 1, header.count),
                                message: "expected \(header.count) fields as in the header, found \(field + 1)\(i >= n && field + 1 < header.count ? " (the last line is cut short)" : "")")
            }
            if keep {
                ids.append(id); tokens.append(token)
                for k in 0..<scratch.count { columns[k].append(scratch[k]) }
            }
            if i >= nextRelease { file.release(upTo: i); nextRelease = i + Self.releaseEvery }
        }
        return LogprobTable(path: path, tokenIDs: ids, tokens: tokens, promptKeys: request.prompts, columns: columns,
                            rowsInFile: audit.rows, audit: audit)
    }

    // MARK: - Fields

    private mutating func readHeader() throws -> [String] {
        guard n > 0 else { throw DataError(path: path, line: 1, message: "expected a header line, found an empty file") }
        var fields: [String] = []
        while true {
            fields.append(try readText(field: fields.count).value)
            if i >= n { break }
            if p[i] == Self.comma { i += 1; continue }
            if p[i] == Self.lf { i += 1; line += 1; break }
            if p[i] == Self.cr, i + 1 < n, p[i + 1] == Self.lf { i += 2; line += 1; break }
            throw DataError(path: path, line: line, column: fields.count, message: "expected a comma or the end of the header line")
        }
        if let first = fields.first, first.hasPrefix("\u{FEFF}") { fields[0] = String(first.dropFirst()) }
        return fields
    }

    struct Text { var value: String; var bareCR: Bool; var validUTF8: Bool; var control: Bool }

    /// A text field, quoted or not, decoded; the cursor ends on the delimiter.
    private mutating func readText(field: Int) throws -> Text {
        var bytes: UnsafeBufferPointer<UInt8>
        var unescaped: [UInt8]? = nil
        var bareCR = false
        if i < n, p[i] == Self.quote {
            let openLine = line
            var j = i + 1
            var start = j
            while true {
                guard j < n else {
                    throw DataError(path: path, line: openLine, column: field + 1, message: "expected a closing quote for the field that opens here, found the end of the file")
                }
                let c = p[j]
                if c == Self.quote {
                    if j + 1 < n, p[j + 1] == Self.quote {
                        if unescaped == nil { unescaped = [] }
                        unescaped!.append(contentsOf: UnsafeBufferPointer(start: p + start, count: j + 1 - start))
                        j += 2; start = j; continue
                    }
                    break
                }
                if c == Self.lf { line += 1 }
                j += 1
            }
            if unescaped != nil { unescaped!.append(contentsOf: UnsafeBufferPointer(start: p + start, count: j - start)) }
            bytes = UnsafeBufferPointer(start: p + (i + 1), count: j - (i + 1))
            i = j + 1
        } else {
            let start = i
            while i < n {
                let c = p[i]
                if c == Self.comma || c == Self.lf { break }
                if c == Self.cr {
                    if i + 1 < n, p[i + 1] == Self.lf { break }
                    bareCR = true
                }
                i += 1
            }
            bytes = UnsafeBufferPointer(start: p + start, count: i - start)
        }
        var control = false
        var ascii = true
        func scan(_ b: UnsafeBufferPointer<UInt8>) { for c in b { if c < 0x20 || c == 0x7F { control = true }; if c >= 0x80 { ascii = false } } }
        if let u = unescaped { u.withUnsafeBufferPointer(scan) } else { scan(bytes) }
        let value: String
        var valid = true
        if let u = unescaped {
            valid = ByteText.isValidUTF8(u)
            value = ByteText.decode(array: u)
        } else if ascii {
            value = String(decoding: bytes, as: UTF8.self)
        } else if let s = String(validating: bytes, as: UTF8.self) {
            value = s
        } else {
            valid = false
            value = ByteText.decode(bytes)
        }
        return Text(value: value, bareCR: bareCR, validUTF8: valid, control: control)
    }

    /// The byte range of a numeric field (quotes around it are allowed).
    private mutating func numberRange(field: Int) throws -> (Int, Int) {
        if i < n, p[i] == Self.quote {
            let start = i + 1
            var j = start
            while j < n, p[j] != Self.quote { j += 1 }
            guard j < n else {
                throw DataError(path: path, line: line, column: field + 1, message: "expected a closing quote for the field that opens here, found the end of the file")
            }
            i = j + 1
            return (start, j)
        }
        let start = i
        while i < n {
            let c = p[i]
            if c == Self.comma || c == Self.lf || c == Self.cr { break }
            i += 1
        }
        return (start, i)
    }

    private mutating func skipField() throws {
        if i < n, p[i] == Self.quote { _ = try readText(field: 0); return }
        while i < n {
            let c = p[i]
            if c == Self.comma || c == Self.lf { return }
            if c == Self.cr, i + 1 < n, p[i + 1] == Self.lf { return }
            i += 1
        }
    }

    /// Moves to the start of the next record. Uses memchr for the line end;
    /// if a quote occurs before it, falls back to field-by-field skipping so a
    /// quoted line break cannot end the record early.
    private mutating func skipRestOfRecord() throws {
        let remaining = n - i
        let lineEnd: Int
        if let hit = memchr(p + i, Int32(Self.lf), remaining) {
            lineEnd = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - p
        } else {
            lineEnd = n
        }
        if memchr(p + i, Int32(Self.quote), lineEnd - i) != nil {
            while true {
                try skipField()
                if i >= n { return }
                if p[i] == Self.comma { i += 1; continue }
                if p[i] == Self.lf { i += 1; line += 1; return }
                if p[i] == Self.cr, i + 1 < n, p[i + 1] == Self.lf { i += 2; line += 1; return }
                throw DataError(path: path, line: line, message: "expected a comma or the end of the line")
            }
        }
        i = lineEnd < n ? lineEnd + 1 : n
        if lineEnd < n { line += 1 }
    }

    private func parseInteger(_ s: Int, _ e: Int) -> Int32? {
        var k = s
        var negative = false
        if k < e, p[k] == UInt8(ascii: "-") { negative = true; k += 1 }
        guard k < e else { return nil }
        var v: Int64 = 0
        while k < e {
            let d = p[k] &- 48
            guard d < 10, v < Int64(Int32.max) * 10 else { return nil }
            v = v * 10 + Int64(d); k += 1
        }
        v = negative ? -v : v
        return v >= Int64(Int32.min) && v <= Int64(Int32.max) ? Int32(v) : nil
    }

    private func text(_ s: Int, _ e: Int) -> String {
        ByteText.decode(UnsafeBufferPointer(start: p + s, count: max(0, min(e, n) - s)))
    }
}
