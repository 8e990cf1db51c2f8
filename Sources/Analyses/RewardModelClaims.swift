import Foundation
import StudyData

/// §2 claims: the mixed model's interaction, one panel's direction and
/// significance, and the size of Cohen's d.
enum RewardModelClaims {
    typealias Verdict = ClaimsEvaluation.Verdict

    /// `headline`: the manifest's first dictionary, for a claim that names none.
    static func judge(_ c: ClaimCheck, _ r: StudyResults, headline: String?) -> Verdict {
        guard let id = c.dictionary ?? headline else { return ClaimsEvaluation.missing("the manifest has no dictionary") }
        guard let d = r.rewardModels.result(for: id) else { return ClaimsEvaluation.missing("no \(id) results in this build") }
        let base = ResultKey.join("reward_models", id)
        switch c.kind {
        case .interaction:
            guard let term = d.mixedModel.fixedEffects.max(by: { $0.term.split(separator: ":").count < $1.term.split(separator: ":").count }) else {
                return ClaimsEvaluation.missing("the mixed model has no terms")
            }
            let key = base + "/mixed_model/fixed_effects/" + ResultKey.item([("term", term.term)]) + "/p"
            return ClaimsEvaluation.verdict(term.p < 0.05, "\(term.term): t(\(fixed(term.df, 0))) = \(fixed(term.t, 2)), p = \(pText(term.p))", [key])
        case .panel:
            guard let p = d.panels.first(where: { $0.framing.rawValue == c.framing && $0.category == c.category }) else {
                return ClaimsEvaluation.missing("no \(c.framing ?? "?") \(c.category ?? "?") panel in the \(id) results")
            }
            let key = base + "/panels/" + ResultKey.item([("family", p.family), ("category", p.category), ("framing", p.framing.rawValue)])
            let higher = p.meanFamily < p.meanReference ? p.family : p.referenceFamily
            let significant = p.stars.isSignificant
            var holds = c.significant.map { $0 == significant } ?? true
            if let expected = c.higher, significant || c.significant != false { holds = holds && expected == higher }
            let test = d.figureStarsFrom == .welch ? p.welch.pAdjusted : p.permutation.pAdjusted
            let bound = d.figureStarsFrom != .welch && p.permutation.atFloor ? "≤ " : "= "
            let worst = p.framing == .negative ? " as the worst thing" : ""
            let note = "\(higher) ranks higher\(worst) (\(p.family) \(fixed(p.meanFamily, 1)) vs \(p.referenceFamily) \(fixed(p.meanReference, 1))), "
                + "\(d.figureStarsFrom.rawValue) p (Bonferroni) \(bound)\(pText(test)) \(p.stars.rawValue)"
            return ClaimsEvaluation.verdict(holds, note, [key + "/mean_family", key + "/mean_reference", key + "/stars"])
        default:
            let panels = d.panels.filter { $0.framing.rawValue == c.framing }
            let sizes = panels.map { (abs($0.cohensD) * 100).rounded() / 100 }
            let holds = !sizes.isEmpty && sizes.allSatisfy { $0 >= (c.min ?? -.infinity) && $0 <= (c.max ?? .infinity) }
            let note = "|d| = " + panels.map { "\(fixed(abs($0.cohensD), 3)) (\($0.category))" }.joined(separator: ", ")
            return ClaimsEvaluation.verdict(holds, note, panels.map {
                base + "/panels/" + ResultKey.item([("family", $0.family), ("category", $0.category), ("framing", $0.framing.rawValue)]) + "/cohens_d"
            })
        }
    }
}

func fixed(_ x: Double, _ decimals: Int) -> String {
    let s = String(format: "%.\(decimals)f", x)
    return s.hasPrefix("-") && Double(s) == 0 ? String(s.dropFirst()) : s
}

func pText(_ p: Double) -> String {
    if p == 0 { return "< 1e-300" }
    return p >= 0.0001 ? String(format: "%.4f", p) : String(format: "%.2e", p)
}
