import Foundation

/// One pass over one mapped log-prob table (see `LogprobReader`).
///
/// Each row is walked field by field, but only the fields that matter are
/// looked at: the token id, `token_decoded`, and the requested prompt
/// columns. Everything between them is jumped over with `CommaScanner`,
/// which counts the commas it passes so the row's field count is checked
/// even where nothing is read. What a row still needs depends on its token
/// (see `Mode`), so the jump targets come from three precomputed tables.
struct LogprobParser {
    private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
    private static let releaseEvery = 32 << 20
    private static let noWords = TokenWords([])

    /// What the rest of a row needs once its token is known.
    private enum Mode: Int {
        /// Every requested column (the token is wanted, or there is no filter).
        case all = 0
        /// Only `everyRowPrompts` (an unwanted token in a model read for both
        /// Fig. 2 and the implicit rewards); the other columns become NaN.
        case everyRow = 1
        /// Nothing more: the row is dropped (but still counted and audited).
        case none = 2
    }

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
        let width = header.count
        var slot = [Int](repeating: -1, count: width)
        for (k, prompt) in request.prompts.enumerated() { slot[try column(prompt)] = k }
        let everyRow = (0..<width).map { slot[$0] >= 0 && request.everyRowPrompts.contains(header[$0]) }
        let keepsOtherRows = everyRow.contains(true)
        let slotsNotEveryRow = keepsOtherRows ? (0..<width).filter { slot[$0] >= 0 && !everyRow[$0] }.map { slot[$0] } : []
        // next[mode][f]: the first field at or after f that a row in that mode
        // reads; `width` when none is left (then the rest is skipped to the line end).
        let next: [[Int]] = [Mode.all, .everyRow, .none].map { mode in
            var out = [Int](repeating: width, count: width + 1)
            for f in stride(from: width - 1, through: 0, by: -1) {
                let reads = f == idColumn || f == tokenColumn
                    || (slot[f] >= 0 && (mode == .all || (mode == .everyRow && everyRow[f])))
                out[f] = reads ? f : out[f + 1]
            }
            return out
        }
        // The same table flat, read through a pointer: `next[mode][field]`
        // chased two array buffers and checked two bounds per field read,
        // a sixth of this loop's own time in profiles.
        let nextStride = width + 1
        let nextField = UnsafeMutableBufferPointer<Int>.allocate(capacity: 3 * nextStride)
        defer { nextField.deallocate() }
        for (m, row) in next.enumerated() { for f in 0...width { nextField[m * nextStride + f] = row[f] } }

        // Rows outside the token filter are dropped unless they keep every-row
        // columns; only then may their token go undecoded.
        // Wanted means byte-equal, not canonically equivalent (see `TokenIndex`).
        let wanted = request.tokens.map { TokenIndex($0) }
        let words = request.tokens == nil ? nil : request.tokenWords
        // The filter as non-optional values for the row loop: unwrapping an
        // optional index or word rule there (`if let`, `?.`, `map`) copied
        // it for every row — a retain and a release per array inside.
        let filters = wanted != nil, usesWords = words != nil
        let index = wanted ?? TokenIndex(), wordRule = words ?? TokenWords([])
        // Rows outside the filter that are dropped need no String at all
        // (unless a word rule must look at the text).
        let dropsUnwanted = !keepsOtherRows && words == nil
        var ids: [Int32] = [], tokens: [String] = []
        var values = RowValueBuffer(width: request.prompts.count, sparse: slotsNotEveryRow)
        var audit = LogprobAudit(rows: 0, invalidUTF8Rows: 0, bareCRRows: 0, missingLikeTokens: 0, controlCharRows: 0)
        var nextRelease = Self.releaseEvery

        while i < n {
            if p[i] == Self.lf { i += 1; line += 1; continue }                       // blank line
            if p[i] == Self.cr, i + 1 < n, p[i + 1] == Self.lf { i += 2; line += 1; continue }
            let recordLine = line
            audit.rows += 1
            var field = 0
            var mode = Mode.all
            var id: Int32 = 0
            var token = ""
            var cutShort = false          // the file ended inside this record (no line end)
            record: while true {
                // The cursor is at the start of `field`.
                let target = field < width ? nextField[mode.rawValue &* nextStride &+ field] : width
                if target != field {
                    let stop = target == width ? CommaScanner.skipToLineEnd(p, from: i, end: n)
                                               : CommaScanner.skip(p, from: i, end: n, commas: target - field)
                    field += stop.commas
                    i = stop.position
                    if field == target, target != width { continue }                    // at the next field to read
                    if i >= n { cutShort = true; break record }
                    if p[i] == Self.lf { i += 1; line += 1; break record }
                    if p[i] == Self.cr, i + 1 < n, p[i + 1] == Self.lf { i += 2; line += 1; break record }
                    // A quote or a bare CR in this field: walk the field the careful way.
                    i = stop.fieldStart
                    try skipField(field: field)
                } else if field == tokenColumn {
                    let text = try readText(field: field, wanted: wanted, dropUnwanted: dropsUnwanted, words: wordRule, checkWords: usesWords)
                    if text.bareCR { audit.bareCRRows += 1 }
                    if !text.validUTF8 { audit.invalidUTF8Rows += 1 }
                    if text.control { audit.controlCharRows += 1 }
                    if text.missingLike { audit.missingLikeTokens += 1 }
                    if filters {
                        // nil value: dropped as unwanted; otherwise wanted by its bytes or its text.
                        var kept = false
                        if let value = text.value {
                            kept = text.wanted ?? index.contains(value)
                            if !kept, usesWords {
                                switch text.mayReadAsWord {
                                case false?: break
                                case true?: kept = wordRule.word(ofPrefiltered: value) != nil
                                case nil: kept = wordRule.word(of: value) != nil
                                }
                            }
                        }
                        if !kept { mode = keepsOtherRows ? .everyRow : .none }
                    }
                    token = text.value ?? ""          // nil only for rows that are dropped
                } else if field == idColumn {
                    let (s, e) = try numberRange(field: field)
                    guard let v = parseInteger(s, e) else {
                        throw DataError(path: path, line: line, column: field + 1, message: "expected an integer token id, found \(quotedForMessage(text(s, e)))")
                    }
                    id = v
                } else {
                    let (s, e) = try numberRange(field: field)
                    guard let v = DecimalParser.parse(p, s, e) else {
                        throw DataError(path: path, line: line, column: field + 1, message: "expected a number, found \(quotedForMessage(text(s, e)))")
                    }
                    // A log-probability is at most 0 (probability 1); -inf is a probability of 0.
                    guard v <= 0 else {
                        throw DataError(path: path, line: line, column: field + 1,
                                        message: "expected a log-probability (0 or below, or -inf), found \(quotedForMessage(text(s, e))): a probability above 1 is impossible")
                    }
                    values.set(slot[field], v)
                }
                // After a field: a comma, a record end, or the end of the file.
                if i >= n { cutShort = true; break record }
                if p[i] == Self.comma { i += 1; field += 1; continue }
                if p[i] == Self.lf { i += 1; line += 1; break record }
                if p[i] == Self.cr, i + 1 < n, p[i + 1] == Self.lf { i += 2; line += 1; break record }
                throw DataError(path: path, line: line, column: field + 1, message: "expected a comma or the end of the line, found \(quotedForMessage(text(i, i + 1)))")
            }
            if field + 1 != width {
                let cut = cutShort && field + 1 < width ? " (the last line is cut short)" : ""
                throw DataError(path: path, line: recordLine, column: min(field + 1, width),
                                message: "expected \(width) fields as in the header, found \(field + 1)\(cut)")
            }
            if mode != .none {
                ids.append(id); tokens.append(token)
                values.commit(complete: mode == .all)
            }
            if i >= nextRelease { file.release(upTo: i); nextRelease = i + Self.releaseEvery }
        }
        return LogprobTable(path: path, tokenIDs: ids, tokens: tokens, promptKeys: request.prompts, columns: values.columns(),
                            rowsInFile: audit.rows, audit: audit)
    }

    // MARK: - Fields

    private mutating func readHeader() throws -> [String] {
        guard n > 0 else { throw DataError(path: path, line: 1, message: "expected a header line, found an empty file") }
        var fields: [String] = []
        while true {
            // The same cap as every CSV header: a hostile one-line file stops here, in bounded memory.
            guard fields.count < CSVReader.maximumColumns else {
                throw DataError(path: path, line: 1, column: fields.count + 1,
                                message: "expected a header of at most \(CSVReader.maximumColumns) columns, found more")
            }
            fields.append(try readText(field: fields.count).value ?? "")
            if i >= n { break }
            if p[i] == Self.comma { i += 1; continue }
            if p[i] == Self.lf { i += 1; line += 1; break }
            if p[i] == Self.cr, i + 1 < n, p[i + 1] == Self.lf { i += 2; line += 1; break }
            throw DataError(path: path, line: line, column: fields.count, message: "expected a comma or the end of the header line")
        }
        if let first = fields.first, first.hasPrefix("\u{FEFF}") { fields[0] = String(first.dropFirst()) }
        var columnOf: [String: Int] = [:]
        for (column, name) in fields.enumerated() {
            if let other = columnOf[name] {
                throw DataError(path: path, line: 1, column: column + 1,
                                message: "expected each column name once, found \(quotedForMessage(name)) in columns \(other + 1) and \(column + 1)")
            }
            columnOf[name] = column
        }
        return fields
    }

    struct Text {
        /// nil when the token was found unwanted from its bytes (no String was made).
        var value: String?
        var bareCR: Bool
        var validUTF8: Bool
        var control: Bool
        /// One of pandas' default `na_values`.
        var missingLike: Bool
        /// Whether the token is in `wanted`, when its bytes already told
        /// (plain ASCII, unquoted or without doubled quotes); nil: not asked, or ask the text.
        var wanted: Bool? = nil
        /// `words.mayRead` of the token's bytes, when they were plain ASCII
        /// and a word rule was given: false rules the token out, true leaves
        /// only the exact rule to ask (`word(ofPrefiltered:)`); nil: ask the
        /// whole rule.
        var mayReadAsWord: Bool? = nil
    }

    /// Whether plain ASCII bytes spell one of pandas' `na_values` (all are at
    /// most 8 bytes and start with one of `#-1<Nn`, so most tokens are ruled
    /// out without building a String).
    private static func isMissingLike(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first else { return true }
        guard bytes.count <= 8 else { return false }
        switch first {
        case UInt8(ascii: "#"), UInt8(ascii: "-"), UInt8(ascii: "1"), UInt8(ascii: "<"), UInt8(ascii: "N"), UInt8(ascii: "n"): break
        default: return false
        }
        return LogprobReader.missingLike.contains(String(decoding: bytes, as: UTF8.self))
    }

    /// A text field, quoted or not, decoded; the cursor ends on the delimiter.
    /// With `wanted`, a plain ASCII token is looked up by its bytes (not
    /// through a `String` made and hashed again); with `dropUnwanted`, such a
    /// token not in it is not decoded at all: a Fig. 2 read keeps a few
    /// hundred noun rows of 256,000, and making and hashing a `String` per
    /// row cost more than parsing the wanted numbers. With `checkWords`,
    /// such a token's bytes also go through `words`' prefilter
    /// (`mayReadAsWord`): a Fig. 3 table asks it about every row, and asking
    /// through the `String` made the row's bytes be found again.
    private mutating func readText(field: Int, wanted: TokenIndex? = nil, dropUnwanted: Bool = false,
                                   words: TokenWords = LogprobParser.noWords, checkWords: Bool = false) throws -> Text {
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
            while true {
                i = CommaScanner.fieldEnd(p, from: i, end: n)
                // A CR not followed by LF is data (a bare CR): the field goes on.
                guard i < n, p[i] == Self.cr, !(i + 1 < n && p[i + 1] == Self.lf) else { break }
                bareCR = true
                i += 1
            }
            bytes = UnsafeBufferPointer(start: p + start, count: i - start)
        }
        // C0 controls (NUL … U+001F), the ones a text pipeline may cut at or act on.
        let (control, ascii) = unescaped.map { $0.withUnsafeBufferPointer(Self.controlAndASCII) } ?? Self.controlAndASCII(bytes)
        if unescaped == nil, ascii {
            let missing = Self.isMissingLike(bytes)
            // Optional chaining: `wanted.map { … }` copied the index (five retains) per row.
            let isWanted: Bool? = wanted == nil ? nil : wanted?.id(ofBytes: UnsafeRawBufferPointer(bytes)) != nil
            if dropUnwanted, isWanted == false {
                return Text(value: nil, bareCR: bareCR, validUTF8: true, control: control, missingLike: missing)
            }
            return Text(value: String(decoding: bytes, as: UTF8.self), bareCR: bareCR, validUTF8: true, control: control, missingLike: missing,
                        wanted: isWanted, mayReadAsWord: checkWords ? words.mayRead(bytes: bytes) : nil)
        }
        let value: String
        var valid = true
        if let u = unescaped {
            valid = ByteText.isValidUTF8(u)
            value = ByteText.decode(array: u)
        } else if let s = String(validating: bytes, as: UTF8.self) {
            value = s
        } else {
            valid = false
            value = ByteText.decode(bytes)
        }
        return Text(value: value, bareCR: bareCR, validUTF8: valid, control: control,
                    missingLike: value.utf8.count <= 8 && LogprobReader.missingLike.contains(value))
    }

    /// Whether the bytes hold a C0 control, and whether they are all ASCII:
    /// the smallest byte and the OR of all bytes say both. A pure function,
    /// not a closure over two flags: a closure's captured `var`s were
    /// checked for exclusive access at run time on every byte of every
    /// token (about 5 % of a read in profiles).
    private static func controlAndASCII(_ b: UnsafeBufferPointer<UInt8>) -> (control: Bool, ascii: Bool) {
        var smallest: UInt8 = 0xFF, union: UInt8 = 0
        for c in b { smallest = min(smallest, c); union |= c }
        return (smallest < 0x20, union < 0x80)
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
        i = CommaScanner.fieldEnd(p, from: i, end: n)
        return (start, i)
    }

    /// Skips one field the careful way (quoted fields may hold commas and
    /// line breaks; in an unquoted field a quote or bare CR is data).
    private mutating func skipField(field: Int) throws {
        if i < n, p[i] == Self.quote { _ = try readText(field: field); return }
        while i < n {
            let c = p[i]
            if c == Self.comma || c == Self.lf { return }
            if c == Self.cr, i + 1 < n, p[i + 1] == Self.lf { return }
            i += 1
        }
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
