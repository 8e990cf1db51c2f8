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
/// only what the analyses use: every prompt but only the dictionary's nouns
/// for Fig. 2 models, every row but only the implicit-reward prompt for the
/// others, plus every prompt for the rows that read as "freedom"/"love" of
/// the Fig. 3 models (all of it in one pass when a model serves several), so a build over 2 GB of tables
/// holds a few hundred MB. Absent files are not an error: each analysis runs
/// when its own inputs are present, and the pages name what is missing.
public enum LogprobLoader {
    /// The file a folder must contain so its tables are labelled simulated.
    public static let simulatedMarker = "SIMULATED.txt"

    /// `progress(bytesRead, bytesInAll)` is called as each table is finished.
    public static func load(section: LogprobSection, manifest: StudyManifest, directory: URL?, displayFolder: String,
                            dictionaryWords: [String: Set<String>],
                            progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> LoadedLogprobs {
        typealias Request = (prompts: [String], tokens: Set<String>?, everyRow: Set<String>, words: TokenWords?)
        var requests: [String: Request] = [:]
        func need(_ model: String, prompts: [String], tokens: Set<String>?, words: TokenWords? = nil) {
            var r = requests[model] ?? ([], nil, [], nil)
            r.prompts = manifest.prompts.map(\.key).filter { r.prompts.contains($0) || prompts.contains($0) }
            if let tokens { r.tokens = (r.tokens ?? []).union(tokens) } else { r.everyRow.formUnion(prompts) }
            if let words { r.words = TokenWords((r.words?.words ?? []).union(words.words)) }
            requests[model] = r
        }
        for pair in section.rankPairs {
            let words = dictionaryWords[pair.dictionary] ?? []
            need(pair.modelA, prompts: manifest.prompts.map(\.key), tokens: words)
            need(pair.modelB, prompts: manifest.prompts.map(\.key), tokens: words)
        }
        let plan = section.implicitRewards
        let implicitModels = plan.tables.flatMap { [$0.modelA, $0.modelB] } + plan.grid.sources + plan.grid.targets
        for model in implicitModels { need(model, prompts: [plan.prompt], tokens: nil) }
        // Fig. 3 under every prompt (robustness): the rows that read as
        // "freedom"/"love" with every prompt, in the same single pass.
        for model in plan.grid.sources + plan.grid.targets {
            need(model, prompts: manifest.prompts.map(\.key), tokens: [], words: .freedomLove)
        }

        var isDirectory: ObjCBool = false
        let folderExists = directory.map { FileManager.default.fileExists(atPath: $0.path, isDirectory: &isDirectory) && isDirectory.boolValue } ?? false
        var present: [(model: LanguageModel, url: URL)] = []
        var missing: [String] = []
        for model in section.models where requests[model.name] != nil {
            if folderExists, let directory, let url = try parquetOrCSV(model.file, in: directory, display: displayFolder) {
                present.append((model, url))
            } else {
                missing.append(model.file)
            }
        }

        // One readAll per distinct request, so the reader can work across files in parallel.
        var groups: [String: [(model: LanguageModel, url: URL)]] = [:]
        var groupKeys: [String] = []
        func key(_ r: Request) -> String {
            r.prompts.joined(separator: ",") + "|" + (r.tokens.map { $0.sorted().joined(separator: "\u{1}") } ?? "*")
                + "|" + r.everyRow.sorted().joined(separator: ",") + "|" + (r.words?.words.sorted().joined(separator: ",") ?? "")
        }
        for entry in present {
            let k = key(requests[entry.model.name]!)
            if groups[k] == nil { groupKeys.append(k) }
            groups[k, default: []].append(entry)
        }
        var tables: [String: LogprobTable] = [:]
        var records: [LogprobFileRecord] = []
        // Progress in bytes over all groups (the reader reports bytes per group).
        let sizeOf = { (url: URL) in ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int) ?? 0 }
        var done = 0
        let total = present.reduce(0) { $0 + sizeOf($1.url) }
        for k in groupKeys {
            let entries = groups[k]!
            let r = requests[entries[0].model.name]!
            let offset = done
            let read = try LogprobReader.readAll(entries.map { (url: $0.url, displayPath: displayFolder + "/" + $0.url.lastPathComponent) },
                                                 request: LogprobRequest(prompts: r.prompts, tokens: r.everyRow.count == r.prompts.count ? nil : r.tokens,
                                                                         everyRowPrompts: r.everyRow, tokenWords: r.words),
                                                 progress: progress.map { report in { @Sendable i, _ in report(offset + i, total) } })
            for (entry, table) in zip(entries, read) {
                tables[entry.model.name] = table
                let bytes = (try? FileManager.default.attributesOfItem(atPath: entry.url.path))?[.size] as? Int
                records.append(LogprobFileRecord(path: table.path, model: entry.model.name, bytes: bytes ?? 0,
                                                 promptsRead: r.prompts.count, audit: table.audit, readFingerprint: table.fingerprint()))
            }
            done += entries.reduce(0) { $0 + sizeOf($1.url) }
        }
        let order = section.models.map(\.name)
        records.sort { order.firstIndex(of: $0.model)! < order.firstIndex(of: $1.model)! }
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
