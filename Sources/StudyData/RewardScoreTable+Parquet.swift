import Foundation

extension RewardScoreTable {
    /// The same table and the same checks as `from(_: CSVDocument, …)` for a
    /// Parquet file (the study publishes its score tables in both forms): a
    /// `response` text column and one number column per prompt; a missing or
    /// non-finite score is an error at its column and row.
    public static func from(_ file: ParquetFile, prompts: [String]) throws -> RewardScoreTable {
        let responses = try file.textColumn("response")
        var seen: [String: Int] = [:]
        for (row, answer) in responses.enumerated() {
            if let first = seen[answer] {
                throw file.valueError(column: "response", row: row + 1,
                                      "expected each response once, found \(quotedForMessage(answer)) again (first in row \(first))")
            }
            seen[answer] = row + 1
        }
        var scores: [[Double]] = []
        scores.reserveCapacity(prompts.count)
        for prompt in prompts {
            let column = try file.numberColumn(prompt)
            if let row = column.firstIndex(where: { !$0.isFinite }) {
                let found = column[row].isNaN ? (file.columns.first { $0.name == prompt }?.optional == true ? "a missing value or NaN" : "NaN") : "\(column[row])"
                throw file.valueError(column: prompt, row: row + 1, "expected a number, found \(found)")
            }
            scores.append(column)
        }
        return RewardScoreTable(path: file.path, responses: responses, promptKeys: prompts, scores: scores)
    }
}
