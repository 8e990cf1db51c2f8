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
    /// answer may appear twice (it would be ranked twice).
    public static func load(url: URL, displayPath: String, prompts: [String]) throws -> RewardScoreTable {
        try from(CSVReader.read(url: url, displayPath: displayPath), prompts: prompts)
    }

    /// The same checks on an already parsed file (the loader reads each file once).
    public static func from(_ doc: CSVDocument, prompts: [String]) throws -> RewardScoreTable {
        let displayPath = doc.path
        let responseColumn = try doc.columnIndex("response")
        let columns = try prompts.map { try doc.columnIndex($0) }
        var responses: [String] = []
        responses.reserveCapacity(doc.records.count)
        var scores = Array(repeating: [Double](), count: prompts.count)
        var seen: [String: Int] = [:]
        for record in doc.records {
            let answer = record.fields[responseColumn]
            if let first = seen[answer] {
                throw DataError(path: displayPath, line: record.line, column: responseColumn + 1,
                                message: "expected each response once, found \(quotedForMessage(answer)) again (first on line \(first))")
            }
            seen[answer] = record.line
            responses.append(answer)
            for (p, c) in columns.enumerated() {
                scores[p].append(try parseScore(record.fields[c], path: displayPath, line: record.line, column: c + 1))
            }
        }
        return RewardScoreTable(path: displayPath, responses: responses, promptKeys: prompts, scores: scores)
    }

    static func parseScore(_ text: String, path: String, line: Int, column: Int) throws -> Double {
        // Fast path: Swift's correctly rounded parser on the field as is; only
        // if that fails, allow surrounding blanks. Non-finite values (nan, inf)
        // are rejected either way: a reward must be a number to be ranked.
        if let v = fastParse(text), v.isFinite { return v }
        if let v = Double(text), v.isFinite { return v }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed != text, let v = Double(trimmed), v.isFinite { return v }
        throw DataError(path: path, line: line, column: column, message: "expected a number, found \(quotedForMessage(text))")
    }

    /// The log-prob reader's exact decimal parser on the field's bytes: the
    /// same correctly rounded value as `Double(text)` for the plain decimals
    /// that score files hold, without `strtod`'s locale and copying; nil
    /// (so `Double(text)` decides) for anything else.
    private static func fastParse(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { bytes in bytes.isEmpty ? nil : DecimalParser.parse(bytes.baseAddress!, 0, bytes.count) }
    }
}
