import Stats

/// R4 of the robustness layer: each headline quantity under every
/// specification, side by side — the paper's choice next to the alternatives.
/// Headline quantities: every three-way family term, and every panel's family
/// difference (Fig. 1).
public enum SpecificationTable {
    public static func rows(_ r: DictionaryRankResult, _ robust: DictionaryRobustness) -> [SpecificationRow] {
        var rows: [SpecificationRow] = []
        let threeWay = r.mixedModel.fixedEffects.filter { $0.term.hasPrefix("family") && $0.term.split(separator: ":").count == 3 }
        for paper in threeWay {
            let quantity = paper.term
            rows.append(tRow(quantity, kind: .term, .paperModel, estimate: paper.estimate,
                             t: paper.t, df: paper.df, p: paper.p))
            if let maximal = robust.randomSlopes?.fixedEffects.first(where: { $0.term == quantity }) {
                rows.append(tRow(quantity, kind: .term, .maximalModel, estimate: maximal.estimate,
                                 t: maximal.t, df: maximal.df, p: maximal.p))
            }
            if let rm = robust.rmLevel.terms.first(where: { $0.term == quantity }) {
                rows.append(tRow(quantity, kind: .term, .rmLevelStudent, estimate: rm.estimate, t: rm.tStudent, df: rm.dfStudent, p: rm.pStudent))
                rows.append(tRow(quantity, kind: .term, .rmLevelWelch, estimate: rm.estimate, t: rm.tWelch, df: rm.dfWelch, p: rm.pWelch))
                rows.append(SpecificationRow(quantity: quantity, kind: .term, specification: .rmLevelPermutation,
                                             estimate: rm.estimate, ciLow: nil, ciHigh: nil, statistic: nil, df: nil,
                                             p: rm.pPermutation, pAdjusted: rm.pPermutation, correction: "none",
                                             significant: rm.pPermutation < 0.05))
            }
        }
        let correction = "Bonferroni over \(r.panels.count) panels"
        for panel in r.panels {
            let quantity = "\(panel.framing.rawValue) \(panel.category)" + (r.families.count > 2 ? " \(panel.family)" : "")
            let difference = panel.meanFamily - panel.meanReference
            rows.append(tRow(quantity, kind: .panel, .rmPromptWelch, estimate: difference,
                             t: panel.welch.t, df: panel.welch.df, p: panel.welch.p, adjusted: panel.welch.pAdjusted, correction: correction))
            rows.append(SpecificationRow(quantity: quantity, kind: .panel, specification: .rmPromptPermutation,
                                         estimate: difference, ciLow: nil, ciHigh: nil, statistic: nil, df: nil,
                                         p: panel.permutation.p, pAdjusted: panel.permutation.pAdjusted, correction: correction,
                                         significant: panel.permutation.pAdjusted < 0.05))
            if let rm = robust.rmLevel.panels.first(where: { $0.framing == panel.framing && $0.category == panel.category && $0.family == panel.family }) {
                rows.append(tRow(quantity, kind: .panel, .rmLevelWelch, estimate: rm.difference, t: rm.welch.t, df: rm.welch.df,
                                 p: rm.welch.p, adjusted: rm.welch.pAdjusted, correction: correction))
                rows.append(SpecificationRow(quantity: quantity, kind: .panel, specification: .rmLevelPermutation,
                                             estimate: rm.difference, ciLow: nil, ciHigh: nil, statistic: nil, df: nil,
                                             p: rm.permutation.p, pAdjusted: rm.permutation.pAdjusted, correction: correction,
                                             significant: rm.permutation.pAdjusted < 0.05))
            }
        }
        return rows
    }

    /// A t-based row: 95% CI = estimate ± t₀.₉₇₅(df) · SE with SE = estimate / t.
    static func tRow(_ quantity: String, kind: QuantityKind, _ specification: Specification, estimate: Double, t: Double, df: Double,
                     p: Double, adjusted: Double? = nil, correction: String = "none") -> SpecificationRow {
        let halfWidth = StudentT.twoSidedCritical(0.05, df: df) * abs(estimate / t)
        let pAdjusted = adjusted ?? p
        return SpecificationRow(quantity: quantity, kind: kind, specification: specification, estimate: estimate,
                                ciLow: estimate - halfWidth, ciHigh: estimate + halfWidth, statistic: t, df: df,
                                p: p, pAdjusted: pAdjusted, correction: correction, significant: pAdjusted < 0.05)
    }
}

/// What a headline quantity is: a fixed-effect term of the paper's model, or
/// one panel's family difference (Fig. 1).
public enum QuantityKind: String, Codable, CaseIterable, Sendable {
    case term
    case panel
}

/// One way of testing a headline quantity; the raw value is the row's label
/// on the Robustness page and in `results.json`.
public enum Specification: String, Codable, CaseIterable, Sendable {
    case paperModel = "Random-intercept LMM (paper)"
    case maximalModel = "Maximal LMM (random slopes)"
    case rmLevelStudent = "RM-level Student t"
    case rmLevelWelch = "RM-level Welch t"
    case rmLevelPermutation = "RM-level exact permutation"
    case rmPromptWelch = "RM × prompt Welch (study's figure)"
    case rmPromptPermutation = "RM × prompt permutation (paper's text)"
}

/// One quantity under one specification.
public struct SpecificationRow: Codable, Equatable, Sendable {
    /// The model term, or "<framing> <category>" for a panel.
    public var quantity: String
    public var kind: QuantityKind
    public var specification: Specification
    public var estimate: Double
    /// 95% confidence interval; nil where the test gives none (permutation).
    public var ciLow: Double?
    public var ciHigh: Double?
    /// t statistic; nil for permutation tests (their statistic is the estimate itself).
    public var statistic: Double?
    public var df: Double?
    public var p: Double
    /// After the specification's own correction (`correction`); equal to p without one.
    public var pAdjusted: Double
    public var correction: String
    /// pAdjusted < .05.
    public var significant: Bool
}

/// How one headline quantity fares across its specifications: what the
/// overview paragraph states.
public struct HeadlineRobustness: Codable, Equatable, Sendable {
    public var quantity: String
    public var kind: QuantityKind
    public var estimate: Double
    /// The first specification (the paper's model for terms; the study's figure test for panels).
    public var paperSpecification: Specification
    public var paperP: Double
    public var paperSignificant: Bool
    public var specifications: Int
    public var significantSpecifications: Int
    /// The largest corrected p over the specifications.
    public var largestP: Double

    /// Groups the rows by quantity, in table order.
    public static func summarise(_ rows: [SpecificationRow]) -> [HeadlineRobustness] {
        var order: [String] = []
        var groups: [String: [SpecificationRow]] = [:]
        for row in rows {
            if groups[row.quantity] == nil { order.append(row.quantity) }
            groups[row.quantity, default: []].append(row)
        }
        return order.map { q in
            let g = groups[q]!
            return HeadlineRobustness(quantity: q, kind: g[0].kind, estimate: g[0].estimate,
                                      paperSpecification: g[0].specification, paperP: g[0].pAdjusted,
                                      paperSignificant: g[0].significant, specifications: g.count,
                                      significantSpecifications: g.filter(\.significant).count,
                                      largestP: g.map(\.pAdjusted).max() ?? .nan)
        }
    }
}
