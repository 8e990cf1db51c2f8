import Analyses
import StudyData
import SVGCharts

/// The values page prose can name with Mustache tags, e.g.
/// `{{big2.lme.randomSd}}` or `{{{big2.figures.main}}}`. Numbers are
/// pre-formatted strings so every page shows them the same way.
enum SiteContext {
    /// The context as Mustache gets it: HTML fragments (tree nodes, which
    /// pages insert with `{{{x}}}`) rendered — this is where they become
    /// markup — and every plain string with control characters made visible
    /// (Mustache escapes markup characters in `{{x}}` but passes controls).
    static func sanitized(_ value: Any) -> Any {
        switch value {
        case let node as HTMLNode: return node.rendered()
        case let nodes as [HTMLNode]: return nodes.rendered()
        case let s as String: return HTML.visibleControls(s)
        case let d as [String: Any]: return d.mapValues(sanitized)
        case let a as [[String: Any]]: return a.map { $0.mapValues(sanitized) }
        case let a as [Any]: return a.map(sanitized)
        default: return value
        }
    }

    static func base(study: LoadedStudy, results: StudyResults, options: AnalysisOptions) -> [String: Any] {
        let m = study.manifest
        return [
            "study": ["title": m.title, "citation": m.citation,
                      "prompts": String(m.prompts.count),
                      "rewardModels": String(m.rewardModels.count),
                      "positivePrompts": String(m.prompts.filter { $0.framing == .positive }.count),
                      "negativePrompts": String(m.prompts.filter { $0.framing == .negative }.count)] as [String: Any],
            "options": ["mfdColumns": options.mfdColumns.rawValue, "panelTest": options.panelTest.rawValue,
                        "permutations": NumberText.integer(options.permutations), "seed": String(options.seed),
                        "otherMfdColumns": options.mfdColumns == .virtue ? "script" : "virtue"] as [String: Any],
            "dictionaries": m.dictionaries.map { ["id": $0.id, "name": $0.name, "citation": $0.citation] },
        ]
    }

    /// The note at Fig. 1b with its link to the other column rule's values.
    static func publishedNote(_ r: DictionaryRankResult, short: String, alternative: DictionaryRankResult?) -> [HTMLNode] {
        let note = Narrative.publishedFigureNote(r, alternative: alternative)
        guard !note.isEmpty else { return [] }
        return [.p(class: "notice", [.text("\(note) The \(alternative?.columns?.rawValue ?? "other") columns' values, side by side with these: "),
                                         .a(href: "methods.html#mfd2-columns", ["Methods, \(short) columns"]), "."])]
    }

    static func dictionary(_ r: DictionaryRankResult, letter: String, study: LoadedStudy, alternative: DictionaryRankResult? = nil,
                           assets: inout SiteAssets) throws -> [String: Any] {
        let id = r.dictionary
        let short = DictionaryNames(study.manifest).short(id, fallback: r.dictionaryName)
        let means = RewardModelTables.rmPanelMeans(r, id: "\(id)_rm_panel_means")
        let ranks = RewardModelTables.medianRanks(r, id: "\(id)_median_ranks")
        assets.files[ranks.downloadPath] = ranks.csv
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

    static func methods(results: StudyResults, options: AnalysisOptions, manifest: StudyManifest, assets: inout SiteAssets) -> [String: Any] {
        var out: [String: Any] = ["optionsTable": assets.table(optionsTable(options)),
                                  "claimsTable": assets.table(ClaimsTable.table(results.claims)),
                                  "claimsTally": ClaimsTable.tally(results.claims), "claimsDiffering": ClaimsTable.differing(results.claims)]
        let names = DictionaryNames(manifest)
        // The dictionary analysed under both column rules (MFD2 in the study).
        if let mfd = manifest.dictionaries.first(where: { $0.format == .mfd2 }),
           let a = results.rewardModels.result(for: mfd.id), let b = results.rewardModels.alternative(for: mfd.id) {
            let (virtue, script) = a.columns == .virtue ? (a, b) : (b, a)
            out["mfdComparison"] = assets.table(RewardModelTables.columnsComparison(virtue, script, name: names.short(mfd.id),
                                                                                    id: "\(mfd.id)_columns_comparison"))
            out["virtueWords"] = String(virtue.answersRanked)
            out["scriptWords"] = String(script.answersRanked)
            out["scriptFixedEffects"] = assets.table(RewardModelTables.fixedEffects(b, id: "\(mfd.id)_\(b.columns?.rawValue ?? "alt")_fixed_effects"))
            out["alternativeColumns"] = b.columns?.rawValue ?? ""
            out["columnsComparison"] = Narrative.columnsComparison(virtue, script)
        }
        if let headline = manifest.headlineDictionary, let big2 = results.rewardModels.result(for: headline.id) {
            out["headlinePanelTable"] = assets.table(ReportTable(
                id: "\(headline.id)_welch_vs_permutation",
                caption: "\(headline.displayName) panels: Bonferroni-adjusted p-values of both tests and Cohen's d in both variants.",
                columns: ["Framing", "Category", "Welch p (Bonf.)", "Welch", "Permutation p (Bonf.)", "Permutation", "d (avg. var.)", "d (pooled)"],
                rows: big2.panels.map { p in
                    [.text(p.framing.rawValue), .text(p.category), .pValue(p.welch.pAdjusted), .text(p.welch.stars.rawValue),
                     .permutationP(p.permutation.pAdjusted, atFloor: p.permutation.atFloor), .text(p.permutation.stars.rawValue),
                     .number(p.cohensD, decimals: 3), .number(p.cohensDPooled, decimals: 3)]
                }))
        }
        return out
    }

    /// The overview's generated sentences on §3 and §4.
    static func overview(_ results: StudyResults, manifest: StudyManifest) -> [String: Any] {
        let big2 = manifest.trainingDictionary.flatMap { results.rewardModels.result(for: $0.id) }
        return ["logprobs": Narrative.logprobSummary(results.logprobRanks),
                "training": results.training.map { TrainingNarrative.ablationSummary($0, big2: big2) } ?? "",
                "claimsTally": ClaimsTable.tally(results.claims)]
    }

    /// The shared-vocabulary counts as page text.
    static func vocabulary(_ v: VocabularyCountsResult?) -> [String: Any] {
        guard let v else { return ["available": false] }
        return ["available": true, "sharedStrings": NumberText.integer(v.sharedStrings), "emptyStrings": String(v.emptyStrings),
                "sharedNouns": String(v.sharedNouns), "sharedNounsLowercase": String(v.sharedNounsLowercase),
                "sharedNounsPerCategory": v.sharedNounsPerCategory.map { "\($0.category) \($0.count)" }.joined(separator: ", "),
                "expandedTokenStrings": NumberText.integer(v.expandedTokenStrings), "expandedDistinctWords": String(v.expandedDistinctWords)]
    }

    /// The options of this build as a table (page prose has no Markdown tables: libcmark renders CommonMark, not GFM).
    static func optionsTable(_ options: AnalysisOptions) -> ReportTable {
        ReportTable(id: "build_options", caption: "The options this build was run with.", columns: ["Option", "Value"],
                    rows: [["--mfd-columns", options.mfdColumns.rawValue], ["--panel-test", options.panelTest.rawValue],
                           ["--permutations", NumberText.integer(options.permutations)], ["--seed", String(options.seed)]]
                        .map { [.text($0[0]), .text($0[1])] })
    }

    static func data(study: LoadedStudy, assets: inout SiteAssets) -> [String: Any] {
        let table = ReportTable(
            id: "inputs", caption: "Every input file this build read, with its SHA-256 fingerprint (log-prob tables: a 64-bit fingerprint of the rows and columns read, marked \"read:\").",
            columns: ["File", "Format", "Role", "Bytes", "Rows", "Columns", "SHA-256", "Warnings"],
            rows: study.inputs.map {
                [.text($0.path), .text($0.format ?? "—"), .text($0.role), .integer($0.bytes),
                 $0.rows.map { .integer($0) } ?? .text("—"), $0.columns.map { .integer($0) } ?? .text("—"),
                 .text($0.sha256 ?? $0.readFingerprint.map { "read: " + $0 } ?? "—"),
                 .text($0.warnings.joined(separator: "; "))]
            })
        let citations = study.manifest.dictionaries.map { [HTMLNode.strong($0.name), .text(": " + $0.citation)] }
        assets.files[CitationBib.fileName] = CitationBib.write(study.manifest)
        return ["inputs": assets.table(table), "fileCount": String(study.inputs.count), "dictionaryCitations": HTMLNode.ul(citations),
                "citationBib": CitationBib.fileName]
    }

    static func render(_ figure: ViolinFacetFigure) -> String {
        figure.svg()
    }
}
