/// The study manifest (`content/study.yaml`): everything that names models,
/// families, colours, prompts and dictionaries lives here rather than in code,
/// so a researcher adds a reward model or a family by editing one file.
public struct StudyManifest: Codable, Equatable, Sendable {
    public var title: String
    public var citation: String
    public var prompts: [Prompt]
    public var families: [Family]
    public var dictionaries: [DictionarySource]
    public var rewardModels: [RewardModel]
    /// §3 (language models and their log-prob tables); nil in manifests without it.
    public var logprobs: LogprobSection? = nil
    /// §4: RM-training summaries (optional).
    public var training: TrainingSection? = nil
    /// The shared-vocabulary files (optional): counts of §3's nouns and §4's words.
    public var vocabulary: VocabularySource? = nil
    /// The paper's claims table, relative to the content folder (optional).
    public var claims: String? = nil

    enum CodingKeys: String, CodingKey {
        case title, citation, prompts, families, dictionaries
        case rewardModels = "reward_models"
        case logprobs
        case training
        case vocabulary
        case claims
    }

    /// Framings in the order the report shows them: positive first, then negative.
    public var framings: [Framing] { Framing.allCases.filter { f in prompts.contains { $0.framing == f } } }

    public func family(named name: String) -> Family? { families.first { $0.name == name } }
    public func dictionary(id: String) -> DictionarySource? { dictionaries.first { $0.id == id } }

    /// The families drawn in the main figures that show a subset (Fig. 4, 5),
    /// in manifest order; the appendix variants (A5, A6) show every family.
    public var mainFigureFamilies: [String] { families.filter { $0.appendixOnly != true }.map(\.name) }

    /// The dictionary whose §2 results headline the report (the first one listed).
    public var headlineDictionary: DictionarySource? { dictionaries.first }

}

/// Whether a prompt asks for the best or the worst thing; the study's
/// "valence" factor.
public enum Framing: String, Codable, CaseIterable, Sendable {
    case positive
    case negative
}

public struct Prompt: Codable, Equatable, Sendable {
    public var key: String
    public var text: String
    public var framing: Framing
}

public struct Family: Codable, Equatable, Sendable {
    public var name: String
    /// `#RRGGBB`, used for every mark of this family in every figure.
    public var colour: String
    /// True when the family is drawn only in the appendix variants of the §4
    /// figures (A5, A6), as the study does for Qwen; default false.
    public var appendixOnly: Bool? = nil

    enum CodingKeys: String, CodingKey {
        case name, colour
        case appendixOnly = "appendix_only"
    }
}

/// Which loader reads a dictionary file.
public enum DictionaryFormat: String, Codable, CaseIterable, Sendable {
    /// `Category,token_decoded` rows (the Big Two nouns).
    case categoryWord = "category-word"
    /// MFD2 `.dicx`: `DicTerm` then `<Foundation>_Virtue|_Vice` columns marked `X`.
    case mfd2 = "mfd2-dicx"
}

public struct DictionarySource: Codable, Equatable, Sendable {
    /// Short key used in results and in each reward model's `scores` map (`big2`, `mfd2`).
    public var id: String
    public var name: String
    /// The name figure titles and captions use (e.g. `Big Two`); default: `name`.
    public var shortName: String? = nil
    public var format: DictionaryFormat
    /// Relative to the content folder.
    public var file: String
    public var citation: String
    /// The categories a `category-word` file may use (e.g. Agency,
    /// Communion); a misspelt category in the file is then an error instead
    /// of a new one-word category.
    public var categories: [String]? = nil

    /// What titles and captions call the dictionary.
    public var displayName: String { shortName ?? name }

    enum CodingKeys: String, CodingKey {
        case id, name
        case shortName = "short_name"
        case format, file, citation, categories
    }
}

public struct RewardModel: Codable, Equatable, Sendable {
    /// Short label shown in figures, e.g. `N-Gem-27B`.
    public var label: String
    /// Full Hugging Face name, e.g. `nicolinho/QRM-Gemma-2-27B`.
    public var name: String
    public var family: String
    public var size: String
    /// Dictionary id → score file, relative to the content folder.
    public var scores: [String: String]
}
