import StudyData

/// §3 claims, judged only when the log-prob tables were given.
enum LogprobClaims {
    typealias Verdict = ClaimsEvaluation.Verdict
    static let needsTables = "needs the study's log-prob tables (Hugging Face dataset Oxford-HIPlab/iclr2026-lm-logprobs; backbone build --logprobs DIR)"

    static func judge(_ c: ClaimCheck, _ r: StudyResults) -> Verdict {
        switch c.kind {
        case .anovaInteraction:
            guard let section = r.logprobRanks, !section.simulated,
                  let pair = section.pairs.first(where: { $0.label == c.pair }),
                  let term = pair.anova.filter({ $0.term != "Residual" }).max(by: { $0.term.split(separator: ":").count < $1.term.split(separator: ":").count })
            else { return ClaimsEvaluation.missing(needsTables) }
            let key = ResultKey.join("logprob_ranks", "pairs") + "/" + ResultKey.item([("model_a", pair.modelA), ("model_b", pair.modelB)])
                + "/anova/" + ResultKey.item([("term", term.term)]) + "/p"
            return ClaimsEvaluation.verdict(term.p < 0.05, "\(pair.label): \(term.term) F = \(fixed(term.f, 2)), p = \(pText(term.p))", [key])
        default:
            guard let section = r.implicitRewards, !section.simulated, !section.freedomLove.isEmpty else {
                return ClaimsEvaluation.missing(needsTables)
            }
            let rows = section.freedomLove
            let above = rows.filter { $0.freedom > $0.love }.count
            let complete = c.equals.map { rows.count == $0 } ?? true
            return ClaimsEvaluation.verdict(above == rows.count && complete, "freedom above love in \(above) of \(rows.count) pairs",
                                            [ResultKey.join("implicit_rewards", "freedom_love")])
        }
    }
}
