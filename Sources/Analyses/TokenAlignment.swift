import StudyData

/// Two models' log-probs for one prompt over the token strings both can
/// produce — what every implicit-reward measure compares (Docs/Methods.md#token-alignment).
///
/// Why strings, not ids: the two vocabularies differ, and a reply is text.
/// Rows with an empty `token_decoded` are dropped (no visible answer); a
/// string spelled by several ids keeps its highest log-prob (the likeliest
/// way that model produces it); then the two are inner-joined on the string,
/// in the order the source model's file first lists each string.
public struct TokenAlignment: Sendable, Equatable {
    public var tokens: [String]
    public var a: [Double]
    public var b: [Double]

    public init(tokens: [String], a: [Double], b: [Double]) {
        self.tokens = tokens; self.a = a; self.b = b
    }

    public static func align(_ tableA: LogprobTable, _ tableB: LogprobTable, prompt: String) throws -> TokenAlignment {
        let a = try highestPerString(tableA, prompt: prompt)
        let b = try highestPerString(tableB, prompt: prompt)
        var out = TokenAlignment(tokens: [], a: [], b: [])
        for (id, token) in a.index.strings.enumerated() {
            guard let j = b.index.id(of: token) else { continue }
            out.tokens.append(token); out.a.append(a.values[id]); out.b.append(b.values[Int(j)])
        }
        return out
    }

    /// A table's distinct non-empty strings (byte-exact, `TokenIndex`), ids
    /// in first-listed order, with each string's highest log-prob.
    static func highestPerString(_ table: LogprobTable, prompt: String) throws -> (index: TokenIndex, values: [Double]) {
        let strings = distinctStrings(table)
        return (strings.index, try highestPerString(table, rowIDs: strings.rowIDs, count: strings.index.count, prompt: prompt))
    }

    /// `highestPerString`'s index, and each row's id in it (−1 for an empty
    /// token): the same for every prompt, so a caller that reads one table
    /// under many prompts makes it once.
    static func distinctStrings(_ table: LogprobTable) -> (index: TokenIndex, rowIDs: [Int32]) {
        var index = TokenIndex(minimumCapacity: table.tokens.count)
        let rowIDs = index.ids(addingNonEmpty: table.tokens)
        return (index, rowIDs)
    }

    /// Each string's highest log-prob under `prompt`, by the ids of
    /// `distinctStrings(table)` (`count` of them).
    static func highestPerString(_ table: LogprobTable, rowIDs: [Int32], count: Int, prompt: String) throws -> [Double] {
        guard let column = table.promptKeys.firstIndex(of: prompt) else {
            throw AnalysisError("\(table.path) was read without the prompt \(prompt)")
        }
        let source = table.columns[column].dense ?? Array(table.columns[column])
        var values: [Double] = []
        values.reserveCapacity(count)
        // A new string's id is the next one: `values.count`.
        for (row, id) in rowIDs.enumerated() where id >= 0 {
            let v = source[row]
            if Int(id) == values.count { values.append(v) } else if v > values[Int(id)] { values[Int(id)] = v }
        }
        return values
    }
}
