import Stats
import StudyData

/// The robustness layer in `results.json` as `robustness`: does each headline
/// inference of §2 and §3.2 survive other defensible analyses? Keys:
/// `big2`, `mfd2` (virtue rule), `mfd2_script` (script rule), always all
/// three when the dictionaries are in the manifest.
public struct RobustnessSection: Codable, Equatable, Sendable {
    /// One entry per dictionary and MFD2 column rule, in manifest order.
    public var dictionaries: [DictionaryRobustness]
    /// Fig. 3 under every prompt, as `freedom_vs_love`; nil when the manifest has no log-prob section.
    public var freedomVsLove: FreedomVsLoveSection? = nil

    public init(dictionaries: [DictionaryRobustness], freedomVsLove: FreedomVsLoveSection? = nil) {
        self.dictionaries = dictionaries
        self.freedomVsLove = freedomVsLove
    }

    static let freedomVsLoveKey = "freedom_vs_love"

    /// `big2`, `mfd2` for the virtue rule, `mfd2_script` for the script rule.
    public static func key(dictionary: String, columns: MFDColumns?) -> String {
        columns == .script ? dictionary + "_script" : dictionary
    }

    public func result(for key: String) -> DictionaryRobustness? {
        dictionaries.first { Self.key(dictionary: $0.dictionary, columns: $0.columns) == key }
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        for r in dictionaries { try c.encode(r, forKey: Key(stringValue: Self.key(dictionary: r.dictionary, columns: r.columns))) }
        if let freedomVsLove { try c.encode(freedomVsLove, forKey: Key(stringValue: Self.freedomVsLoveKey)) }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        var list: [DictionaryRobustness] = []
        for key in c.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) where key.stringValue != Self.freedomVsLoveKey {
            list.append(try c.decode(DictionaryRobustness.self, forKey: key))
        }
        self.init(dictionaries: list,
                  freedomVsLove: try c.decodeIfPresent(FreedomVsLoveSection.self, forKey: Key(stringValue: Self.freedomVsLoveKey)))
    }
}

/// Every robustness analysis of one dictionary under one column rule.
public struct DictionaryRobustness: Codable, Equatable, Sendable {
    public var dictionary: String
    /// The MFD2 column rule; nil for other dictionaries.
    public var columns: MFDColumns?
    public var rmLevel: RMLevelResult
    /// The paper's model refitted without each RM, then without each prompt.
    public var leaveOneOut: [LeaveOneOutFit]
    /// The maximal model; nil when the RMs cannot support its covariance.
    public var randomSlopes: RandomSlopesResult?
    /// R4: every headline quantity under every specification.
    public var specifications: [SpecificationRow] = []
    /// R4 summarised per quantity.
    public var headlines: [HeadlineRobustness] = []
}

/// R1: the reward model as the unit of analysis.
public struct RMLevelResult: Codable, Equatable, Sendable {
    public var nRms: Int
    /// Assignments of the family labels (the largest over the family comparisons).
    public var assignments: Double
    /// true when every permutation p was computed by full enumeration.
    public var exact: Bool
    /// Monte Carlo draws per test when not exact (0 when exact).
    public var resamples: Int
    public var terms: [RMLevelTerm]
    public var panels: [RMLevelPanel]
    /// m(rm, category, framing): mean median rank over the RM's prompts of that framing.
    public var cellMeans: [RMCellMean]
}

public struct RMCellMean: Codable, Equatable, Sendable {
    public var rm: String
    public var family: String
    public var category: String
    public var framing: Framing
    public var mean: Double
}

/// A fixed-effect term of the paper's model as a per-RM contrast compared between families.
public struct RMLevelTerm: Codable, Equatable, Sendable {
    public var term: String
    /// Mean contrast of the term's family minus that of the reference family.
    public var estimate: Double
    public var tStudent: Double
    public var dfStudent: Double
    public var pStudent: Double
    public var tWelch: Double
    public var dfWelch: Double
    public var pWelch: Double
    public var pPermutation: Double
    /// The contrast of every RM of the two families compared.
    public var perRm: [RMValue]
}

public struct RMValue: Codable, Equatable, Sendable {
    public var rm: String
    public var family: String
    public var value: Double
}

/// A Fig. 1 panel with the RM as the unit: the family difference of RM cell means.
public struct RMLevelPanel: Codable, Equatable, Sendable {
    public var category: String
    public var framing: Framing
    /// The family compared with the reference family.
    public var family: String
    public var difference: Double
    public var welch: RMLevelWelch
    public var permutation: RMLevelPermutation
    /// From the test `--panel-test` names, Bonferroni-adjusted, as in §2.
    public var stars: SignificanceStars
}

public struct RMLevelWelch: Codable, Equatable, Sendable {
    public var t: Double
    public var df: Double
    public var p: Double
    public var pAdjusted: Double
}

public struct RMLevelPermutation: Codable, Equatable, Sendable {
    public var p: Double
    public var pAdjusted: Double
}
