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

    public init(familyRules: [FamilyRule], runs: [TrainingRun], dynamicsRun: String, words: Int) {
        self.familyRules = familyRules; self.runs = runs; self.dynamicsRun = dynamicsRun; self.words = words
    }

    enum CodingKeys: String, CodingKey {
        case familyRules = "family_rules"
        case runs
        case dynamicsRun = "dynamics_run"
        case words
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

    public init(id: String, file: String, dataSize: Double, plottedAt: Double?, source: String, method: String) {
        self.id = id; self.file = file; self.dataSize = dataSize; self.plottedAt = plottedAt; self.source = source; self.method = method
    }

    enum CodingKeys: String, CodingKey {
        case id, file, source, method
        case dataSize = "data_size"
        case plottedAt = "plotted_at"
    }
}
