import Analyses
import StudyData
import SVGCharts

/// The §2 page's values for one dictionary (`big2.*`, `mfd2.*`, … by
/// manifest id): Figures 1/A1 with their captions, the model tables, the
/// panel sentences and the note on the published figure.
enum RewardModelsPage {
    /// The note at Fig. 1b with its link to the other column rule's values:
    /// the methods page's section on the dictionary's column rules, whose
    /// heading in `content/pages/methods.md` is "<id> columns" (the site
    /// check fails the build if the heading and the link ever part).
    static func publishedNote(_ r: DictionaryRankResult, short: String, alternative: DictionaryRankResult?) -> [HTMLNode] {
        let note = Narrative.publishedFigureNote(r, alternative: alternative)
        guard !note.isEmpty else { return [] }
        let anchor = PageRenderer.slugify(r.dictionary) + "-columns"
        return [.p(class: "notice", [.text("\(note) The \(alternative?.columns?.rawValue ?? "other") columns' values, side by side with these: "),
                                         .a(href: "methods.html#" + anchor, ["Methods, \(short) columns"]), "."])]
    }

    static func context(_ r: DictionaryRankResult, letter: String, study: LoadedStudy, alternative: DictionaryRankResult? = nil,
                           assets: inout SiteAssets) throws -> [String: Any] {
        let id = r.dictionary
        let short = DictionaryNames(study.manifest).short(id, fallback: r.dictionaryName)
        let means = RewardModelTables.rmPanelMeans(r, id: "\(id)_rm_panel_means")
        let ranks = RewardModelTables.medianRanks(r, id: "\(id)_median_ranks")
        assets.files[ranks.downloadPath] = .csv(ranks)
        let main = RankFigures.figure(r, manifest: study.manifest, id: "fig1\(letter)", shortName: short, variant: .summaries)
        let swarm = RankFigures.figure(r, manifest: study.manifest, id: "figA1\(letter)", shortName: short, variant: .beeswarm)
        let starsNote = "Stars: \(r.figureStarsFrom.rawValue) test, Bonferroni over \(r.panels.count) panels (*** p < .001, ** p < .01, * p < .05)."
        let familyCounts = r.families.map { f in
            "\(study.manifest.rewardModels.filter { $0.family == f }.count) \(f)"
        }.joined(separator: ", ")
        let mainHTML = assets.figure(
            id: "fig1\(letter)", number: "Figure 1\(letter)",
            caption: "Median rank of \(short) answers (\(r.answersRanked) ranked; rank 1 = best) by reward-model family: \(Narrative.panelFindings(r)). Violins: distribution of the family's median ranks; points: each RM's mean ± SE; diamonds: family mean ± SE joined by a dotted line. \(starsNote)",
            svg: render(main), data: means,
            dependsOn: RankFigures.dependencies(dictionaryKey: id, variant: .summaries))
        let swarmHTML = assets.figure(
            id: "figA1\(letter)", number: "Figure A1\(letter)",
            caption: "The same data as Figure 1\(letter) with every median rank (one per RM and prompt) shown as a point; diamonds: family mean ± SD. \(starsNote)",
            svg: render(swarm), data: ranks,
            dependsOn: RankFigures.dependencies(dictionaryKey: id, variant: .beeswarm))
        let interactions = r.mixedModel.fixedEffects.filter { $0.term.split(separator: ":").count == 3 }
        return [
            "name": r.dictionaryName, "short": short,
            "columns": r.columns?.rawValue ?? "",
            "answersRanked": String(r.answersRanked),
            "answersPerCategory": r.answersPerCategory.map { "\($0.category) \($0.count)" }.joined(separator: ", "),
            "notInDictionary": r.answersNotInDictionary.isEmpty ? "none" : r.answersNotInDictionary.map { "“\($0)”" }.joined(separator: ", "),
            "notInDictionaryCount": String(r.answersNotInDictionary.count),
            "observations": String(r.mixedModel.observations),
            "groups": String(r.mixedModel.groups),
            "familyCounts": familyCounts,
            "referenceFamily": r.families[0],
            "columnsSentence": Narrative.columnsSentence(r.columns),
            "publishedFigureNote": publishedNote(r, short: short, alternative: alternative),
            "figures": ["main": mainHTML, "swarm": swarmHTML],
            "tables": [
                "fixedEffects": assets.table(RewardModelTables.fixedEffects(r, id: "\(id)_fixed_effects")),
                "modelFit": assets.table(RewardModelTables.modelFit(r, id: "\(id)_model_fit")),
                "panels": assets.table(RewardModelTables.panels(r, id: "\(id)_panel_tests")),
                "averageRanks": assets.table(RewardModelTables.averageRanks(r, id: "\(id)_average_ranks")),
                "medianRanksLink": ranks.downloadPath,
            ] as [String: Any],
            "interactions": interactions.map(effectContext),
            "interactionList": HTMLNode.ul(interactions.map { e in
                [.code(e.term), .text(": estimate \(NumberText.fixed(e.estimate, decimals: 2)) (SE \(NumberText.fixed(e.standardError, decimals: 2))), "
                    + "t(\(NumberText.fixed(e.df, decimals: 0))) = \(NumberText.fixed(e.t, decimals: 2)), p = \(NumberText.pValue(e.p)).")]
            }),
            "panelList": HTMLNode.ul(r.panels.map { [.text(Narrative.panelSentence($0, framingWord: Narrative.framingWord($0.framing)))] }),
            "lme": ["randomSd": NumberText.fixed(r.mixedModel.randomInterceptSD, decimals: 3),
                    "residualSd": NumberText.fixed(r.mixedModel.residualSD, decimals: 3),
                    "logLik": NumberText.fixed(r.mixedModel.logLikelihood, decimals: 2)],
        ]
    }

    static func effectContext(_ e: FixedEffectRow) -> [String: Any] {
        ["term": e.term, "estimate": NumberText.fixed(e.estimate, decimals: 2), "se": NumberText.fixed(e.standardError, decimals: 2),
         "df": NumberText.fixed(e.df, decimals: 0), "t": NumberText.fixed(e.t, decimals: 2), "p": NumberText.pValue(e.p)]
    }

    static func render(_ figure: ViolinFacetFigure) -> String {
        figure.svg()
    }
}
