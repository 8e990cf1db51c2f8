// Result types of §3.2: token tables, Fig. 3, measure comparison, App. F simulation.
// Methods: Docs/Methods.md#token-tables, #freedom-love, #measure-comparison, #recovery-simulation.

/// §3.2 (Table 1/A2/A3, Fig. 3, App. F) in `results.json` as `implicit_rewards`.
public struct ImplicitRewardSection: Codable, Equatable, Sendable {
    /// `ok` (every comparison ran), `partial` (some did), `missing` (none could).
    public var status: InputStatus
    /// Log-prob files this section needs that were not found.
    public var missing: [String]
    public var prompt: String
    /// The measure of the tables and of Fig. 3 (the paper's MWLR).
    public var measure: ImplicitRewardMeasure
    public var tables: [TokenTableResult]
    /// Fig. 3, rows in display order (Llama version, Llama size, Gemma size).
    public var freedomLove: [FreedomLoveRow]
    /// Every measure on each table's pair: where "Freedom" and "Love" land.
    public var measureComparison: [MeasureComparisonRow]
    /// App. F as a simulation on a real table; nil when its table is missing.
    public var simulation: MeasureRecoveryResult?
    /// The tables were generated (`SIMULATED.txt` in their folder): no number here describes a model.
    public var simulated: Bool = false
}

/// Optimal and pessimal tokens of one implicit reward model (A over B).
public struct TokenTableResult: Codable, Equatable, Sendable {
    public var title: String
    public var modelA: String
    public var modelB: String
    public var displayA: String
    public var displayB: String
    public var prompt: String
    public var measure: ImplicitRewardMeasure
    public var commonTokens: Int
    /// Ranks 1…top.
    public var top: [RankedToken]
    /// The last `top` ranks, ascending (the worst token last).
    public var bottom: [RankedToken]

    public init(title: String, modelA: String, modelB: String, displayA: String, displayB: String, prompt: String,
                measure: ImplicitRewardMeasure, commonTokens: Int, top: [RankedToken], bottom: [RankedToken]) {
        self.title = title; self.modelA = modelA; self.modelB = modelB; self.displayA = displayA; self.displayB = displayB
        self.prompt = prompt; self.measure = measure; self.commonTokens = commonTokens; self.top = top; self.bottom = bottom
    }
}

public struct RankedToken: Codable, Equatable, Sendable {
    /// 1 = highest score among the common tokens.
    public var rank: Int
    /// The decoded string exactly as in the data (pages make whitespace visible).
    public var token: String
    public var score: Double

    public init(rank: Int, token: String, score: Double) {
        self.rank = rank; self.token = token; self.score = score
    }
}

/// One Fig. 3 row: mean MWLR of the tokens that read "freedom" / "love"
/// (trimmed of Unicode whitespace as Python's `str.strip()`, lower-cased).
public struct FreedomLoveRow: Codable, Equatable, Sendable {
    public var modelA: String
    public var modelB: String
    /// e.g. `G2-2b → L3.1-70b` (target → source, as the paper labels it).
    public var label: String
    public var freedom: Double
    public var love: Double
    public var freedomTokens: Int
    public var loveTokens: Int
    public var commonTokens: Int
}

public struct MeasureComparisonRow: Codable, Equatable, Sendable {
    public var title: String
    public var modelA: String
    public var modelB: String
    public var measure: ImplicitRewardMeasure
    public var formula: String
    public var antisymmetric: Bool
    /// Rank of the exact token "Freedom" / "Love" (nil if not a common token).
    public var freedomRank: Int?
    public var loveRank: Int?
    public var topToken: String
    public var bottomToken: String
    public var commonTokens: Int
}
