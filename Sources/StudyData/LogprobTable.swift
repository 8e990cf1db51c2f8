/// One model's log-prob table, restricted to the prompts and tokens asked for.
/// Columns are contiguous arrays because every analysis scans a prompt's
/// column as a whole.
public struct LogprobTable: Sendable {
    public var path: String
    public var tokenIDs: [Int32]
    /// `token_decoded` of each kept row (text; never a missing value).
    public var tokens: [String]
    public var promptKeys: [String]
    /// `columns[prompt][row]` (NaN where a sparse column has no value for the row).
    public var columns: [LogprobColumn]
    public var rowsInFile: Int
    public var audit: LogprobAudit

    public init(path: String, tokenIDs: [Int32], tokens: [String], promptKeys: [String], columns: [LogprobColumn],
                rowsInFile: Int, audit: LogprobAudit) {
        self.path = path; self.tokenIDs = tokenIDs; self.tokens = tokens; self.promptKeys = promptKeys
        self.columns = columns; self.rowsInFile = rowsInFile; self.audit = audit
    }

    /// A table of dense columns (tests, generated data).
    public init(path: String, tokenIDs: [Int32], tokens: [String], promptKeys: [String], columns: [[Double]],
                rowsInFile: Int, audit: LogprobAudit) {
        self.init(path: path, tokenIDs: tokenIDs, tokens: tokens, promptKeys: promptKeys, columns: columns.map(LogprobColumn.init),
                  rowsInFile: rowsInFile, audit: audit)
    }
}

extension LogprobTable {
    /// A 64-bit fingerprint (16 hex digits) of everything read from the file:
    /// its row count, the prompts read, and every kept row's token id, token
    /// bytes and values (IEEE bits; of a sparse column, the rows that have one). Why not SHA-256 of the file: that costs
    /// ~1 s per 280 MB table, more than the whole §3 build; this costs a pass
    /// over what is already in memory. It identifies the data the analyses
    /// saw (a change in a column that was not read does not change it); it is
    /// a checksum, not a cryptographic hash.
    public func fingerprint() -> String {
        var h = FingerprintHasher()
        h.add(UInt64(rowsInFile))
        h.add(UInt64(promptKeys.count))
        for key in promptKeys { h.add(key) }
        h.add(UInt64(tokenIDs.count))
        // Rows by pointer: `zip`'s iterator was not inlined, a call and a
        // retain per row.
        tokenIDs.withUnsafeBufferPointer { ids in
            tokens.withUnsafeBufferPointer { tokens in
                for row in 0..<min(ids.count, tokens.count) {
                    h.add(UInt64(bitPattern: Int64(ids[row]))); h.add(tokens[row])
                }
            }
        }
        for column in columns {
            let (rows, values) = column.storedValues
            h.add(UInt64(column.count))
            if let rows { h.add(UInt64(rows.count)); for r in rows { h.add(UInt64(r)) } }
            for v in values { h.add(v.bitPattern) }
        }
        let hex = String(h.value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// Multiply–xorshift mixing of 64-bit words (strings length-prefixed, so
/// ("ab", "c") and ("a", "bc") differ).
struct FingerprintHasher {
    private(set) var value: UInt64 = 0x243F_6A88_85A3_08D3

    mutating func add(_ word: UInt64) {
        value = (value ^ word) &* 0x9E37_79B9_7F4A_7C15
        value ^= value >> 29
    }

    /// The byte count, then the UTF-8 bytes as little-endian 8-byte words,
    /// the last one zero-padded. Why words are loaded whole rather than
    /// assembled a byte at a time: a 256,000-row table adds every token, and
    /// the byte loop was most of the fingerprint's cost; an unaligned
    /// little-endian load gives the same word, so the same fingerprint.
    mutating func add(_ text: String) {
        TokenIndex.withBytes(text) { bytes in
            let n = bytes.count
            add(UInt64(n))
            var i = 0
            while i + 8 <= n {
                add(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
                i += 8
            }
            if i < n { add(TokenIndex.tailWord(bytes, from: i)) }
        }
    }
}

/// What a pandas-default reader would have lost or mangled in a file: the
/// data page tells researchers whether their own scripts are affected.
public struct LogprobAudit: Codable, Equatable, Sendable {
    public var rows: Int
    /// Rows whose `token_decoded` holds bytes that are not valid UTF-8.
    public var invalidUTF8Rows: Int
    /// Rows whose token holds an unquoted bare CR (pandas splits the row there).
    public var bareCRRows: Int
    /// Tokens that pandas' default `na_values` turn into NaN (`NaN`, `null`, `NA`, "", …).
    public var missingLikeTokens: Int
    /// Rows whose token holds NUL or another C0 control character.
    public var controlCharRows: Int

    public init(rows: Int, invalidUTF8Rows: Int, bareCRRows: Int, missingLikeTokens: Int, controlCharRows: Int) {
        self.rows = rows; self.invalidUTF8Rows = invalidUTF8Rows; self.bareCRRows = bareCRRows
        self.missingLikeTokens = missingLikeTokens; self.controlCharRows = controlCharRows
    }
}

/// What to read from a table: only these prompt columns (others are skipped
/// without parsing), and only rows whose `token_decoded` is in `tokens`.
public struct LogprobRequest: Sendable {
    public var prompts: [String]
    /// nil = every row.
    public var tokens: Set<String>?
    /// Prompts also needed for rows outside `tokens` (a model that serves both
    /// Fig. 2, on nouns, and the implicit rewards, on every row, is read once):
    /// such rows are kept with these columns and NaN in the others.
    public var everyRowPrompts: Set<String>
    /// Rows whose token reads as one of these words (`TokenWords`) are wanted
    /// as if their token were in `tokens`: Fig. 3 under every prompt needs
    /// each "freedom"/"love" row with every prompt, and cannot list those
    /// strings before the file is read. Ignored when `tokens` is nil.
    public var tokenWords: TokenWords?
    public init(prompts: [String], tokens: Set<String>? = nil, everyRowPrompts: Set<String> = [], tokenWords: TokenWords? = nil) {
        self.prompts = prompts; self.tokens = tokens; self.everyRowPrompts = everyRowPrompts; self.tokenWords = tokenWords
    }
}
