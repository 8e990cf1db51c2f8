// Result types of §3.1 (Fig. 2). Methods: Docs/Methods.md#logprob-ranks, #type-ii-anova, #benjamini-hochberg.

import Stats
import StudyData

/// §3.1 (Fig. 2) in `results.json` as `logprob_ranks`: status of the inputs
/// and one entry per pair whose two tables were available.
public struct LogprobRankSection: Codable, Equatable, Sendable {
    /// `ok` (every pair ran), `partial` (some did), `missing` (none could).
    public var status: InputStatus
    /// Log-prob files this section needs that were not found.
    public var missing: [String]
    public var pairs: [LogprobRankPairResult]
    /// The tables were generated (`SIMULATED.txt` in their folder): no number here describes a model.
    public var simulated: Bool = false
}

/// One Fig. 2 row: model A (left halves) against model B on the median rank
/// of the dictionary's nouns.
public struct LogprobRankPairResult: Codable, Equatable, Sendable {
    public var label: String
    public var modelA: String
    public var modelB: String
    public var displayA: String
    public var displayB: String
    /// Nouns found in both models' `token_decoded` (exact string match).
    public var nouns: Int
    public var nounsPerCategory: [CategoryCount]
    /// Nouns that several token ids decode to in model A / B; the report keeps
    /// the highest log-prob per string (the study's script kept every row).
    public var duplicatedNounsA: Int
    public var duplicatedNounsB: Int
    public var categories: [String]
    public var medianRanks: [LogprobMedianRankRow]
    public var anova: [AnovaRow]
    public var cells: [LogprobCellTest]
    /// Densities of the split violins; figure data, left out of `results.json`.
    public var violins: [LogprobViolin] = []

    enum CodingKeys: String, CodingKey {
        case label, modelA, modelB, displayA, displayB, nouns, nounsPerCategory, duplicatedNounsA, duplicatedNounsB
        case categories, medianRanks, anova, cells
    }
}

/// Median rank of one category's nouns under one prompt for one model.
/// The prompt's framing is §3's "valence" factor, the name `results.json` keeps.
public struct LogprobMedianRankRow: Codable, Equatable, Sendable {
    public var prompt: String
    public var framing: Framing
    public var category: String
    public var model: String
    public var medianRank: Double

    enum CodingKeys: String, CodingKey {
        case prompt
        case framing = "valence"
        case category, model, medianRank
    }
}

/// A row of the `rank ~ category * valence * model` Type II ANOVA. The key
/// `F` keeps statsmodels' capital letter in `results.json`.
public struct AnovaRow: Codable, Equatable, Sendable {
    public var term: String
    public var sumSq: Double
    public var df: Double
    public var f: Double
    public var p: Double

    public init(term: String, sumSq: Double, df: Double, f: Double, p: Double) {
        self.term = term; self.sumSq = sumSq; self.df = df; self.f = f; self.p = p
    }

    enum CodingKeys: String, CodingKey {
        case term
        case sumSq = "sum_sq"
        case df
        case f = "F"
        case p
    }
}

/// Welch test of model A against model B inside one category × valence cell;
/// `t` is mean(A) − mean(B) over its standard error, `p_fdr` Benjamini–Hochberg over the cells.
public struct LogprobCellTest: Codable, Equatable, Sendable {
    public var category: String
    public var framing: Framing
    public var meanA: Double
    public var meanB: Double
    public var t: Double
    public var df: Double
    public var p: Double
    public var pFdr: Double
    public var stars: SignificanceStars

    enum CodingKeys: String, CodingKey {
        case category
        case framing = "valence"
        case meanA, meanB, t, df, p, pFdr, stars
    }
}

public struct LogprobViolin: Codable, Equatable, Sendable {
    public var model: String
    public var framing: Framing
    public var category: String
    public var grid: [Double]
    public var density: [Double]
}
