import Foundation

/// What `--checkpoints DIR` provided for the token-level §4 analyses.
public struct LoadedCheckpoints: Sendable {
    /// How the folder is shown on the page and in errors; nil when no folder was given.
    public var folder: String?
    public var tables: [CheckpointTable]
    /// Table names of the manifest with no file in the folder (all of them without a folder).
    public var missing: [String]
    /// The folder holds a `SIMULATED.txt` marker (written by `backbone generate-checkpoints`):
    /// every number from it must be labelled simulated.
    public var simulated: Bool
    public var inputs: [InputFileRecord]
}

/// Finds the manifest's checkpoint tables in a folder. A table that is not
/// there is reported as missing, not an error: the public data never has
/// them, and the page must say what to supply.
public enum CheckpointLoader {
    /// The file a folder must contain so its tables are labelled simulated.
    public static let simulatedMarker = "SIMULATED.txt"

    public static func load(_ source: TokenDynamicsSource, directory: URL?, display: String?) throws -> LoadedCheckpoints {
        guard let directory, let display else {
            return LoadedCheckpoints(folder: nil, tables: [], missing: source.tables.map(\.name), simulated: false, inputs: [])
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DataError(path: display, message: "--checkpoints: expected a folder holding \(source.tables.map { $0.name + ".csv" }.joined(separator: ", "))")
        }
        var out = LoadedCheckpoints(folder: display, tables: [], missing: [],
                                    simulated: FileManager.default.fileExists(atPath: directory.appendingPathComponent(simulatedMarker).path),
                                    inputs: [])
        for table in source.tables {
            let csv = directory.appendingPathComponent(table.name + ".csv")
            let parquet = directory.appendingPathComponent(table.name + ".parquet")
            guard let data = FileManager.default.contents(atPath: csv.path) else {
                if FileManager.default.fileExists(atPath: parquet.path) {
                    throw DataError(path: display + "/" + table.name + ".parquet",
                                    message: "this version of Backbone reads the checkpoint tables as CSV only; convert it (e.g. pandas.read_parquet(path).to_csv(\"\(table.name).csv\", index=False)) and put the CSV next to it")
                }
                out.missing.append(table.name)
                continue
            }
            let path = display + "/" + table.name + ".csv"
            let loaded = try CheckpointTableReader.read(data, family: table.family, path: path)
            out.tables.append(loaded)
            out.inputs.append(InputFileRecord(path: path, bytes: data.count, sha256: SHA256.hex(data), rows: loaded.tokens.count,
                                              columns: nil, role: "RM checkpoint token scores: \(table.family)\(out.simulated ? " (SIMULATED)" : "")"))
        }
        return out
    }
}
