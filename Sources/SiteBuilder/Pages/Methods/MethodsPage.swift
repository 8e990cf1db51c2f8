import Analyses
import StudyData

/// The methods page's values (`methods.*`): the build's options, the claims
/// table, and the MFD2 column-rule comparison.
enum MethodsPage {
    static func context(results: StudyResults, options: AnalysisOptions, manifest: StudyManifest, assets: inout SiteAssets) -> [String: Any] {
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

    /// The options of this build as a table (page prose has no Markdown tables: libcmark renders CommonMark, not GFM).
    static func optionsTable(_ options: AnalysisOptions) -> ReportTable {
        ReportTable(id: "build_options", caption: "The options this build was run with.", columns: ["Option", "Value"],
                    rows: [["--mfd-columns", options.mfdColumns.rawValue], ["--panel-test", options.panelTest.rawValue],
                           ["--permutations", NumberText.integer(options.permutations)], ["--seed", String(options.seed)]]
                        .map { [.text($0[0]), .text($0[1])] })
    }
}
