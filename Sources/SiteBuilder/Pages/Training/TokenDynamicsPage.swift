import Analyses
import StudyData
import SVGCharts

/// The token-level part of the §4 page: Fig. 5 (the manifest's main-figure
/// families) and A6 (its `appendix_only` ones) — the words whose rank rose or
/// fell most between the first and last checkpoint — and App. G (Kendall τ-b per checkpoint), or,
/// without the tables, exactly which files are missing and how to supply
/// them. Selects and labels result values only.
enum TokenDynamicsPage {
    static func context(_ t: TokenDynamicsStatus, source: TokenDynamicsSource?, manifest: StudyManifest,
                        assets: inout SiteAssets) -> [String: Any] {
        /// "<code>name.csv</code> or <code>name.parquet</code>" for each table named.
        func forms(_ names: [String]) -> HTMLNode { .ul(names.map { [.code($0 + ".csv"), " or ", .code($0 + ".parquet")] }) }
        var context: [String: Any] = [
            "available": !t.families.isEmpty,
            "status": t.status.rawValue,
            "needed": forms(t.needs),
            "missing": forms(t.missing),
            "hasMissing": !t.missing.isEmpty,
            "folder": t.folder ?? "",
            "simulated": t.simulated,
        ]
        guard !t.families.isEmpty else { return context }
        let label = simulatedPrefix(t.simulated)
        let words = source.flatMap { manifest.dictionary(id: $0.dictionary)?.displayName } ?? "dictionary"
        let categories = Array(Set(t.families.flatMap { ($0.risers + $0.fallers).map(\.category) })).sorted()
        let styles = categories.map { GroupStyle(name: $0, color: source?.categoryColours[$0] ?? "#777777", marker: .square) }

        func bars(_ families: [FamilyTokenDynamics], id: String, number: String) -> HTMLNode {
            let panels = families.map { f in
                DivergingBarPanel(title: "\(f.family)\(t.simulated ? ", SIMULATED" : "") (step \(f.steps.first ?? 0) → \(f.steps.last ?? 0))",
                                  rows: (f.risers + f.fallers.reversed()).map {
                                      DivergingBarRow(label: $0.word, value: $0.change, style: categories.firstIndex(of: $0.category) ?? 0)
                                  })
            }
            let summary = families.map { f in
                "\(f.family): biggest riser \(f.risers.first.map { "\($0.word) (\($0.category), +\(NumberText.fixed($0.change, decimals: 1)))" } ?? "none"), "
                    + "biggest faller \(f.fallers.first.map { "\($0.word) (\($0.category), \(NumberText.fixed($0.change, decimals: 1)))" } ?? "none")"
            }.joined(separator: "; ")
            let figure = DivergingBarFigure(
                id: id, title: label + "\(words) words whose rank changed most during RM training",
                description: "\(label)Rank change (first minus last checkpoint; positive = moved towards #1) of the \(source?.top ?? 10) biggest risers and fallers among the \(words) nouns, per family, coloured by category. \(summary).",
                xAxisTitle: "Rank change (first − last checkpoint)\n+ = rose towards #1", styles: styles, panels: panels)
            let table = ReportTable(id: "\(id)_changes", caption: "\(number): plotted values.",
                                    columns: ["Family", "Word", "Category", "First rank", "Last rank", "Change"],
                                    rows: families.flatMap { f in (f.risers + f.fallers).map {
                                        [.text(f.family), .text($0.word), .text($0.category), .number($0.firstRank, decimals: 1),
                                         .number($0.lastRank, decimals: 1), .number($0.change, decimals: 1)]
                                    } }).labelled(simulated: t.simulated)
            return assets.figure(id: id, number: number,
                                 caption: "\(label)The \(source?.top ?? 10) \(words) nouns whose rank rose most and the \(source?.top ?? 10) whose rank fell most between the first and the last checkpoint. \(summary).",
                                 svg: figure.svg(), data: table, dependsOn: [TrainingSectionResult.tokenDynamicsFamiliesPointer])
        }

        func kendall() -> HTMLNode {
            let shapes: [MarkerShape] = [.circle, .triangle, .square, .diamond]
            let series = t.families.enumerated().map { i, f in
                GroupStyle(name: f.family, color: manifest.family(named: f.family)?.colour ?? "#777777", marker: shapes[i % shapes.count])
            }
            let steps = t.families.flatMap { $0.steps.map(Double.init) }
            let values = t.families.flatMap { $0.kendall.flatMap { [$0.vsFinal, $0.vsPrevious].compactMap { $0 } } }
            // Zoomed to the data (τ near 1 is the interesting range), never above 0.9.
            let low = max(-1, min(0.9, ((values.min() ?? 0) * 10).rounded(.down) / 10))
            func line(_ f: FamilyTokenDynamics, _ pick: (KendallPoint) -> Double?, _ what: String) -> [LinePoint] {
                f.kendall.compactMap { k in pick(k).map { LinePoint(x: Double(k.step), y: $0, label: "\(f.family), step \(k.step), τ-b \(what): \(NumberText.fixed($0, decimals: 3))") } }
            }
            let figure = LineFacetFigure(
                id: "figG", title: label + "Kendall τ-b between checkpoint rankings of the \(words) words",
                description: "\(label)Kendall τ-b between each checkpoint's ranking of the \(words) nouns and the final checkpoint's (left) and the previous checkpoint's (right), one line per family (\(t.families.map(\.family).joined(separator: ", "))).",
                panelLabels: ["Against the final checkpoint", "Against the previous checkpoint"].map { $0 + (t.simulated ? " (SIMULATED)" : "") }, xAxisTitle: "Training step",
                xDomain: (steps.min() ?? 0)...(steps.max() ?? 1), yAxisTitle: "Kendall τ-b", yDomain: low...1, reversedY: false,
                series: series,
                panels: [LinePanel(lines: t.families.map { line($0, \.vsFinal, "vs final") }),
                         LinePanel(lines: t.families.map { line($0, \.vsPrevious, "vs previous") })])
            let table = ReportTable(id: "figG_kendall", caption: "Appendix G: plotted values.",
                                    columns: ["Family", "Step", "τ-b vs final", "τ-b vs previous"],
                                    rows: t.families.flatMap { f in f.kendall.map {
                                        [.text(f.family), .integer($0.step), $0.vsFinal.map { .number($0, decimals: 3) } ?? .text("—"),
                                         $0.vsPrevious.map { .number($0, decimals: 3) } ?? .text("—")]
                                    } }).labelled(simulated: t.simulated)
            return assets.figure(id: "figG", number: "Figure G1",
                                 caption: "\(label)How much the ranking of the \(words) nouns still moves: Kendall τ-b of each checkpoint's ranking against the final one and against the previous one (1 = same order).",
                                 svg: figure.svg(), data: table, dependsOn: [TrainingSectionResult.tokenDynamicsFamiliesPointer])
        }

        var figures: [String: Any] = [:]
        let main = t.families.filter { manifest.mainFigureFamilies.contains($0.family) }
        let others = t.families.filter { !manifest.mainFigureFamilies.contains($0.family) }
        figures["fig5"] = main.isEmpty ? "" : bars(main, id: "fig5", number: "Figure 5")
        figures["figA6"] = others.isEmpty ? "" : bars(others, id: "figA6", number: "Figure A6")
        figures["figG"] = kendall()
        context["figures"] = figures
        context["tables"] = assets.table(ReportTable(
            id: "token_tables", caption: "The checkpoint tables read and what the analysis kept.",
            columns: ["Family", "File", "Checkpoints", "Tokens", "Variants kept", "Words ranked", "Words dropped (no score at a step)", "Words absent"],
            rows: t.families.map { f in
                [.text(f.family), .text(f.file), .text("\(f.steps.count) (\(f.steps.first ?? 0)–\(f.steps.last ?? 0))"), .integer(f.tokensRead),
                 .integer(f.variantsKept), .integer(f.wordsRanked), .text(f.wordsDropped.isEmpty ? "none" : f.wordsDropped.joined(separator: ", ")),
                 .integer(f.wordsAbsent)]
            }).labelled(simulated: t.simulated))
        return context
    }
}
