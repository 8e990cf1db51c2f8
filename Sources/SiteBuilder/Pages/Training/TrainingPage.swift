import Analyses
import StudyData
import SVGCharts

/// The §4 page: Fig. 4a / A5a (median rank over checkpoints) and Fig. 4b /
/// A5b (last checkpoint against the amount of preference data), the run
/// audit and its warnings. Selects and labels result values only.
enum TrainingPage {
    static let shapes: [MarkerShape] = [.circle, .triangle, .square, .diamond]

    static func context(_ result: TrainingSectionResult?, manifest: StudyManifest, big2: DictionaryRankResult? = nil, assets: inout SiteAssets) -> [String: Any] {
        guard let r = result else { return ["available": false] }
        func colour(_ family: String) -> String { manifest.family(named: family)?.colour ?? "#777777" }
        func style(_ family: String, _ i: Int) -> GroupStyle { GroupStyle(name: family, color: colour(family), marker: shapes[i % shapes.count]) }
        let categories = Array(Set(r.series.map(\.category) + r.ablationPoints.map(\.category))).sorted()
        let words = manifest.trainingDictionary?.displayName ?? "dictionary"
        let yTitle = "Median rank (\(words))\n#1 = best, #\(r.words) = worst"
        let allRanks = r.series.map(\.medianRank) + r.ablationPoints.map(\.medianRank)
        let yDomain = (allRanks.min().map { ($0 / 50).rounded(.down) * 50 } ?? 1)...(allRanks.max().map { ($0 / 50).rounded(.up) * 50 } ?? Double(r.words))

        func dynamics(_ families: [String], id: String, number: String) -> [HTMLNode] {
            let checkpoints = r.series.map { Double($0.checkpoint) }
            let panels = categories.map { category in
                LinePanel(lines: families.map { family in
                    r.series.filter { $0.family == family && $0.category == category }
                        .map { LinePoint(x: Double($0.checkpoint), y: $0.medianRank, label: "\(family), \(category), step \($0.checkpoint): \(NumberText.fixed($0.medianRank, decimals: 1))") }
                })
            }
            let figure = LineFacetFigure(
                id: id, title: "Median rank of \(words) categories over RM training (\(r.dynamicsRun))",
                description: "Median rank (1 = best of \(r.words)) of \(listed(categories)) words at each checkpoint of the \(r.dynamicsRun) run, one line per base-model family (\(families.joined(separator: ", "))). " + endpoints(r, families),
                panelLabels: categories, xAxisTitle: "Training step", xDomain: (checkpoints.min() ?? 0)...(checkpoints.max() ?? 1),
                yAxisTitle: yTitle, yDomain: yDomain, reversedY: true,
                series: families.enumerated().map { style($1, $0) }, panels: panels)
            let table = ReportTable(id: "\(id)_series", caption: "\(number): plotted values.",
                                    columns: ["Family", "Category", "Step", "Median rank"],
                                    rows: r.series.filter { families.contains($0.family) }.map {
                                        [.text($0.family), .text($0.category), .integer($0.checkpoint), .number($0.medianRank, decimals: 1)]
                                    })
            return [assets.figure(id: id, number: number,
                                 caption: "Median rank of the \(listed(categories)) words at each checkpoint of the \(r.dynamicsRun) run (\(families.joined(separator: ", ")) base models); lower is better. \(endpoints(r, families))",
                                 svg: figure.svg(), data: table, dependsOn: [TrainingSectionResult.seriesPointer]),
                    TrainingTables.series(r.series.filter { families.contains($0.family) }, families: families, id: id, number: number)]
        }

        /// `appendix`: only the runs the manifest draws in the appendix figure too.
        func ablation(_ families: [String], appendix: Bool, id: String, number: String) -> [HTMLNode] {
            let inAppendix = Set(manifest.training?.runs.filter { $0.inAppendixFigure != false }.map(\.id) ?? [])
            let points = r.ablationPoints.filter { families.contains($0.family) && (!appendix || inAppendix.contains($0.run)) }
            // Shapes follow the manifest's order of sources (UF circle, Skywork triangle, UF + Skywork diamond).
            var sources: [String] = []
            for run in r.runs where !sources.contains(run.source) { sources.append(run.source) }
            let sourceShapes: [MarkerShape] = [.circle, .triangle, .diamond, .square]
            func shape(_ source: String) -> MarkerShape { sourceShapes[(sources.firstIndex(of: source) ?? 0) % sourceShapes.count] }
            let split = BrokenAxisPointFigure.split(points.map(\.plottedAt))
            // Sizes whose points come from byte-identical files: marked "*" on the axis.
            let sameData = Set(points.filter { !$0.sameDataAs.isEmpty }.flatMap { p in
                [p.plottedAt] + r.runs.filter { p.sameDataAs.contains($0.id) }.map(\.plottedAt)
            })
            var labels: [Double: String] = [:]
            for size in split.main + split.broken { labels[size] = NumberText.fixed(size, decimals: 0) + (sameData.contains(size) ? "*" : "") }
            let shownSources = sources.filter { s in points.contains { $0.source == s } }
            // The runs drawn after the axis break (the study's GRM run), named by their method.
            let beyond = r.runs.filter { run in split.broken.contains(run.plottedAt) && points.contains { $0.run == run.id } }
            let beyondMethods = beyond.map(\.method).uniqued().joined(separator: ", ")
            let figure = BrokenAxisPointFigure(
                id: id, title: "Median rank at the last checkpoint against preference-data size",
                description: "Median rank (1 = best of \(r.words)) at each trained RM's last checkpoint against thousands of preference pairs; colour = family (\(families.joined(separator: ", "))), shape = data source (\(shownSources.joined(separator: ", "))); dotted lines join the families at each data size\(split.broken.isEmpty ? "" : "; \(split.broken.map { NumberText.fixed($0, decimals: 0) }.joined(separator: ", "))k after an axis break").",
                panelLabels: categories, xAxisTitle: "Preference pairs (thousands)" + (split.broken.isEmpty ? "" : "; \(beyondMethods) after the break"),
                mainX: split.main, brokenX: split.broken, xTickLabels: labels, yAxisTitle: yTitle, yDomain: yDomain, reversedY: true,
                colourGroups: families.enumerated().map { style($1, $0) }, shapes: shownSources.map { ($0, shape($0)) },
                panels: categories.map { category in
                    points.filter { $0.category == category }.map { p in
                        BrokenAxisPoint(x: p.plottedAt, y: p.medianRank, colourGroup: families.firstIndex(of: p.family) ?? 0, shape: shape(p.source),
                                        label: "\(p.family), \(p.run) (\(p.source), \(p.method), \(NumberText.fixed(p.dataSize, decimals: 0))k pairs\(p.sameDataAs.isEmpty ? "" : ", same data as \(p.sameDataAs.joined(separator: ", "))")): \(NumberText.fixed(p.medianRank, decimals: 1))")
                    }
                },
                footnote: sameData.isEmpty ? nil : "* \(sameData.sorted().map { NumberText.fixed($0, decimals: 0) + "k" }.joined(separator: " and ")): byte-identical input files, the same data")
            let table = ReportTable(id: "\(id)_points", caption: "\(number): plotted values (last checkpoint of each trained RM).",
                                    columns: ["Run", "Data (k pairs)", "Plotted at", "Source", "Method", "Family", "Category", "Step", "Median rank", "Same data as"],
                                    rows: points.map {
                                        [.text($0.run), .number($0.dataSize, decimals: 0), .number($0.plottedAt, decimals: 0), .text($0.source), .text($0.method),
                                         .text($0.family), .text($0.category), .integer($0.checkpoint), .number($0.medianRank, decimals: 1),
                                         .text($0.sameDataAs.joined(separator: ", "))]
                                    })
            return [assets.figure(id: id, number: number,
                                 caption: "Median rank at the last checkpoint of each trained RM against the amount of preference data (thousands of pairs)\(split.broken.isEmpty ? "" : "; \(beyondMethods) drawn at \(NumberText.fixed(beyond.first?.plottedAt ?? 0, decimals: 0))k, after an axis break\(beyond.first?.note.map { " (\($0))" } ?? "")"). Colour = family, shape = data source; dotted lines join the families trained on the same data. \(sameData.isEmpty ? "" : "The points marked * come from byte-identical files: they are the same data.")",
                                 svg: figure.svg(), data: table, dependsOn: [TrainingSectionResult.ablationPointsPointer]),
                    TrainingTables.ablation(points, families: families, id: id, number: number)]
        }

        let mainFamilies = manifest.mainFigureFamilies.filter { f in r.series.contains { $0.family == f } }
        let allFamilies = manifest.families.map(\.name).filter { f in r.series.contains { $0.family == f } || r.ablationPoints.contains { $0.family == f } }
        let runs = ReportTable(id: "training_runs", caption: "The study's RM-training summary files and what the build read from them.",
                               columns: ["Run", "File", "Data (k pairs)", "Plotted at", "About the size", "Models in the file", "Source", "Method", "Rows read", "Distinct rows"],
                               rows: r.runs.map { run in
                                   [.text(run.id), .text(run.file), .number(run.dataSize, decimals: 0),
                                    run.plotted ? .number(run.plottedAt, decimals: 0) : .text("not plotted"),
                                    .text(sizeNote(run)), .text(run.modelIds.joined(separator: ", ")), .text(run.source), .text(run.method),
                                    .integer(run.rowsRead), .integer(run.rowsDistinct)]
                               })
        let warnings = r.warnings.map { w -> [HTMLNode] in
            switch w.code {
            case .duplicateRows: return [.text("\(w.file ?? "") has \(w.rowsRead ?? 0) rows but only \(w.rowsDistinct ?? 0) distinct ones; the copies agree and are dropped.")]
            case .identicalInputs: return [.text("\((w.files ?? []).joined(separator: " and ")) are byte-identical.")]
            case .modelIdsNameOtherSize: return [.text(Self.otherSizeSentence(w))]
            }
        }
        return [
            "available": true,
            "dynamicsRun": r.dynamicsRun,
            "dynamicsSummary": TrainingNarrative.dynamicsSummary(r, big2: big2),
            "ablationSummary": TrainingNarrative.ablationSummary(r, big2: big2),
            "words": String(r.words),
            "figures": [
                "fig4a": dynamics(mainFamilies, id: "fig4a", number: "Figure 4a"),
                "figA5a": dynamics(allFamilies, id: "figA5a", number: "Figure A5a"),
                "fig4b": ablation(mainFamilies, appendix: false, id: "fig4b", number: "Figure 4b"),
                "figA5b": ablation(allFamilies, appendix: true, id: "figA5b", number: "Figure A5b"),
            ],
            "runs": assets.table(runs),
            "warnings": HTMLNode.ul(warnings),
            "tokenFiles": r.tokenDynamics.needs.joined(separator: ", "),
            "tokens": TokenDynamicsPage.context(r.tokenDynamics, source: manifest.training?.tokenDynamics, manifest: manifest, assets: &assets),
        ]
    }

    /// The audit's finding about a file that holds another run than the
    /// manifest lists, from the model ids it holds.
    static func otherSizeSentence(_ w: TrainingWarning) -> String {
        let listed = NumberText.fixed(w.listedSize ?? .nan, decimals: 0), named = NumberText.fixed(w.namedSize ?? .nan, decimals: 0)
        return "\(w.file ?? "") is listed as the \(listed)k-pair run, but its models (\((w.modelIds ?? []).joined(separator: ", "))) "
            + "name \(named)k pairs: it holds the \(named)k run, not a \(listed)k one. The public data has no \(listed)k run, so no \(listed)k point is drawn."
    }

    /// The runs table's note on a data size: the manifest's note on where it
    /// comes from, and what the model ids say when they name a size.
    static func sizeNote(_ run: TrainingRunResult) -> String {
        var parts: [String] = []
        if let named = run.dataSizeInModelIds, named != run.dataSize {
            parts.append("the model ids name \(NumberText.fixed(named, decimals: 0))k: not plotted as \(NumberText.fixed(run.dataSize, decimals: 0))k")
        }
        if let note = run.note { parts.append(note) }
        if run.plotted, run.plottedAt != run.dataSize, run.note == nil {
            parts.append("drawn at \(NumberText.fixed(run.plottedAt, decimals: 0))k")
        }
        return parts.joined(separator: "; ")
    }

    /// The manifest's categories in words: "Agency and Communion".
    static func listed(_ words: [String]) -> String {
        words.count <= 2 ? words.joined(separator: " and ") : words.dropLast().joined(separator: ", ") + " and " + words[words.count - 1]
    }

    /// "At the last step, Gemma: Agency 681.5, Communion 763; …" for captions and alt text.
    static func endpoints(_ r: TrainingSectionResult, _ families: [String]) -> String {
        let parts = families.map { family -> String in
            let rows = r.series.filter { $0.family == family }
            guard let step = rows.map(\.checkpoint).max() else { return family }
            let last = rows.filter { $0.checkpoint == step }.sorted { $0.category < $1.category }
            return "\(family) " + last.map { "\($0.category) \(NumberText.fixed($0.medianRank, decimals: 1))" }.joined(separator: ", ")
        }
        return "At the last step: " + parts.joined(separator: "; ") + "."
    }
}
