// Result types of §2 (Fig. 1, A1). Methods: Docs/Methods.md#median-ranks, #mixed-model, #panel-tests, #cohens-d, #kde.

import Stats
import StudyData

/// Results of the reward-model section (paper §2) for one dictionary. Every
/// number on the reward-models page comes from here, and the same value is
/// written to `results.json` (keys in snake_case, by `JSONTree` in SiteBuilder).
public struct DictionaryRankResult: Codable, Equatable, Sendable {
    public var dictionary: String
    public var dictionaryName: String
    /// MFD2 column rule; nil for dictionaries without variants.
    public var columns: MFDColumns?
    public var answersRanked: Int
    public var answersPerCategory: [CategoryCount]
    /// Answers that some RM scored but the dictionary does not list (not ranked).
    public var answersNotInDictionary: [String]
    public var categories: [String]
    public var families: [String]
    public var medianRanks: [MedianRankRow]
    public var framingSummary: [FramingSummary]
    public var averageRanks: [AverageRankRow]
    public var rmPanelMeans: [RMPanelMean]
    public var familyPanelSummaries: [FamilyPanelSummary]
    public var mixedModel: MixedModelResult
    public var panels: [PanelComparison]
    /// Which test gave the figure's stars.
    public var figureStarsFrom: PanelTest
    /// Kernel density curves for the violins; figure data, not a statistic
    /// anyone diffs, so it is left out of `results.json`.
    public var violins: [ViolinDensity] = []

    enum CodingKeys: String, CodingKey {
        case dictionary, dictionaryName, columns, answersRanked, answersPerCategory, answersNotInDictionary
        case categories, families, medianRanks, framingSummary, averageRanks, rmPanelMeans
        case familyPanelSummaries, mixedModel, panels, figureStarsFrom
    }
}

public struct CategoryCount: Codable, Equatable, Sendable {
    public var category: String
    public var count: Int
}

/// The unit of every statistic in §2: one RM's median rank of one category's
/// answers under one prompt.
public struct MedianRankRow: Codable, Equatable, Sendable {
    public var rm: String
    public var family: String
    public var category: String
    public var prompt: String
    public var framing: Framing
    public var medianRank: Double
}

public struct FramingSummary: Codable, Equatable, Sendable {
    public var framing: Framing
    public var mean: Double
    public var sd: Double
    public var n: Int
}

/// Docs/Methods.md#average-ranks: per framing × category × family, the mean over the family's RMs
/// of each RM's median rank over all its (prompt, answer) ranks in that framing.
public struct AverageRankRow: Codable, Equatable, Sendable {
    public var framing: Framing
    public var category: String
    public var family: String
    public var averageRank: Double
    /// This family minus the reference (first) family; 0 for the reference itself.
    public var differenceFromReference: Double
}

/// One RM's mean median rank in a panel: the translucent points of Fig. 1a.
public struct RMPanelMean: Codable, Equatable, Sendable {
    public var rm: String
    public var family: String
    public var framing: Framing
    public var category: String
    public var mean: Double
    public var se: Double
    public var sd: Double
    public var n: Int
}

/// A family's median ranks in a panel: the diamonds of Fig. 1a (± SE) and A1a (± SD).
public struct FamilyPanelSummary: Codable, Equatable, Sendable {
    public var family: String
    public var framing: Framing
    public var category: String
    public var mean: Double
    public var se: Double
    public var sd: Double
    public var n: Int
}

public struct FixedEffectRow: Codable, Equatable, Sendable {
    public var term: String
    public var estimate: Double
    public var standardError: Double
    public var df: Double
    public var t: Double
    public var p: Double

    /// The fit's row as `results.json` reports it.
    public init(_ effect: FixedEffect) {
        term = effect.term; estimate = effect.estimate; standardError = effect.standardError
        df = effect.df; t = effect.t; p = effect.p
    }

    /// `std_error` is the key R's reference tables and earlier results use.
    enum CodingKeys: String, CodingKey {
        case term, estimate
        case standardError = "std_error"
        case df, t, p
    }
}

public struct MixedModelResult: Codable, Equatable, Sendable {
    public var method: EstimationMethod
    public var formula: String
    public var observations: Int
    public var groups: Int
    public var fixedEffects: [FixedEffectRow]
    public var randomInterceptSD: Double
    public var residualSD: Double
    public var logLikelihood: Double
    public var aic: Double
    public var bic: Double
}

public struct WelchPanelTest: Codable, Equatable, Sendable {
    public var t: Double
    public var df: Double
    public var p: Double
    public var pAdjusted: Double
    public var stars: SignificanceStars
}

public struct PermutationPanelTest: Codable, Equatable, Sendable {
    public var resamples: Int
    public var seed: UInt64
    public var extremeCount: Int
    public var p: Double
    public var pAdjusted: Double
    public var stars: SignificanceStars
    /// No relabelling was as extreme as the data (`extremeCount` 0): `p` is
    /// 1/(R+1), the smallest value R relabellings can give, so both `p` and
    /// `p_adjusted` are upper bounds, not estimates.
    public var atFloor: Bool
}

/// One panel (category × framing): a family against the reference family on
/// median rank. `t` and `cohens_d` are family − reference (Llama − Gemma).
public struct PanelComparison: Codable, Equatable, Sendable {
    public var category: String
    public var framing: Framing
    public var referenceFamily: String
    public var family: String
    public var nReference: Int
    public var nFamily: Int
    public var meanReference: Double
    public var meanFamily: Double
    public var welch: WelchPanelTest
    public var permutation: PermutationPanelTest
    public var cohensD: Double
    public var cohensDPooled: Double
    /// Stars shown in the figure (from the test chosen by `--panel-test`).
    public var stars: SignificanceStars
    public var bonferroniPanels: Int
}

/// A Gaussian kernel density of one family's median ranks in one panel.
public struct ViolinDensity: Codable, Equatable, Sendable {
    public var family: String
    public var framing: Framing
    public var category: String
    public var bandwidth: Double
    public var grid: [Double]
    public var density: [Double]
}
