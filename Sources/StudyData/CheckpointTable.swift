import Foundation

/// One family's per-token reward scores at every checkpoint of an RM training
/// run (the study's `greatest_ever_one_across_checkpoints_*` tables): the raw
/// decoded tokens, unnormalised, because normalising them is an analysis rule.
public struct CheckpointTable: Sendable {
    public var family: String
    public var path: String
    /// Training steps in ascending order (the `step-N` columns, sorted by N).
    public var steps: [Int]
    public var tokens: [String]
    /// `scores[token][stepIndex]`; NaN where the file says `NA`/`NaN`/empty.
    public var scores: [[Double]]

    public init(family: String, path: String, steps: [Int], tokens: [String], scores: [[Double]]) {
        self.family = family; self.path = path; self.steps = steps; self.tokens = tokens; self.scores = scores
    }
}

/// Reads a checkpoint table from CSV: a `token_decoded` column and one
/// `step-N` column per checkpoint, in any order, with any other columns
/// (a pandas index, token ids) ignored. Missing scores (`NA`, `NaN`, empty)
/// are kept as NaN for the analysis to decide; any other non-number is an
/// error at its line and column, because a silently dropped score would move
/// every rank.
public enum CheckpointTableReader {
    public static func read(_ data: Data, family: String, path: String) throws -> CheckpointTable {
        let doc = try CSVReader.parse(data, path: path)
        let token = try doc.columnIndex("token_decoded")
        var stepColumns: [(step: Int, column: Int)] = []
        for (column, name) in doc.header.enumerated() where name.hasPrefix("step-") {
            guard let step = Int(name.dropFirst(5)), step >= 0 else {
                throw DataError(path: path, line: 1, column: column + 1, message: "expected a column name step-N with a whole number N, found \(quotedForMessage(name))")
            }
            if let other = stepColumns.first(where: { $0.step == step }) {
                throw DataError(path: path, line: 1, column: column + 1, message: "expected each checkpoint once, found step-\(step) in columns \(other.column + 1) and \(column + 1)")
            }
            stepColumns.append((step, column))
        }
        guard !stepColumns.isEmpty else {
            throw DataError(path: path, line: 1, message: "expected one step-N column per checkpoint (e.g. step-1000), found none")
        }
        stepColumns.sort { $0.step < $1.step }
        guard !doc.records.isEmpty else {
            throw DataError(path: path, line: 1, message: "expected one row per token after the header, found none; restore the table's rows")
        }
        // Keyed by bytes: Swift's String equality would take canonically
        // equivalent tokens ("é" and "e" + U+0301) for one token.
        var seen: [[UInt8]: Int] = [:]
        var tokens: [String] = [], scores: [[Double]] = []
        tokens.reserveCapacity(doc.records.count); scores.reserveCapacity(doc.records.count)
        for record in doc.records {
            var row: [Double] = []
            row.reserveCapacity(stepColumns.count)
            for (_, column) in stepColumns {
                let field = record.fields[column]
                if let value = NumberGrammar.parse(field), value.isFinite {
                    row.append(value)
                } else if ["NA", "NaN", "nan", ""].contains(field) {
                    row.append(.nan)
                } else {
                    throw DataError(path: path, line: record.line, column: column + 1,
                                    message: "expected a reward score, NA or an empty field, found \(quotedForMessage(field))")
                }
            }
            let tokenBytes = Array(record.fields[token].utf8)
            if let first = seen[tokenBytes] {
                throw DataError(path: path, line: record.line, column: token + 1,
                                message: "expected each token once, found \(quotedForMessage(record.fields[token])) again (first on line \(first))")
            }
            seen[tokenBytes] = record.line
            tokens.append(record.fields[token]); scores.append(row)
        }
        return CheckpointTable(family: family, path: path, steps: stepColumns.map(\.step), tokens: tokens, scores: scores)
    }
}
