import Foundation

/// What the data page and `manifest.json` say about one input file.
public struct InputFileRecord: Codable, Equatable, Sendable {
    /// Relative to the content folder's parent, e.g. `content/data/x.csv`.
    public var path: String
    public var bytes: Int
    public var sha256: String
    public var rows: Int?
    public var columns: Int?
    public var role: String
    /// Things about the file a reader should know (e.g. a misleading file name).
    public var warnings: [String] = []
}

/// Everything §2 reads, loaded and validated before any statistic runs.
public struct LoadedStudy: Sendable {
    public var manifest: StudyManifest
    /// MFD-style dictionaries are loaded under both column rules so the
    /// methods page can show both; other dictionaries appear once (rule `.virtue`).
    public var dictionaries: [String: [MFDColumnRule: CategoryDictionary]]
    /// dictionary id → RM label → scores.
    public var scores: [String: [String: RewardScoreTable]]
    public var inputs: [InputFileRecord]
    /// §3 log-prob tables; nil when the manifest has no `logprobs` section.
    public var logprobs: LoadedLogprobs? = nil
    /// §4 training summaries, when the manifest has a `training` section.
    public var training: [LoadedTrainingRun] = []
    /// Per-token checkpoint scores (`--checkpoints DIR`), when given.
    public var checkpoints: [CheckpointTable] = []
}

public enum StudyLoader {
    /// `logprobs`: the folder of §3 tables (`--logprobs`); nil means the
    /// manifest's `default_folder` inside the content folder, if it exists.
    public static func load(folder: ContentFolder, logprobs: URL? = nil, checkpoints: URL? = nil,
                            progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> LoadedStudy {
        let manifest = try ManifestLoader.load(from: folder)
        var inputs: [InputFileRecord] = []
        let manifestURL = folder.root.appendingPathComponent(ManifestLoader.fileName)
        inputs.append(try record(data: contents(manifestURL, display: folder.displayPath(ManifestLoader.fileName)),
                                 display: folder.displayPath(ManifestLoader.fileName), rows: nil, columns: nil, role: "study manifest"))

        var dictionaries: [String: [MFDColumnRule: CategoryDictionary]] = [:]
        for source in manifest.dictionaries {
            let (doc, input) = try readCSV(source.file, field: "dictionaries.\(source.id).file", folder: folder,
                                           role: "dictionary: \(source.name)")
            let rules: [MFDColumnRule] = source.format == .mfd2 ? [.virtue, .script] : [.virtue]
            var loaded: [MFDColumnRule: CategoryDictionary] = [:]
            for rule in rules {
                loaded[rule] = try DictionaryLoader.from(doc, source: source, mfdRule: rule)
            }
            dictionaries[source.id] = loaded
            inputs.append(input)
        }

        var scores: [String: [String: RewardScoreTable]] = [:]
        let promptKeys = manifest.prompts.map(\.key)
        for rm in manifest.rewardModels {
            for (dictionaryID, file) in rm.scores.sorted(by: { $0.key < $1.key }) {
                var (doc, input) = try readCSV(file, field: "reward_models.\(rm.label).scores.\(dictionaryID)", folder: folder,
                                               role: "RM scores: \(rm.label) on \(dictionaryID)")
                scores[dictionaryID, default: [:]][rm.label] = try RewardScoreTable.from(doc, prompts: promptKeys)
                input.warnings = fileNameWarnings(file: file, dictionaryID: dictionaryID, manifest: manifest)
                inputs.append(input)
            }
        }
        var study = LoadedStudy(manifest: manifest, dictionaries: dictionaries, scores: scores, inputs: inputs)
        if let section = manifest.training {
            study.training = try TrainingLoader.load(section, folder: folder)
            for run in study.training {
                var input = InputFileRecord(path: run.path, bytes: run.bytes, sha256: run.sha256, rows: run.rowsRead, columns: nil,
                                            role: "RM training summary: \(run.run.id)")
                if run.rowsRead != run.rows.count { input.warnings.append("\(run.rowsRead) rows, \(run.rows.count) distinct: duplicates dropped") }
                if !run.identicalTo.isEmpty { input.warnings.append("byte-identical to run \(run.identicalTo.joined(separator: ", ")): the two ablation points are the same data") }
                study.inputs.append(input)
            }
        }
        if let checkpoints {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: checkpoints.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw DataError(path: checkpoints.path, message: "expected a folder of greatest_ever_one_across_checkpoints_<family>.csv tables (--checkpoints)")
            }
            study.checkpoints = try CheckpointTable.loadAll(directory: checkpoints, displayFolder: checkpoints.lastPathComponent,
                                                            families: manifest.families.map(\.name)).tables
        }
        if let section = manifest.logprobs {
            study.logprobs = try loadLogprobs(section, manifest: manifest, folder: folder, directory: logprobs,
                                              dictionaries: dictionaries, progress: progress)
        }
        return study
    }

    /// Reads a manifest-named CSV once: the bytes give both the fingerprint and the parse.
    static func readCSV(_ relative: String, field: String, folder: ContentFolder, role: String) throws -> (CSVDocument, InputFileRecord) {
        let url = try folder.resolve(relative, manifestField: field)
        let display = folder.displayPath(relative)
        let data = try contents(url, display: display)
        let doc = try CSVReader.parse(data, path: display)
        return (doc, record(data: data, display: display, rows: doc.records.count, columns: doc.header.count, role: role))
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
        InputFileRecord(path: display, bytes: data.count, sha256: SHA256.hex(data), rows: rows, columns: columns, role: role)
    }
}
