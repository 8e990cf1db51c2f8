import Analyses
import StudyData
import SVGCharts

/// The Robustness page: every §2 headline inference under other defensible
/// analyses (R1–R4), as tables with CSV downloads and specification plots,
/// and Fig. 3 under every prompt (R5, `RobustnessFreedomLove`).
/// Renders values from `StudyResults.robustness`; computes nothing.
enum RobustnessPage {
    static func context(_ results: StudyResults, study: LoadedStudy, names: DictionaryNames, assets: inout SiteAssets) -> [String: Any] {
        guard let section = results.robustness else { return ["available": false] }
        var sections: [[String: Any]] = []
        for (index, d) in section.dictionaries.enumerated() {
            let key = RobustnessSection.key(dictionary: d.dictionary, columns: d.columns)
            let contrast = familyContrast(results.rewardModels.result(for: d.dictionary)?.families ?? [])
            sections.append(dictionary(d, key: key, name: names.robustnessTitle(key), contrast: contrast, number: index + 1, assets: &assets))
        }
        let overview = RobustnessNarrative.overview(section, names: names, figure3: Figure3Names(study.manifest))
        return ["available": true, "sections": sections, "overview": HTMLNode.text(overview),
                "freedomVsLove": RobustnessFreedomLove.context(section.freedomVsLove, study: study, assets: &assets)]
    }

    /// What a family term or panel difference measures, from the manifest's
    /// families in the model's order (the first is the reference): "Llama −
    /// Gemma" in the study; "Llama or Qwen − Gemma" with a third family.
    static func familyContrast(_ families: [String]) -> String {
        guard let reference = families.first, families.count > 1 else { return "family difference" }
        return families.dropFirst().joined(separator: " or ") + " − " + reference
    }

    static func dictionary(_ d: DictionaryRobustness, key: String, name: String, contrast: String, number: Int,
                           assets: inout SiteAssets) -> [String: Any] {
        let rm = d.rmLevel
        let method = rm.exact ? "exact (all \(NumberText.integer(Int(rm.assignments))) assignments of the family labels)"
            : "Monte Carlo (\(NumberText.integer(rm.resamples)) seeded relabellings; \(NumberText.integer(Int(rm.assignments))) assignments are too many to enumerate)"
        let terms = ReportTable(
            id: "robustness_\(key)_rm_terms",
            caption: "\(name): every family term of the paper's model as a per-RM contrast, compared between families with the \(rm.nRms) RMs as the units. Permutation p: \(method).",
            columns: ["Term", "Estimate", "Student t", "df", "p", "Welch t", "Welch df", "Welch p", "Permutation p"],
            rows: rm.terms.map { t in
                [.text(t.term), .number(t.estimate, decimals: 2), .number(t.tStudent, decimals: 2), .number(t.dfStudent, decimals: 0),
                 .pValue(t.pStudent), .number(t.tWelch, decimals: 2), .number(t.dfWelch, decimals: 2), .pValue(t.pWelch), .pValue(t.pPermutation)]
            })
        let panels = ReportTable(
            id: "robustness_\(key)_rm_panels",
            caption: "\(name): each Fig. 1 panel with RMs as the units — family difference of the RMs' mean median ranks; Bonferroni over \(rm.panels.count) panels; stars from the test the figures use.",
            columns: ["Framing", "Category", "Family", "Difference", "Welch t", "df", "Welch p", "Welch p (Bonf.)", "Permutation p", "Permutation p (Bonf.)", "Stars"],
            rows: rm.panels.map { p in
                [.text(p.framing.rawValue), .text(p.category), .text(p.family), .number(p.difference, decimals: 2), .number(p.welch.t, decimals: 2),
                 .number(p.welch.df, decimals: 2), .pValue(p.welch.p), .pValue(p.welch.pAdjusted), .pValue(p.permutation.p),
                 .pValue(p.permutation.pAdjusted), .text(p.stars.rawValue)]
            })
        let perRM = ReportTable(
            id: "robustness_\(key)_per_rm",
            caption: "\(name): the per-RM contrast of every family term (what the RM-level tests compare).",
            columns: ["Term", "RM", "Family", "Contrast"],
            rows: rm.terms.flatMap { t in t.perRm.map { [.text(t.term), .text($0.rm), .text($0.family), .number($0.value, decimals: 3)] } })
        let specifications = ReportTable(
            id: "robustness_\(key)_specifications",
            caption: "\(name): each headline quantity under each specification. CI: 95%, t-based (none for permutation tests). p (corr.): after the specification's own correction.",
            columns: ["Quantity", "Specification", "Estimate", "CI low", "CI high", "t", "df", "p", "p (corr.)", "Correction"],
            rows: d.specifications.map { s in
                [.text(s.quantity), .text(s.specification.rawValue), .number(s.estimate, decimals: 2),
                 s.ciLow.map { .number($0, decimals: 2) } ?? .text("—"), s.ciHigh.map { .number($0, decimals: 2) } ?? .text("—"),
                 s.statistic.map { .number($0, decimals: 2) } ?? .text("—"), s.df.map { .number($0, decimals: 2) } ?? .text("—"),
                 .pValue(s.p), .pValue(s.pAdjusted), .text(s.correction)]
            })
        let leaveOneOut = ReportTable(
            id: "robustness_\(key)_leave_one_out",
            caption: "\(name): the paper's model refitted without each RM and without each prompt (\(d.leaveOneOut.count) fits), every term.",
            columns: ["Left out", "Unit", "Term", "Estimate", "SE", "df", "t", "p"],
            rows: d.leaveOneOut.flatMap { fit in fit.fixedEffects.map { e in
                [.text(fit.leftOut), .text(fit.unit.rawValue), .text(e.term), .number(e.estimate, decimals: 3), .number(e.standardError, decimals: 3),
                 .number(e.df, decimals: 0), .number(e.t, decimals: 2), .pValue(e.p)]
            } })
        for table in [leaveOneOut, perRM] {
            assets.files[table.downloadPath] = .csv(table)
            assets.files[table.latexPath] = .latex(table)
        }

        let specPlot = RobustnessFigures.specificationPlot(d, name: name, contrast: contrast, id: "robustness-\(key)-specifications")
        let specFigure = assets.figure(id: "robustness-\(key)-specifications", number: "Figure R\(number)a",
                                       caption: "\(name): each headline quantity (\(contrast)) under each specification. " + RobustnessFigures.specificationReadingRule,
                                       svg: specPlot.svg(), data: specifications, dependsOn: [DictionaryRobustness.specificationsPointer(key: key)])
        let looPlot = RobustnessFigures.leaveOneOutPlot(d, name: name, id: "robustness-\(key)-leave-one-out")
        let looFigure = assets.figure(id: "robustness-\(key)-leave-one-out", number: "Figure R\(number)b",
                                      caption: "\(name): each three-way term refitted without one RM at a time (estimate ± 95% CI; filled when p < .05), and the range of its estimate over the \(d.leaveOneOut.filter { $0.unit == .prompt }.count) fits without one prompt; dashed line: the estimate from all data.",
                                      svg: looPlot.svg(), data: RobustnessFigures.leaveOneOutData(d, key: key), dependsOn: [DictionaryRobustness.leaveOneOutPointer(key: key)])
        var out: [String: Any] = [
            "key": key, "name": name, "nRms": String(rm.nRms), "permutationMethod": method,
            "tables": ["terms": assets.table(terms), "panels": assets.table(panels), "specifications": assets.table(specifications),
                       "perRmLink": perRM.downloadPath, "leaveOneOutLink": leaveOneOut.downloadPath,
                       "perRmLaTeX": perRM.latexPath, "leaveOneOutLaTeX": leaveOneOut.latexPath] as [String: Any],
            "figures": ["specifications": specFigure, "leaveOneOut": looFigure],
            "hasMaximal": d.randomSlopes != nil,
        ]
        if let m = d.randomSlopes { out["maximal"] = maximal(m, key: key, name: name, assets: &assets) }
        return out
    }

    static func maximal(_ m: RandomSlopesResult, key: String, name: String, assets: inout SiteAssets) -> [String: Any] {
        let effects = ReportTable(
            id: "robustness_\(key)_maximal_fixed_effects",
            caption: "\(name), maximal model \(m.formula): fixed effects, each tested with df = #RMs − #families.",
            columns: ["Term", "Estimate", "SE", "df", "t", "p"],
            rows: m.fixedEffects.map { [.text($0.term), .number($0.estimate, decimals: 3), .number($0.standardError, decimals: 3),
                                        .number($0.df, decimals: 0), .number($0.t, decimals: 2), .pValue($0.p)] })
        let covariance = ReportTable(
            id: "robustness_\(key)_maximal_random_effects",
            caption: "\(name), maximal model: random-effect SDs and their correlations (per RM).",
            columns: ["Random effect", "SD"] + m.randomEffects.terms.indices.map { "r with \($0 + 1)" },
            rows: m.randomEffects.terms.indices.map { i in
                [.text("\(i + 1). \(m.randomEffects.terms[i])"), .number(m.randomEffects.sd[i], decimals: 3)]
                    + m.randomEffects.correlations[i].map { .number($0, decimals: 3) }
            })
        return ["fixedEffects": assets.table(effects), "randomEffects": assets.table(covariance),
                "logLik": NumberText.fixed(m.logLikelihood, decimals: 2),
                "logLikRandomIntercept": NumberText.fixed(m.logLikelihoodRandomIntercept, decimals: 2),
                "lr": NumberText.fixed(m.likelihoodRatio.statistic, decimals: 2), "lrDf": NumberText.fixed(m.likelihoodRatio.df, decimals: 0),
                "lrP": NumberText.pValue(m.likelihoodRatio.p), "residualSd": NumberText.fixed(m.residualSD, decimals: 3),
                "singular": m.singular ? "singular (a random-effect variance is at 0 or a correlation at ±1, as lme4's isSingular judges it), so the covariance is estimated at the edge of what the RMs can support; its fixed effects and their tests are still defined" : "not singular"]
    }
}
