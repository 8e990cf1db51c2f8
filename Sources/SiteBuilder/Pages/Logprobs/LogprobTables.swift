import Analyses
import StudyData

/// §3 result values as report tables (page HTML and CSV download from the same cells).
enum LogprobTables {
    static func medianRanks(_ pair: LogprobRankPairResult, id: String) -> ReportTable {
        ReportTable(id: id, caption: "\(pair.label) models: median rank per prompt, category and model.",
                    columns: ["prompt", "valence", "category", "model", "median_rank"],
                    rows: pair.medianRanks.map { [.text($0.prompt), .text($0.framing.rawValue), .text($0.category), .text($0.model), .number($0.medianRank, decimals: 2)] })
    }

    static func anova(_ pair: LogprobRankPairResult, id: String) -> ReportTable {
        ReportTable(id: id,
                    caption: "\(pair.label) models: Type II ANOVA of median rank ~ category × valence × model (\(pair.medianRanks.count) rows; as statsmodels anova_lm(typ=2)).",
                    columns: ["Term", "Sum of squares", "df", "F", "p"],
                    rows: pair.anova.map { r in
                        [.text(r.term), .number(r.sumSq, decimals: 2), .number(r.df, decimals: 0),
                         r.f.isFinite ? .number(r.f, decimals: 2) : .text(""), r.p.isFinite ? .pValue(r.p) : .text("")]
                    })
    }

    static func cells(_ pair: LogprobRankPairResult, id: String) -> ReportTable {
        ReportTable(id: id,
                    caption: "\(pair.label) models: Welch t-tests of \(pair.displayA) against \(pair.displayB) per category and valence (t > 0: \(pair.displayA) has the larger, i.e. worse, median rank); p adjusted by Benjamini–Hochberg over the \(pair.cells.count) cells.",
                    columns: ["Category", "Valence", "Mean A", "Mean B", "t", "df", "p", "p (FDR)", ""],
                    rows: pair.cells.map { c in
                        [.text(c.category), .text(c.framing.rawValue), .number(c.meanA, decimals: 2), .number(c.meanB, decimals: 2),
                         .number(c.t, decimals: 2), .number(c.df, decimals: 1), .pValue(c.p), .pValue(c.pFdr), .text(c.stars.rawValue)]
                    })
    }

    static func tokens(_ t: TokenTableResult, id: String) -> ReportTable {
        var cells: [[ReportTable.Cell]] = t.top.map(row)
        if let first = t.bottom.first, let last = t.top.last, first.rank > last.rank + 1 { cells.append([.text("…"), .text("…"), .text("…")]) }
        cells += t.bottom.filter { b in !t.top.contains { $0.rank == b.rank } }.map(row)
        return ReportTable(id: id,
                           caption: "\(t.title): optimal and pessimal tokens of the implicit reward \(t.displayA) over \(t.displayB) (\(t.measure.rawValue), prompt \(t.prompt)), ranked among \(NumberText.integer(t.commonTokens)) common tokens. ␣ marks a leading space, \\n a newline.",
                           columns: ["Rank", "Decoded", "Score"], rows: cells)
    }

    private static func row(_ r: RankedToken) -> [ReportTable.Cell] {
        [.text(NumberText.integer(r.rank)), .text(VisibleToken.render(r.token)), .number(r.score, decimals: 5)]
    }

    static func freedomLove(_ rows: [FreedomLoveRow], id: String) -> ReportTable {
        ReportTable(id: id, caption: "Figure 3 data: mean MWLR of the tokens reading \"freedom\" and \"love\" per pair.",
                    columns: ["Pair", "Model A", "Model B", "Freedom", "Love", "Freedom tokens", "Love tokens", "Common tokens"],
                    rows: rows.map { r in
                        [.text(r.label), .text(r.modelA), .text(r.modelB), .number(r.freedom, decimals: 5), .number(r.love, decimals: 5),
                         .integer(r.freedomTokens), .integer(r.loveTokens), .integer(r.commonTokens)]
                    })
    }

    static func measureComparison(_ rows: [MeasureComparisonRow], id: String) -> ReportTable {
        ReportTable(id: id,
                    caption: "Each measure on each table's pair: rank of the tokens \"Freedom\" and \"Love\" (1 = most favoured by model A over model B) and the top and bottom token.",
                    columns: ["Comparison", "Measure", "Rank of Freedom", "Rank of Love", "Top token", "Bottom token", "Common tokens"],
                    rows: rows.map { r in
                        [.text(r.title), .text(r.measure.rawValue), r.freedomRank.map { .integer($0) } ?? .text("—"), r.loveRank.map { .integer($0) } ?? .text("—"),
                         .text(VisibleToken.render(r.topToken)), .text(VisibleToken.render(r.bottomToken)), .integer(r.commonTokens)]
                    })
    }

    static func simulation(_ s: MeasureRecoveryResult, id: String) -> ReportTable {
        ReportTable(id: id,
                    caption: "SIMULATION, not a model result: recall@\(s.settings.planted) of \(s.settings.planted) planted tokens in a synthetic copy of \(s.model) (prompt \(s.prompt), \(NumberText.integer(s.tokens)) tokens; planted mass \(NumberText.fixed(s.settings.plantedMass, decimals: 2)), noise SD \(NumberText.fixed(s.settings.noiseSD, decimals: 2)) nats, candidates: top \(s.settings.candidatePool), \(s.settings.replicates) replicates, seed \(s.settings.seed)).",
                    columns: ["Measure", "Mean recall", "Worst replicate", "Replicates with all found"],
                    rows: s.recall.map { [.text($0.measure.rawValue), .number($0.meanRecall, decimals: 2), .number($0.minRecall, decimals: 2), .integer($0.perfectReplicates)] })
    }
}
