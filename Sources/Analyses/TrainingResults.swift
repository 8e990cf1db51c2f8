// Result types of §4 (Fig. 4, A5). Methods: Docs/Methods.md#training-dynamics.

/// §4 results: the run audit, the checkpoint series of the dynamics run, the
/// last-checkpoint ablation points and the data warnings.
public struct TrainingSectionResult: Codable, Equatable, Sendable {
    public var words: Int
    public var dynamicsRun: String
    public var runs: [TrainingRunResult]
    public var series: [TrainingSeriesPoint]
    public var ablationPoints: [AblationPoint]
    public var warnings: [TrainingWarning]
    public var tokenDynamics: TokenDynamicsStatus
}

public struct TrainingRunResult: Codable, Equatable, Sendable {
    public var id: String
    public var file: String
    public var dataSize: Double
    public var plottedAt: Double
    public var source: String
    public var method: String
    public var rowsRead: Int
    public var rowsDistinct: Int
    /// The distinct `model_id`s the file holds.
    public var modelIds: [String]
    /// The data size (thousands of pairs) the model ids name, when they name one.
    public var dataSizeInModelIds: Double?
    /// False when the file holds another run than the manifest says (its
    /// model ids name another data size): no ablation point is drawn for it.
    public var plotted: Bool
    /// Where the data size comes from when the study's text and script differ.
    public var note: String?
}

public struct TrainingSeriesPoint: Codable, Equatable, Sendable {
    public var run: String
    public var model: String
    public var family: String
    public var category: String
    public var checkpoint: Int
    public var medianRank: Double
}

/// One trained RM's median rank at its last checkpoint (Fig. 4b / A5b).
public struct AblationPoint: Codable, Equatable, Sendable {
    public var run: String
    public var dataSize: Double
    public var plottedAt: Double
    public var source: String
    public var method: String
    public var model: String
    public var family: String
    public var category: String
    public var checkpoint: Int
    public var medianRank: Double
    /// Runs whose input file is byte-identical to this one's (same data).
    public var sameDataAs: [String]
}

public struct TrainingWarning: Codable, Equatable, Sendable {
    /// What is wrong with the training files; the raw value is the code `results.json` shows.
    public enum Code: String, Codable, CaseIterable, Sendable {
        /// A file repeats rows (dropped before any median).
        case duplicateRows = "duplicate-rows"
        /// Two runs' files are byte-identical.
        case identicalInputs = "identical-inputs"
        /// The file's model ids name another data size than the manifest lists.
        case modelIdsNameOtherSize = "model-ids-name-other-size"
    }

    public var code: Code
    public var file: String?
    public var files: [String]?
    public var rowsRead: Int?
    public var rowsDistinct: Int?
    /// `model-ids-name-other-size`: the file's model ids, the size the manifest
    /// lists for it and the size its ids name.
    public var modelIds: [String]? = nil
    public var listedSize: Double? = nil
    public var namedSize: Double? = nil

    public init(code: Code, file: String?, files: [String]?, rowsRead: Int?, rowsDistinct: Int?,
                modelIds: [String]? = nil, listedSize: Double? = nil, namedSize: Double? = nil) {
        self.code = code; self.file = file; self.files = files; self.rowsRead = rowsRead; self.rowsDistinct = rowsDistinct
        self.modelIds = modelIds; self.listedSize = listedSize; self.namedSize = namedSize
    }
}

/// Token-level dynamics (Fig. 5, A6, App. G). The public data lacks the
/// per-token checkpoint scores, so without `--checkpoints` the status says
/// "missing" and lists what to supply, instead of showing invented numbers.
public struct TokenDynamicsStatus: Codable, Equatable, Sendable {
    /// `ok` (every table), `partial` (some), `missing` (none).
    public var status: InputStatus
    /// Every table the manifest names (file name without extension).
    public var needs: [String]
    public var missing: [String] = []
    /// The `--checkpoints` folder as shown to the reader; nil when none was given.
    public var folder: String? = nil
    /// The tables came from `backbone generate-checkpoints`: not model outputs.
    public var simulated: Bool = false
    public var families: [FamilyTokenDynamics] = []
}
