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
            throw DataError(path: display, message: "--checkpoints: expected a folder holding \(source.tables.map { $0.name + ".csv" }.joined(separator: ", ")) (or the same names in .parquet)")
        }
        var out = LoadedCheckpoints(folder: display, tables: [], missing: [],
                                    simulated: FileManager.default.fileExists(atPath: directory.appendingPathComponent(simulatedMarker).path),
                                    inputs: [])
        for table in source.tables {
            let csv = directory.appendingPathComponent(table.name + ".csv")
            let parquet = directory.appendingPathComponent(table.name + ".parquet")
            let hasCSV = FileManager.default.fileExists(atPath: csv.path), hasParquet = FileManager.default.fileExists(atPath: parquet.path)
            if hasCSV && hasParquet {
                throw DataError(path: display + "/" + table.name + ".parquet",
                                message: "expected one form of the table, found both \(table.name).csv and \(table.name).parquet in \(display); keep one so it is clear which was read")
            }
            guard hasCSV || hasParquet else {
                out.missing.append(table.name)
                continue
            }
            let path = display + "/" + table.name + (hasCSV ? ".csv" : ".parquet")
            guard let data = FileManager.default.contents(atPath: (hasCSV ? csv : parquet).path) else {
                throw DataError(path: path, message: "cannot read the file")
            }
            let loaded = hasCSV ? try CheckpointTableReader.read(data, family: table.family, path: path)
                : try CheckpointTableReader.read(ParquetFile(data: data, path: path), family: table.family)
            out.tables.append(loaded)
            out.inputs.append(InputFileRecord(path: path, bytes: data.count, sha256: SHA256.hex(data), rows: loaded.tokens.count,
                                              columns: nil, role: "RM checkpoint token scores: \(table.family)\(out.simulated ? " (SIMULATED)" : "")",
                                              format: InputFileRecord.tableFormat(of: path)))
        }
        return out
    }
}
