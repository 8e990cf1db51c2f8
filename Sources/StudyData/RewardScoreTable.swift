import Foundation

/// One reward model's scores for a list of one-word answers: `response` plus
/// one column per prompt key. Stored column-wise (`scores[prompt][answer]`)
/// because every analysis ranks a whole prompt column at once.
public struct RewardScoreTable: Sendable {
    public var path: String
    public var responses: [String]
    public var promptKeys: [String]
    public var scores: [[Double]]

    /// Loads a score file and checks it against the manifest's prompts: every
    /// prompt must have a column, every score must be a finite number, and no
    /// answer may appear twice (it would be ranked twice), and the table may
    /// not be empty (the model would silently drop out).
    public static func load(url: URL, displayPath: String, prompts: [String]) throws -> RewardScoreTable {
        try from(CSVReader.readTable(url: url, displayPath: displayPath), prompts: prompts)
    }

    /// The same checks on an already parsed file (the loader reads each file
    /// once). Only the responses become Strings; scores are read from the
    /// field bytes (`CSVTable.number`), and a field's text is decoded only
    /// for an error message.
    public static func from(_ table: CSVTable, prompts: [String]) throws -> RewardScoreTable {
        let displayPath = table.path
        let responseColumn = try table.columnIndex("response")
        let columns = try prompts.map { try table.columnIndex($0) }
        guard table.recordCount > 0 else {
            throw DataError(path: displayPath, line: 1, message: "expected scored responses after the header, found none; "
                            + "a reward model without scores would silently drop out of every analysis: restore its scores or remove it from study.yaml")
        }
        var responses: [String] = []
        responses.reserveCapacity(table.recordCount)
        var scores = Array(repeating: [Double](), count: prompts.count)
        for p in scores.indices { scores[p].reserveCapacity(table.recordCount) }
        var seen: [String: Int] = [:]
        for record in 0..<table.recordCount {
            let line = table.line(record)
            let answer = table.text(record, responseColumn)
            if let first = seen[answer] {
                throw DataError(path: displayPath, line: line, column: responseColumn + 1,
                                message: "expected each response once, found \(quotedForMessage(answer)) again (first on line \(first))")
            }
            seen[answer] = line
            responses.append(answer)
            for (p, c) in columns.enumerated() {
                guard let v = table.number(record, c), v.isFinite else {
                    throw scoreError(table.text(record, c), path: displayPath, line: line, column: c + 1)
                }
                scores[p].append(v)
            }
        }
        return RewardScoreTable(path: displayPath, responses: responses, promptKeys: prompts, scores: scores)
    }

    static func parseScore(_ text: String, path: String, line: Int, column: Int) throws -> Double {
        // The grammar every reader shares (`NumberGrammar`); non-finite values
        // are rejected: a reward must be a number to be ranked.
        if let v = NumberGrammar.parse(text), v.isFinite { return v }
        throw scoreError(text, path: path, line: line, column: column)
    }

    private static func scoreError(_ text: String, path: String, line: Int, column: Int) -> DataError {
        DataError(path: path, line: line, column: column, message: "expected a number, found \(quotedForMessage(text))")
    }
}
