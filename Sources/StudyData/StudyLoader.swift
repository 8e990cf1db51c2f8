import Foundation
import Parallel

/// What the data page and `manifest.json` say about one input file.
public struct InputFileRecord: Codable, Equatable, Sendable {
    /// Relative to the content folder's parent, e.g. `content/data/x.csv`.
    public var path: String
    public var bytes: Int
    /// SHA-256 of the whole file; nil for log-prob tables, where hashing
    /// 2 GB would cost more than the rest of the build (see `readFingerprint`).
    public var sha256: String?
    public var rows: Int?
    public var columns: Int?
    public var role: String
    /// Things about the file a reader should know (e.g. a misleading file name).
    public var warnings: [String] = []
    /// For log-prob tables: `LogprobTable.fingerprint()` of what was read, so
    /// two builds on different tables never look like the same inputs.
    public var readFingerprint: String? = nil
    /// "CSV" or "Parquet" for tables (see `tableFormat(of:)`); nil for other inputs.
    public var format: String? = nil
}

/// Everything §2 reads, loaded and validated before any statistic runs.
public struct LoadedStudy: Sendable {
    public var manifest: StudyManifest
    /// MFD-style dictionaries are loaded under both column rules so the
    /// methods page can show both; other dictionaries appear once (rule `.virtue`).
    public var dictionaries: [String: [MFDColumns: CategoryDictionary]]
    /// dictionary id → RM label → scores.
    public var scores: [String: [String: RewardScoreTable]]
    public var inputs: [InputFileRecord]
    /// §3 log-prob tables; nil when the manifest has no `logprobs` section.
    public var logprobs: LoadedLogprobs? = nil
    /// §4 training summaries, when the manifest has a `training` section.
    public var training: [LoadedTrainingRun] = []
    /// §4 token-level checkpoint tables (`--checkpoints`); nil when the manifest names none.
    public var checkpoints: LoadedCheckpoints? = nil
    /// The shared-vocabulary files, when the manifest names them.
    public var vocabulary: LoadedVocabulary? = nil
    /// The paper's claims, when the manifest names a claims table.
    public var claims: ClaimTable? = nil
}

public enum StudyLoader {
    /// `logprobs`: the folder of §3 tables (`--logprobs`); nil means the
    /// manifest's `default_folder` inside the content folder, if it exists.
    /// `checkpoints`: the folder of §4 token-level tables (`--checkpoints`).
    public static func load(folder: ContentFolder, logprobs: URL? = nil, checkpoints: URL? = nil,
                            progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> LoadedStudy {
        try await load(folder: folder, logprobs: logprobs, checkpoints: checkpoints, progress: progress, beside: { _, _ in () }).study
    }

    /// The same load, and `beside` run on everything but the §3 tables
    /// (`logprobs` nil) as soon as that is read, while the tables still are;
    /// it gets each table as it is read through the `LogprobArrivals`.
    /// Why: the tables are most of a full build's bytes; work that does not
    /// need them (the §2 and §4 analyses), or needs only one, then fills the
    /// cores while a cold disk is read, or while the last table is parsed
    /// alone, instead of waiting for the slowest file. Errors come as from
    /// `load` alone: `beside` cannot throw (it holds its own), and a load
    /// error is thrown after `beside` has finished, never one of its results.
    public static func load<Beside: Sendable>(folder: ContentFolder, logprobs: URL? = nil, checkpoints: URL? = nil,
                                              progress: (@Sendable (Int, Int) -> Void)? = nil,
                                              beside: @escaping @Sendable (LoadedStudy, LogprobArrivals) async -> Beside) async throws
        -> (study: LoadedStudy, beside: Beside) {
        let manifest = try ManifestLoader.load(from: folder)
        var inputs: [InputFileRecord] = []
        let manifestURL = folder.root.appendingPathComponent(ManifestLoader.fileName)
        inputs.append(try record(data: contents(manifestURL, display: folder.displayPath(ManifestLoader.fileName)),
                                 display: folder.displayPath(ManifestLoader.fileName), rows: nil, columns: nil, role: "study manifest"))

        var dictionaries: [String: [MFDColumns: CategoryDictionary]] = [:]
        for source in manifest.dictionaries {
            let (doc, input) = try readCSV(source.file, field: "dictionaries.\(source.id).file", folder: folder,
                                           role: "dictionary: \(source.name)")
            let rules: [MFDColumns] = source.format == .mfd2 ? [.virtue, .script] : [.virtue]
            var loaded: [MFDColumns: CategoryDictionary] = [:]
            for rule in rules {
                loaded[rule] = try DictionaryLoader.from(doc, source: source, mfdRule: rule)
            }
            dictionaries[source.id] = loaded
            inputs.append(input)
        }

        // The §3 tables (the bulk of a full build's input) are read while the
        // §2 and §4 files are parsed; errors still come in the sequential
        // order (§2 scores, §4, then §3: the tuple is awaited in that order).
        async let sections = { [dictionaries, inputs] () async throws -> LoadedStudy in
            // The claims, vocabulary and §4 files do not depend on the score
            // tables: they are read beside them, and awaited in this order so
            // the first error is the one a sequential read would meet first.
            async let claims = { () throws -> (ClaimTable, InputFileRecord)? in
                try manifest.claims.map { try ClaimTableLoader.load($0, folder: folder) }
            }()
            async let vocabulary = { () throws -> LoadedVocabulary? in
                try manifest.vocabulary.map { try VocabularyLoader.load($0, folder: folder) }
            }()
            async let training = { () throws -> [LoadedTrainingRun] in
                try manifest.training.map { try TrainingLoader.load($0, folder: folder) } ?? []
            }()
            async let checkpointTables = { () throws -> LoadedCheckpoints? in
                guard let source = manifest.training?.tokenDynamics else { return nil }
                return try loadCheckpoints(source, folder: folder, directory: checkpoints, dictionaries: dictionaries)
            }()
            var study = LoadedStudy(manifest: manifest, dictionaries: dictionaries,
                                    scores: [:], inputs: inputs)
            try await loadScores(into: &study, folder: folder)
            try ScoreCoverage.check(study)
            if let (table, input) = try await claims {
                study.claims = table
                study.inputs.append(input)
            }
            study.vocabulary = try await vocabulary
            study.inputs += study.vocabulary?.inputs ?? []
            if manifest.training != nil {
                study.training = try await training
                for run in study.training {
                    var input = InputFileRecord(path: run.path, bytes: run.bytes, sha256: run.sha256, rows: run.rowsRead, columns: nil,
                                                role: "RM training summary: \(run.run.id)", format: InputFileRecord.tableFormat(of: run.path))
                    if run.rowsRead != run.rows.count { input.warnings.append("\(run.rowsRead) rows, \(run.rows.count) distinct: duplicates dropped") }
                    if !run.identicalTo.isEmpty { input.warnings.append("byte-identical to run \(run.identicalTo.joined(separator: ", "))") }
                    study.inputs.append(input)
                }
                study.checkpoints = try await checkpointTables
                study.inputs += study.checkpoints?.inputs ?? []
            }
            return study
        }()
        let arrivals = LogprobArrivals()
        async let tables = { [dictionaries] () async throws -> LoadedLogprobs? in
            defer { arrivals.finish() }
            guard let section = manifest.logprobs else { return nil }
            return try await loadLogprobs(section, manifest: manifest, folder: folder, directory: logprobs,
                                          dictionaries: dictionaries, progress: progress, arrivals: arrivals)
        }()
        // Awaited in this order, so errors keep the sequential order above.
        let loaded = try await sections
        async let besideResult = beside(loaded, arrivals)
        let logprobTables = try await tables
        var study = loaded
        study.logprobs = logprobTables
        for file in logprobTables?.files ?? [] {
            study.inputs.append(InputFileRecord(path: file.path, bytes: file.bytes, sha256: nil, rows: file.audit.rows, columns: nil,
                                                role: "log-prob table: \(file.model) (\(file.promptsRead) prompt column\(file.promptsRead == 1 ? "" : "s") read)"
                                                    + (logprobTables?.simulated == true ? " (SIMULATED)" : ""),
                                                readFingerprint: file.readFingerprint, format: InputFileRecord.tableFormat(of: file.path)))
        }
        return (study, await besideResult)
    }

    /// Every RM score file, parsed in parallel (one file per task); results
    /// and the first error come in manifest order, whatever the scheduling.
    static func loadScores(into study: inout LoadedStudy, folder: ContentFolder) async throws {
        let manifest = study.manifest
        let promptKeys = manifest.prompts.map(\.key)
        let files = manifest.rewardModels.flatMap { rm in
            rm.scores.sorted(by: { $0.key < $1.key }).map { (rm: rm, dictionaryID: $0.key, file: $0.value) }
        }
        let loaded = try await Parallel.map(files.count) { k -> (RewardScoreTable, InputFileRecord) in
            let (rm, dictionaryID, file) = files[k]
            var (table, input) = try readScores(file, field: "reward_models.\(rm.label).scores.\(dictionaryID)", folder: folder,
                                                role: "RM scores: \(rm.label) on \(dictionaryID)", prompts: promptKeys)
            input.warnings = fileNameWarnings(file: file, dictionaryID: dictionaryID, manifest: manifest)
            return (table, input)
        }
        for (k, file) in files.enumerated() {
            let (table, input) = loaded[k]
            study.scores[file.dictionaryID, default: [:]][file.rm.label] = table
            study.inputs.append(input)
        }
    }

    /// Reads a manifest-named CSV once: the bytes give both the fingerprint and the parse.
    static func readCSV(_ relative: String, field: String, folder: ContentFolder, role: String) throws -> (CSVDocument, InputFileRecord) {
        let (table, input) = try readCSVTable(relative, field: field, folder: folder, role: role)
        return (table.document(), input)
    }

    /// The same, the fields left as byte ranges for a loader that decodes only some.
    static func readCSVTable(_ relative: String, field: String, folder: ContentFolder, role: String) throws -> (CSVTable, InputFileRecord) {
        let url = try folder.resolve(relative, manifestField: field)
        let display = folder.displayPath(relative)
        let data = try contents(url, display: display)
        let table = try CSVReader.parseTable(data, path: display)
        return (table, record(data: data, display: display, rows: table.recordCount, columns: table.header.count, role: role))
    }

    static func contents(_ url: URL, display: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DataError(path: display, message: "cannot read the file")
        }
        return data
    }

    /// The study named six MFD2 score files `big2_rewards_*`; the manifest, not
    /// the file name, says which list was scored, but a reader should be told.
    static func fileNameWarnings(file: String, dictionaryID: String, manifest: StudyManifest) -> [String] {
        let name = (file as NSString).lastPathComponent.lowercased()
        let others = manifest.dictionaries.map(\.id).filter { $0 != dictionaryID && name.hasPrefix($0.lowercased() + "_") }
        return others.map { "the file name starts with \"\($0)_\" but the manifest lists it as \(dictionaryID) scores; the manifest (and the study's folder) decide" }
    }

    static func record(data: Data, display: String, rows: Int?, columns: Int?, role: String) -> InputFileRecord {
        InputFileRecord(path: display, bytes: data.count, sha256: SHA256.hex(data), rows: rows, columns: columns, role: role,
                        format: InputFileRecord.tableFormat(of: display))
    }
}
