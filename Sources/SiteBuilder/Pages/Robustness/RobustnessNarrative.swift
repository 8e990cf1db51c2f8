import Analyses

/// The overview's one neutral paragraph on robustness, generated from the
/// values it states: which headline inferences are significant under every
/// specification and which are not, with the numbers; and, when log-prob
/// tables were given, in how many Fig. 3 pairs Freedom stays above Love
/// under every positive prompt.
enum RobustnessNarrative {
    static func label(_ key: String, _ h: HeadlineRobustness, names: DictionaryNames) -> String {
        let name = names.robustnessTitle(key)
        return h.kind == .term ? "\(name) \(h.quantity)" : "\(name) panel \(h.quantity)"
    }

    static func count(_ n: Int, _ singular: String, _ plural: String) -> String { "\(n) \(n == 1 ? singular : plural)" }

    static func overview(_ section: RobustnessSection, names: DictionaryNames, figure3: Figure3Names) -> String {
        var all: [(key: String, h: HeadlineRobustness)] = []
        for d in section.dictionaries {
            let key = RobustnessSection.key(dictionary: d.dictionary, columns: d.columns)
            all += d.headlines.map { (key, $0) }
        }
        let significant = all.filter { $0.h.paperSignificant }
        let holds = significant.filter { $0.h.significantSpecifications == $0.h.specifications }
        let fails = significant.filter { $0.h.significantSpecifications < $0.h.specifications }
        let terms = all.filter { $0.h.kind == .term }, panels = all.filter { $0.h.kind == .panel }
        var text = "Robustness: \(significant.count) of \(all.count) headline quantities (\(count(terms.count, "three-way family term", "three-way family terms")) and \(count(panels.count, "Fig. 1 panel difference", "Fig. 1 panel differences")), \(names.robustnessScope)) are significant (p < .05) in the specification the study used. "
        if holds.isEmpty {
            text += "None of them stays significant under every alternative specification. "
        } else {
            text += "\(holds.count == 1 ? "One stays" : "\(holds.count) stay") significant under every alternative specification: "
                + holds.map { "\(label($0.key, $0.h, names: names)) (largest p = \(NumberText.pValue($0.h.largestP)))" }.joined(separator: "; ") + ". "
        }
        if !fails.isEmpty {
            let failedTerms = fails.filter { $0.h.kind == .term }.count, failedPanels = fails.filter { $0.h.kind == .panel }.count
            let largest = fails.map(\.h.largestP)
            text += "The other \(fails.count) (\(failedTerms) of \(significant.filter { $0.h.kind == .term }.count) significant three-way terms, \(failedPanels) of \(significant.filter { $0.h.kind == .panel }.count) significant panel differences) are not significant under at least one specification that takes the reward model as the unit (their largest p from \(NumberText.pValue(largest.min()!)) to \(NumberText.pValue(largest.max()!))). "
        }
        if let first = names.ordered.first, let headline = section.result(for: first.id),
           let threeWay = headline.headlines.first(where: { $0.kind == .term }) {
            let rows = headline.specifications.filter { $0.quantity == threeWay.quantity }
            text += "For example, the \(first.name) three-way term (estimate \(NumberText.fixed(threeWay.estimate, decimals: 2))) has "
                + rows.map { "p = \(NumberText.pValue($0.pAdjusted)) (\($0.specification.rawValue))" }.joined(separator: ", ") + "."
        }
        if let r5 = section.freedomVsLove, !r5.pairs.isEmpty, r5.positivePrompts > 0 {
            text += " Figure 3 under every prompt\(r5.simulated ? " (SIMULATED log-prob tables)" : ""): the mean MWLR of Freedom is above that of Love under all \(r5.positivePrompts) positive prompts in \(r5.pairsFreedomAboveLoveUnderEveryPositivePrompt) of \(r5.pairs.count) \(figure3.sourceFamily) × \(figure3.targetFamily) pairs."
        }
        return text
    }
}
