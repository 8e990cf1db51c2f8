import Foundation

/// One family's per-token reward scores at every training checkpoint (the
/// study's `greatest_ever_one_across_checkpoints_<family>` tables):
/// `token_decoded`, then one `step-N` column per checkpoint.
public struct CheckpointTable: Sendable {
    public var family: String
    public var path: String
    public var tokens: [String]
    /// Checkpoint steps in increasing order.
    public var steps: [Int]
    /// `scores[step][row]`.
    public var scores: [[Double]]

    public static let filePrefix = "greatest_ever_one_across_checkpoints_"

    /// Reads the tables in `directory` whose names end in a manifest family
    /// (`…_gemma.csv` → Gemma); returns them with the names that were looked for.
    public static func loadAll(directory: URL, displayFolder: String, families: [String]) throws -> (tables: [CheckpointTable], expected: [String]) {
        var tables: [CheckpointTable] = []
        let expected = families.map { filePrefix + $0.lowercased() + ".csv" }
        for (family, name) in zip(families, expected) {
            let url = directory.appendingPathComponent(name)
            guard FileManager.default.isReadableFile(atPath: url.path) else { continue }
            tables.append(try load(url: url, displayPath: displayFolder + "/" + name, family: family))
        }
        return (tables, expected)
    }

    public static func load(url: URL, displayPath: String, family: String) throws -> CheckpointTable {
        let doc = try CSVReader.read(url: url, displayPath: displayPath)
        let token = try doc.columnIndex("token_decoded")
        let stepColumns: [(step: Int, column: Int)] = doc.header.enumerated().compactMap { column, name in
            guard name.hasPrefix("step-"), let step = Int(name.dropFirst(5)) else { return nil }
            return (step, column)
        }.sorted { $0.step < $1.step }
        guard stepColumns.count >= 2 else {
            throw DataError(path: displayPath, line: 1, message: "expected at least two step-N columns (one per checkpoint)")
        }
        var scores = [[Double]](repeating: [], count: stepColumns.count)
        var tokens: [String] = []
        for record in doc.records {
            tokens.append(record.fields[token])
            for (k, c) in stepColumns.enumerated() {
                guard let v = Double(record.fields[c.column]), v.isFinite else {
                    throw DataError(path: displayPath, line: record.line, column: c.column + 1,
                                    message: "expected a number, found \(quotedForMessage(record.fields[c.column]))")
                }
                scores[k].append(v)
            }
        }
        return CheckpointTable(family: family, path: displayPath, tokens: tokens, steps: stepColumns.map(\.step), scores: scores)
    }
}
