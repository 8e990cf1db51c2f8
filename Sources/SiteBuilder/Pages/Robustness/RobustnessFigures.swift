import Analyses
import SVGCharts

/// The Robustness page's figures, drawn from `DictionaryRobustness` values.
enum RobustnessFigures {
    static let specificationReadingRule = "Each row is one analysis of the same quantity: the random-intercept model of the paper and the RM × prompt tests of Fig. 1 treat every RM × prompt row as a unit; the maximal model and the RM-level tests treat the reward model, which carries the family label, as the unit. Point: estimate; line: 95% CI (t-based; none for permutation tests); filled: p < .05 after the specification's own correction (Bonferroni over the panels for panel tests); p printed at the right (corrected)."

    /// `contrast`: what the estimates measure, e.g. "Llama − Gemma" (`RobustnessPage.familyContrast`).
    static func specificationPlot(_ d: DictionaryRobustness, name: String, contrast: String, id: String) -> SpecificationPlot {
        var groups: [SpecificationGroup] = []
        var order: [String] = []
        var rowsBy: [String: [SpecificationRow]] = [:]
        for s in d.specifications {
            if rowsBy[s.quantity] == nil { order.append(s.quantity) }
            rowsBy[s.quantity, default: []].append(s)
        }
        for q in order {
            let rows = rowsBy[q]!
            groups.append(SpecificationGroup(
                heading: rows[0].kind == .term ? q : "Panel: \(q)", reference: 0,
                rows: rows.map { SpecificationPlotRow(label: $0.specification.rawValue, estimate: $0.estimate, low: $0.ciLow, high: $0.ciHigh,
                                                      filled: $0.significant, note: "p = " + NumberText.pValue($0.pAdjusted)) }))
        }
        let held = d.headlines.filter { $0.significantSpecifications == $0.specifications }.count
        return SpecificationPlot(
            id: id, title: "\(name): headline quantities under each specification",
            description: "\(d.headlines.count) quantities, \(d.specifications.count) rows; \(held) of the quantities are significant under every specification, \(d.headlines.filter { $0.paperSignificant }.count) under the first (paper's) specification.",
            xAxisTitle: "\(contrast), in median-rank units (rank 1 = best)", groups: groups)
    }

    static func threeWayTerms(_ d: DictionaryRobustness) -> [String] {
        d.leaveOneOut.first?.fixedEffects.map(\.term).filter { $0.hasPrefix("family") && $0.split(separator: ":").count == 3 } ?? []
    }

    static func leaveOneOutPlot(_ d: DictionaryRobustness, name: String, id: String) -> SpecificationPlot {
        var groups: [SpecificationGroup] = []
        let full = d.specifications.filter { $0.specification == .paperModel }
        for term in threeWayTerms(d) {
            var rows: [SpecificationPlotRow] = []
            for fit in d.leaveOneOut where fit.unit == .rm {
                guard let e = fit.fixedEffects.first(where: { $0.term == term }),
                      let ci = fit.confidenceIntervals.first(where: { $0.term == term }) else { continue }
                rows.append(SpecificationPlotRow(label: "without \(fit.leftOut)", estimate: e.estimate, low: ci.low, high: ci.high,
                                                 filled: e.p < 0.05, note: "p = " + NumberText.pValue(e.p)))
            }
            let prompts = d.leaveOneOut.filter { $0.unit == .prompt }.compactMap { $0.fixedEffects.first { $0.term == term } }
            let reference = full.first { $0.quantity == term }
            if let lo = prompts.map(\.estimate).min(), let hi = prompts.map(\.estimate).max(), let maxP = prompts.map(\.p).max(), let reference {
                rows.append(SpecificationPlotRow(label: "without one prompt (range of \(prompts.count))", estimate: reference.estimate, low: lo, high: hi,
                                                 filled: maxP < 0.05, note: "largest p = " + NumberText.pValue(maxP)))
            }
            groups.append(SpecificationGroup(heading: term, reference: reference?.estimate, rows: rows))
        }
        return SpecificationPlot(
            id: id, title: "\(name): three-way terms without one RM or one prompt",
            description: "\(groups.count) three-way terms, each refitted \(d.leaveOneOut.count) times; " + groups.map { g in
                let e = g.rows.dropLast().map(\.estimate)
                return "\(g.heading): estimates without one RM from \(NumberText.fixed(e.min() ?? .nan, decimals: 2)) to \(NumberText.fixed(e.max() ?? .nan, decimals: 2))"
            }.joined(separator: "; ") + ".",
            xAxisTitle: "Estimate (median rank)", groups: groups)
    }

    static func leaveOneOutData(_ d: DictionaryRobustness, key: String) -> ReportTable {
        let terms = Set(threeWayTerms(d))
        return ReportTable(
            id: "robustness_\(key)_leave_one_out_three_way",
            caption: "Three-way terms without one RM or one prompt.",
            columns: ["Left out", "Unit", "Term", "Estimate", "SE", "df", "t", "p"],
            rows: d.leaveOneOut.flatMap { fit in fit.fixedEffects.filter { terms.contains($0.term) }.map { e in
                [.text(fit.leftOut), .text(fit.unit.rawValue), .text(e.term), .number(e.estimate, decimals: 3), .number(e.standardError, decimals: 3),
                 .number(e.df, decimals: 0), .number(e.t, decimals: 2), .pValue(e.p)]
            } })
    }
}
