import Foundation

/// What the data page says about one log-prob file that was read.
public struct LogprobFileRecord: Codable, Equatable, Sendable {
    public var path: String
    public var model: String
    public var bytes: Int
    /// Prompt columns read: all 54 for Fig. 2 models and for the Fig. 3 models (of these, every prompt only for the rows that read as "freedom"/"love"), one for the other implicit-reward models.
    public var promptsRead: Int
    public var audit: LogprobAudit
    /// `LogprobTable.fingerprint()`.
    public var readFingerprint: String
}

/// The §3 tables found for a build, and what was looked for but not found.
public struct LoadedLogprobs: Sendable {
    /// The folder as pages show it (`content/data/logprobs`, or the name given to `--logprobs`).
    public var folder: String
    public var folderExists: Bool
    /// Model name → its table, restricted to what the analyses need.
    public var tables: [String: LogprobTable]
    public var files: [LogprobFileRecord]
    /// File names of manifest models whose table is needed but absent.
    public var missingFiles: [String]
    /// The folder holds a `SIMULATED.txt` marker (written by `backbone
    /// generate-logprobs`): every number from it must be labelled simulated.
    public var simulated: Bool = false
}

/// Finds which of the manifest's log-prob files exist and reads from each
/// only what the analyses use (`LogprobReadPlan`), so a build over 2 GB of
/// tables holds a few hundred MB. Absent files are not an error: each analysis runs
/// when its own inputs are present, and the pages name what is missing.
public enum LogprobLoader {
    /// The file a folder must contain so its tables are labelled simulated.
    public static let simulatedMarker = "SIMULATED.txt"

    /// `progress(bytesRead, bytesInAll)` is called as each table is finished,
    /// and `arrivals` told which tables are read and given each one as it is
    /// (the caller finishes it).
    public static func load(section: LogprobSection, manifest: StudyManifest, directory: URL?, displayFolder: String,
                            dictionaryWords: [String: Set<String>],
                            progress: (@Sendable (Int, Int) -> Void)? = nil,
                            arrivals: LogprobArrivals? = nil) async throws -> LoadedLogprobs {
        let plan = LogprobReadPlan(section: section, promptKeys: manifest.prompts.map(\.key), dictionaryWords: dictionaryWords)
        var isDirectory: ObjCBool = false
        let folderExists = directory.map { FileManager.default.fileExists(atPath: $0.path, isDirectory: &isDirectory) && isDirectory.boolValue } ?? false
        let (present, missing) = try plan.locate(in: folderExists ? directory : nil, display: displayFolder)

        // One parallel pool over every file, each with its own request; progress in bytes over all of them.
        // Each table is handed on, and fingerprinted (a pass over all of it), as soon as it is read.
        let models = present.map(\.entry.model.name)
        arrivals?.expect(models)
        let read = try await LogprobReader.readAll(jobs: present.map { LogprobJob(url: $0.url, displayPath: displayFolder + "/" + $0.url.lastPathComponent,
                                                                                  request: $0.entry.request) },
                                                   progress: progress) { k, table in
            arrivals?.arrive(models[k], table)
            return (table: table, fingerprint: table.fingerprint())
        }
        var tables: [String: LogprobTable] = [:]
        var records: [LogprobFileRecord] = []   // in the manifest's model order, as the plan is
        for ((entry, url), (table, fingerprint)) in zip(present, read) {
            tables[entry.model.name] = table
            let bytes = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int
            records.append(LogprobFileRecord(path: table.path, model: entry.model.name, bytes: bytes ?? 0,
                                             promptsRead: entry.request.prompts.count, audit: table.audit, readFingerprint: fingerprint))
        }
        let simulated = directory.map { FileManager.default.fileExists(atPath: $0.appendingPathComponent(simulatedMarker).path) } ?? false
        return LoadedLogprobs(folder: displayFolder, folderExists: folderExists, tables: tables, files: records, missingFiles: missing,
                              simulated: simulated)
    }

    /// The table's file in the folder: the CSV the manifest names, or the
    /// Parquet file of the same name; nil when neither is there, an error
    /// when both are (which one was meant is not guessed).
    public static func parquetOrCSV(_ file: String, in directory: URL, display: String) throws -> URL? {
        let csv = directory.appendingPathComponent(file)
        let parquet = csv.deletingPathExtension().appendingPathExtension("parquet")
        let hasCSV = FileManager.default.isReadableFile(atPath: csv.path)
        let hasParquet = csv.pathExtension.lowercased() != "parquet" && FileManager.default.isReadableFile(atPath: parquet.path)
        if hasCSV && hasParquet {
            throw DataError(path: display + "/" + parquet.lastPathComponent,
                            message: "expected one form of the table, found both \(csv.lastPathComponent) and \(parquet.lastPathComponent) in \(display); keep one so it is clear which was read")
        }
        return hasCSV ? csv : hasParquet ? parquet : nil
    }
}
