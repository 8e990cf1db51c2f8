/// The §4 part of the study manifest: the study's RM-training summary files
/// and what each run was (data size, source, method), so the ablation figure
/// is driven by the manifest, not by file names. Optional in `study.yaml`.
public struct TrainingSection: Codable, Equatable, Sendable {
    /// `model_id` substrings → family, first match wins (`base_model` can be NA).
    public var familyRules: [FamilyRule]
    public var runs: [TrainingRun]
    /// The run whose checkpoints Fig. 4a / A5a follow.
    public var dynamicsRun: String
    /// How many Big Two words the median ranks are over ("#1 = best, #N = worst").
    public var words: Int
    /// The dictionary id whose words the summaries rank (its name labels the
    /// figures, and its §2 direction is what the page compares with); default:
    /// the token-level dictionary, else the manifest's first dictionary.
    public var dictionary: String? = nil
    /// Token-level checkpoint tables (Fig. 5, A6, App. G), read from
    /// `backbone build --checkpoints DIR` when given; nil = not part of this study.
    public var tokenDynamics: TokenDynamicsSource? = nil

    public init(familyRules: [FamilyRule], runs: [TrainingRun], dynamicsRun: String, words: Int,
                tokenDynamics: TokenDynamicsSource? = nil) {
        self.familyRules = familyRules; self.runs = runs; self.dynamicsRun = dynamicsRun; self.words = words
        self.tokenDynamics = tokenDynamics
    }

    enum CodingKeys: String, CodingKey {
        case familyRules = "family_rules"
        case runs
        case dynamicsRun = "dynamics_run"
        case words
        case tokenDynamics = "token_dynamics"
        case dictionary
    }

    /// The family a `model_id` belongs to, or nil when no rule matches.
    public func family(ofModel id: String) -> String? {
        familyRules.first { rule in rule.match.contains { id.contains($0) } }?.family
    }
}

public struct FamilyRule: Codable, Equatable, Sendable {
    public var match: [String]
    public var family: String
    public init(match: [String], family: String) { self.match = match; self.family = family }
}

public struct TrainingRun: Codable, Equatable, Sendable {
    public var id: String
    /// Relative to the content folder.
    public var file: String
    /// Thousands of preference pairs.
    public var dataSize: Double
    /// Where Fig. 4b draws it (the paper plots GRM at 632k); default: `dataSize`.
    public var plottedAt: Double?
    public var source: String
    public var method: String
    /// Where the data size comes from when the study's text and its script
    /// differ; shown next to the number.
    public var note: String?
    /// False when the run is drawn only in Fig. 4b, not in the appendix's
    /// all-family Fig. A5b (the study's GRM run); default true.
    public var inAppendixFigure: Bool? = nil

    public init(id: String, file: String, dataSize: Double, plottedAt: Double?, source: String, method: String, note: String? = nil) {
        self.id = id; self.file = file; self.dataSize = dataSize; self.plottedAt = plottedAt; self.source = source; self.method = method
        self.note = note
    }

    enum CodingKeys: String, CodingKey {
        case id, file, source, method, note
        case dataSize = "data_size"
        case plottedAt = "plotted_at"
        case inAppendixFigure = "in_appendix_figure"
    }
}

/// Where the per-token checkpoint scores come from: one table per family,
/// named as the study names them, each `<name>.csv` (or `<name>.parquet`)
/// inside the `--checkpoints` folder, and the dictionary whose words are kept.
public struct TokenDynamicsSource: Codable, Equatable, Sendable {
    /// A dictionary id of the manifest (the Big Two nouns).
    public var dictionary: String
    public var tables: [CheckpointTableName]
    /// How many risers and fallers Fig. 5 / A6 show.
    public var top: Int
    /// Category → bar colour in Fig. 5 / A6 (the paper: Agency #3CB371, Communion #FFCE1B).
    public var categoryColours: [String: String] = [:]

    public init(dictionary: String, tables: [CheckpointTableName], top: Int, categoryColours: [String: String] = [:]) {
        self.dictionary = dictionary; self.tables = tables; self.top = top; self.categoryColours = categoryColours
    }

    enum CodingKeys: String, CodingKey {
        case dictionary, tables, top
        case categoryColours = "category_colours"
    }
}

public struct CheckpointTableName: Codable, Equatable, Sendable {
    public var family: String
    /// File name without extension, e.g. `greatest_ever_one_across_checkpoints_gemma`.
    public var name: String
    public init(family: String, name: String) { self.family = family; self.name = name }
}

extension StudyManifest {
    /// The dictionary whose words §4's summaries rank: `training.dictionary`,
    /// else the token-level dictionary, else the first dictionary.
    public var trainingDictionary: DictionarySource? {
        guard let training else { return nil }
        return (training.dictionary ?? training.tokenDynamics?.dictionary).flatMap { dictionary(id: $0) } ?? dictionaries.first
    }
}
