/// One model's log-prob table, restricted to the prompts and tokens asked for.
/// Columns are contiguous arrays because every analysis scans a prompt's
/// column as a whole.
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
    public init(prompts: [String], tokens: Set<String>? = nil, everyRowPrompts: Set<String> = []) {
        self.prompts = prompts; self.tokens = tokens; self.everyRowPrompts = everyRowPrompts
    }
}
