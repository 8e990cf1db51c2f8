/// §4 results: the run audit, the checkpoint series of the dynamics run, the
/// last-checkpoint ablation points and the data warnings.
public struct TrainingSectionResult: Codable, Equatable, Sendable {
    public var words: Int
    public var dynamicsRun: String
    public var runs: [TrainingRunResult]
    public var series: [TrainingSeriesPoint]
    public var ablationPoints: [AblationPoint]
    public var warnings: [TrainingWarning]
    public var tokenDynamics: TokenDynamicsResult
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
    public var code: String
    public var file: String?
    public var files: [String]?
    public var rowsRead: Int?
    public var rowsDistinct: Int?

    public init(code: String, file: String?, files: [String]?, rowsRead: Int?, rowsDistinct: Int?) {
        self.code = code; self.file = file; self.files = files; self.rowsRead = rowsRead; self.rowsDistinct = rowsDistinct
    }
}

