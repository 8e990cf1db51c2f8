import Foundation

extension StudyLoader {
    /// Reads one RM score table named in the manifest, as CSV or — when the
    /// name ends in `.parquet` — as Parquet; both give the same table.
    static func readScores(_ relative: String, field: String, folder: ContentFolder, role: String,
                           prompts: [String]) throws -> (RewardScoreTable, InputFileRecord) {
        guard relative.lowercased().hasSuffix(".parquet") else {
            let (table, input) = try readCSVTable(relative, field: field, folder: folder, role: role)
            return (try RewardScoreTable.from(table, prompts: prompts), input)
        }
        let url = try folder.resolve(relative, manifestField: field)
        let display = folder.displayPath(relative)
        let data = try contents(url, display: display)
        let file = try ParquetFile(data: data, path: display)
        let table = try RewardScoreTable.from(file, prompts: prompts)
        return (table, record(data: data, display: display, rows: file.rowCount, columns: file.columns.count, role: role))
    }
}

extension InputFileRecord {
    /// "CSV" or "Parquet" for a table, by its file name; nil for other inputs.
    public static func tableFormat(of path: String) -> String? {
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") { return "CSV" }
        if lower.hasSuffix(".parquet") { return "Parquet" }
        return nil
    }
}
