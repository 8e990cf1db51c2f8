/// The §3 part of the study manifest: which language models were measured,
/// under which file names, and which of them each analysis compares. Optional
/// in `study.yaml` so a manifest without §3 still loads.
public struct LogprobSection: Codable, Equatable, Sendable {
    /// Where the study publishes the tables (a Hugging Face dataset id); the
    /// pages name it when files are missing.
    public var dataset: String
    /// Folder, relative to the content folder, used when `--logprobs` is not given.
    public var defaultFolder: String
    public var models: [LanguageModel]
    /// Fig. 2 pairs (paper §3.1).
    public var rankPairs: [LogprobRankPair]
    /// Table 1, A2, A3 and Fig. 3 (paper §3.2).
    public var implicitRewards: ImplicitRewardPlan

    enum CodingKeys: String, CodingKey {
        case dataset
        case defaultFolder = "default_folder"
        case models
        case rankPairs = "rank_pairs"
        case implicitRewards = "implicit_rewards"
    }

    public func model(named name: String) -> LanguageModel? { models.first { $0.name == name } }
}

public enum LanguageModelType: String, Codable, CaseIterable, Sendable {
    case pretrained
    case instructionTuned = "instruction-tuned"
}

public struct LanguageModel: Codable, Equatable, Sendable {
    /// Hugging Face name, e.g. `google/gemma-2-2b-it`.
    public var name: String
    /// e.g. `Gemma 2 IT 2B`.
    public var displayName: String
    /// e.g. `G2-2b`: the label used in Fig. 3.
    public var shortName: String
    /// A family of the manifest (`Gemma`, `Llama`).
    public var family: String
    public var type: LanguageModelType
    /// Release, e.g. `3.1`; Fig. 3 sorts by it.
    public var version: String
    /// Parameters in billions; Fig. 3 sorts by it.
    public var sizeB: Double
    /// File name inside the log-prob folder, `<org>--<model>.csv`.
    public var file: String

    enum CodingKeys: String, CodingKey {
        case name
        case displayName = "display_name"
        case shortName = "short_name"
        case family, type, version
        case sizeB = "size_b"
        case file
    }
}

/// One Fig. 2 comparison: model A is the left half of each violin.
public struct LogprobRankPair: Codable, Equatable, Sendable {
    public var label: String
    public var modelA: String
    public var modelB: String
    /// Dictionary id whose words are ranked (the Big Two nouns).
    public var dictionary: String

    enum CodingKeys: String, CodingKey {
        case label
        case modelA = "model_a"
        case modelB = "model_b"
        case dictionary
    }
}

public struct ImplicitRewardPlan: Codable, Equatable, Sendable {
    /// Prompt key every implicit-reward comparison uses.
    public var prompt: String
    /// Rows shown at each end of a token table.
    public var top: Int
    public var tables: [ImplicitRewardTableSpec]
    public var grid: ImplicitRewardGrid

    public init(prompt: String, top: Int, tables: [ImplicitRewardTableSpec], grid: ImplicitRewardGrid) {
        self.prompt = prompt; self.top = top; self.tables = tables; self.grid = grid
    }
}

/// One optimal/pessimal token table: source A against target B.
public struct ImplicitRewardTableSpec: Codable, Equatable, Sendable {
    /// e.g. `Table 1`.
    public var title: String
    public var modelA: String
    public var modelB: String

    enum CodingKeys: String, CodingKey {
        case title
        case modelA = "model_a"
        case modelB = "model_b"
    }
}

/// Fig. 3: every source (Llama) × every target (Gemma), scored on the
/// tokens that read "freedom" and "love".
public struct ImplicitRewardGrid: Codable, Equatable, Sendable {
    public var sources: [String]
    public var targets: [String]
    /// How captions name the sources and the targets as groups (the study:
    /// `Llama 3 Instruct`, `Gemma 2 IT`); optional, the pages fall back to
    /// the families of the grid's models.
    public var sourcesLabel: String?
    public var targetsLabel: String?

    enum CodingKeys: String, CodingKey {
        case sources, targets
        case sourcesLabel = "sources_label"
        case targetsLabel = "targets_label"
    }
}
