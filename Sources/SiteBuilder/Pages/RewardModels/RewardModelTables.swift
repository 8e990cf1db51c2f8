import Analyses

/// The tables of the reward-models and methods pages, built from result
/// values only.
enum RewardModelTables {
    static func fixedEffects(_ r: DictionaryRankResult, id: String) -> ReportTable {
        ReportTable(
            id: id,
            caption: "Linear mixed model (REML), \(r.mixedModel.formula); \(r.mixedModel.observations) observations, \(r.mixedModel.groups) reward models. Reference levels: \(r.families[0]), \(r.categories[0]), positive framing.",
            columns: ["Term", "Estimate", "SE", "DF", "t", "p"],
            rows: r.mixedModel.fixedEffects.map {
                [.text($0.term), .number($0.estimate, decimals: 3), .number($0.standardError, decimals: 3),
                 .number($0.df, decimals: 0), .number($0.t, decimals: 3), .pValue($0.p)]
            })
    }

    static func modelFit(_ r: DictionaryRankResult, id: String) -> ReportTable {
        let m = r.mixedModel
        return ReportTable(
            id: id, caption: "Variance components and fit of the mixed model.",
            columns: ["Quantity", "Value"],
            rows: [[.text("Random-intercept SD (reward model)"), .number(m.randomInterceptSD, decimals: 4)],
                   [.text("Residual SD"), .number(m.residualSD, decimals: 4)],
                   [.text("REML log-likelihood"), .number(m.logLikelihood, decimals: 3)],
                   [.text("AIC"), .number(m.aic, decimals: 3)],
                   [.text("BIC"), .number(m.bic, decimals: 3)]])
    }

    static func panels(_ r: DictionaryRankResult, id: String) -> ReportTable {
        let reference = r.families[0]
        return ReportTable(
            id: id,
            caption: "Per panel, \(r.families.dropFirst().joined(separator: ", ")) vs \(reference) on median rank (t and d: family − \(reference); negative = ranked higher, i.e. under negative prompts picked more as the worst thing). Bonferroni over \(r.panels.first?.bonferroniPanels ?? 0) panels. Figure stars: \(r.figureStarsFrom.rawValue) test.",
            columns: ["Framing", "Category", "Family", "n", "Mean", "Mean (\(reference))", "Welch t", "df", "Welch p", "Welch p (Bonf.)", "Welch", "Perm. p", "Perm. p (Bonf.)", "Perm.", "d (avg. var.)", "d (pooled)"],
            rows: r.panels.map { p in
                [.text(p.framing.rawValue), .text(p.category), .text(p.family), .integer(p.nFamily),
                 .number(p.meanFamily, decimals: 2), .number(p.meanReference, decimals: 2),
                 .number(p.welch.t, decimals: 3), .number(p.welch.df, decimals: 1), .pValue(p.welch.p), .pValue(p.welch.pAdjusted), .text(p.welch.stars.rawValue),
                 .permutationP(p.permutation.p, atFloor: p.permutation.atFloor), .permutationP(p.permutation.pAdjusted, atFloor: p.permutation.atFloor), .text(p.permutation.stars.rawValue),
                 .number(p.cohensD, decimals: 3), .number(p.cohensDPooled, decimals: 3)]
            })
    }

    static func averageRanks(_ r: DictionaryRankResult, id: String) -> ReportTable {
        let families = r.families
        var rows: [[ReportTable.Cell]] = []
        for framing in r.framingSummary.map(\.framing) {
            for category in r.categories {
                var row: [ReportTable.Cell] = [.text(framing.rawValue), .text(category)]
                for family in families {
                    let v = r.averageRanks.first { $0.framing == framing && $0.category == category && $0.family == family }
                    row.append(.number(v?.averageRank ?? .nan, decimals: 2))
                }
                for family in families.dropFirst() {
                    let v = r.averageRanks.first { $0.framing == framing && $0.category == category && $0.family == family }
                    row.append(.number(v?.differenceFromReference ?? .nan, decimals: 2))
                }
                rows.append(row)
            }
        }
        return ReportTable(
            id: id,
            caption: "Average rank: for each RM the median of all its ranks of the category's answers over the framing's prompts, averaged over the family's RMs.",
            columns: ["Framing", "Category"] + families + families.dropFirst().map { "\($0) − \(families[0])" },
            rows: rows)
    }

    static func rmPanelMeans(_ r: DictionaryRankResult, id: String) -> ReportTable {
        ReportTable(
            id: id, caption: "Per reward model and panel: mean, SE and SD of its median ranks over the framing's prompts (the points of the figure).",
            columns: ["RM", "Family", "Framing", "Category", "n", "Mean", "SE", "SD"],
            rows: r.rmPanelMeans.map {
                [.text($0.rm), .text($0.family), .text($0.framing.rawValue), .text($0.category), .integer($0.n),
                 .number($0.mean, decimals: 2), .number($0.se, decimals: 3), .number($0.sd, decimals: 3)]
            })
    }

    static func medianRanks(_ r: DictionaryRankResult, id: String) -> ReportTable {
        ReportTable(
            id: id, caption: "Median rank of each category's answers per reward model and prompt.",
            columns: ["rm", "family", "category", "prompt", "framing", "median_rank"],
            rows: r.medianRanks.map { [.text($0.rm), .text($0.family), .text($0.category), .text($0.prompt), .text($0.framing.rawValue), .number($0.medianRank, decimals: 2)] })
    }

    /// Methods page: the panel tests under both MFD2 column rules, side by side.
    static func columnsComparison(_ a: DictionaryRankResult, _ b: DictionaryRankResult, name: String, id: String) -> ReportTable {
        let la = a.columns?.rawValue ?? "a", lb = b.columns?.rawValue ?? "b"
        let rows: [[ReportTable.Cell]] = a.panels.map { p in
            let q = b.panels.first { $0.framing == p.framing && $0.category == p.category && $0.family == p.family }
            return [.text(p.framing.rawValue), .text(p.category),
                    .number(p.welch.t, decimals: 2), .pValue(p.welch.pAdjusted), .text(p.welch.stars.rawValue),
                    .number(q?.welch.t ?? .nan, decimals: 2), .pValue(q?.welch.pAdjusted ?? .nan), .text(q?.welch.stars.rawValue ?? "")]
        }
        return ReportTable(
            id: id,
            caption: "\(name) panel tests (Welch, Bonferroni) with the \(la) columns (\(a.answersRanked) words) and the \(lb) columns (\(b.answersRanked) words); t = \(a.families.dropFirst().first ?? "") − \(a.families[0]).",
            columns: ["Framing", "Foundation", "t (\(la))", "p Bonf. (\(la))", "(\(la))", "t (\(lb))", "p Bonf. (\(lb))", "(\(lb))"],
            rows: rows)
    }
}
