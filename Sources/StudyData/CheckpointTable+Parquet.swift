import Foundation

extension CheckpointTableReader {
    /// The same table from Parquet — the form the study publishes its
    /// checkpoint tables in: a `token_decoded` text column and `step-N`
    /// number columns (any others ignored); a missing score is NaN, as `NA`
    /// is in the CSV form; an infinite one is an error at its column and row.
    public static func read(_ file: ParquetFile, family: String) throws -> CheckpointTable {
        var stepColumns: [(step: Int, name: String)] = []
        for column in file.columns where column.name.hasPrefix("step-") {
            guard let step = Int(column.name.dropFirst(5)), step >= 0 else {
                throw DataError(path: file.path, message: "expected column names step-N with a whole number N, found \(quotedForMessage(column.name))")
            }
            if stepColumns.contains(where: { $0.step == step }) {
                throw DataError(path: file.path, message: "expected each checkpoint once, found step-\(step) twice")
            }
            stepColumns.append((step, column.name))
        }
        guard !stepColumns.isEmpty else {
            throw DataError(path: file.path, message: "expected one step-N column per checkpoint (e.g. step-1000), found none")
        }
        stepColumns.sort { $0.step < $1.step }
        let tokens = try file.textColumn("token_decoded")
        var byStep: [[Double]] = []
        for (_, name) in stepColumns {
            let values = try file.numberColumn(name)
            if let row = values.firstIndex(where: { $0.isInfinite }) {
                throw file.valueError(column: name, row: row + 1, "expected a reward score or a missing value, found \(values[row])")
            }
            byStep.append(values)
        }
        let scores = tokens.indices.map { row in byStep.map { $0[row] } }
        return CheckpointTable(family: family, path: file.path, steps: stepColumns.map(\.step), tokens: tokens, scores: scores)
    }
}
