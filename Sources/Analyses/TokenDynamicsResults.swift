// Result types of §4 token level (Fig. 5, A6, App. G). Methods: Docs/Methods.md#token-dynamics, #kendall-tau.

/// One family's token-level training dynamics: which Big Two words rise and
/// fall between the first and last checkpoint (Fig. 5 / A6) and how stable
/// the whole ranking is from checkpoint to checkpoint (App. G).
public struct FamilyTokenDynamics: Codable, Equatable, Sendable {
    public var family: String
    public var file: String
    public var steps: [Int]
    /// Rows of the table.
    public var tokensRead: Int
    /// Rows whose normalised token is a dictionary word (the variants averaged).
    public var variantsKept: Int
    public var wordsRanked: Int
    /// Dictionary words with no score at some checkpoint (after averaging variants): not ranked.
    public var wordsDropped: [String]
    /// Dictionary words no token normalises to.
    public var wordsAbsent: Int
    /// Largest rank gains first (change = first − last rank, > 0).
    public var risers: [WordRankChange]
    /// Largest rank losses first (change < 0).
    public var fallers: [WordRankChange]
    public var kendall: [KendallPoint]
    /// Every ranked word's rank at every checkpoint (order of `steps`).
    public var ranks: [WordRanks]
}

public struct WordRankChange: Codable, Equatable, Sendable {
    public var word: String
    public var category: String
    public var firstRank: Double
    public var lastRank: Double
    /// first − last: positive when the word moved towards #1.
    public var change: Double
}

/// Kendall τ-b of one checkpoint's ranking against the final checkpoint's
/// and against the previous checkpoint's (nil at the first checkpoint, or
/// when a ranking is constant).
public struct KendallPoint: Codable, Equatable, Sendable {
    public var step: Int
    public var vsFinal: Double?
    public var vsPrevious: Double?

    enum CodingKeys: String, CodingKey { case step, vsFinal, vsPrevious }

    /// Writes `null` rather than dropping the key, so every point has the same keys.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(step, forKey: .step)
        try c.encode(vsFinal, forKey: .vsFinal)
        try c.encode(vsPrevious, forKey: .vsPrevious)
    }
}

public struct WordRanks: Codable, Equatable, Sendable {
    public var word: String
    public var category: String
    public var ranks: [Double]
}
