import Analyses
import StudyData
import SVGCharts

/// The §4 page: Fig. 4a / A5a (median rank over checkpoints) and Fig. 4b /
/// A5b (last checkpoint against the amount of preference data), the run
/// audit and its warnings. Selects and labels result values only.
enum TrainingPage {
    static let shapes: [MarkerShape] = [.circle, .triangle, .square, .diamond]

    static func context(_ result: TrainingSectionResult?, manifest: StudyManifest, assets: inout SiteAssets) -> [String: Any] {
        guard let r = result else { return ["available": false] }
        func colour(_ family: String) -> String { manifest.family(named: family)?.colour ?? "#777777" }
        func style(_ family: String, _ i: Int) -> GroupStyle { GroupStyle(name: family, color: colour(family), marker: shapes[i % shapes.count]) }
        let categories = Array(Set(r.series.map(\.category) + r.ablationPoints.map(\.category))).sorted()
        let yTitle = "Median rank (Big Two)\n#1 = best, #\(r.words) = worst"
        let allRanks = r.series.map(\.medianRank) + r.ablationPoints.map(\.medianRank)
        let yDomain = (allRanks.min().map { ($0 / 50).rounded(.down) * 50 } ?? 1)...(allRanks.max().map { ($0 / 50).rounded(.up) * 50 } ?? Double(r.words))

        func dynamics(_ families: [String], id: String, number: String) -> String {
            let checkpoints = r.series.map { Double($0.checkpoint) }
            let panels = categories.map { category in
                LinePanel(lines: families.map { family in
                    r.series.filter { $0.family == family && $0.category == category }
                        .map { LinePoint(x: Double($0.checkpoint), y: $0.medianRank, label: "\(family), \(category), step \($0.checkpoint): \(NumberText.fixed($0.medianRank, decimals: 1))") }
                })
            }
            let figure = LineFacetFigure(
                id: id, title: "Median rank of Big Two categories over RM training (\(r.dynamicsRun))",
                description: "Median rank (1 = best of \(r.words)) of Agency and Communion words at each checkpoint of the \(r.dynamicsRun) run, one line per base-model family (\(families.joined(separator: ", "))). " + endpoints(r, families),
                panelLabels: categories, xAxisTitle: "Training step", xDomain: (checkpoints.min() ?? 0)...(checkpoints.max() ?? 1),
                yAxisTitle: yTitle, yDomain: yDomain, reversedY: true,
                series: families.enumerated().map { style($1, $0) }, panels: panels)
            let table = ReportTable(id: "\(id)_series", caption: "\(number): plotted values.",
                                    columns: ["Family", "Category", "Step", "Median rank"],
                                    rows: r.series.filter { families.contains($0.family) }.map {
                                        [.text($0.family), .text($0.category), .integer($0.checkpoint), .number($0.medianRank, decimals: 1)]
                                    })
            return assets.figure(id: id, number: number,
                                 caption: "Median rank of the Agency and Communion words at each checkpoint of the \(r.dynamicsRun) run (\(families.joined(separator: ", ")) base models); lower is better. \(endpoints(r, families))",
                                 svg: figure.svg(), data: table, dependsOn: ["/training/series"])
        }

        func ablation(_ families: [String], methods: Set<String>, id: String, number: String) -> String {
            let points = r.ablationPoints.filter { families.contains($0.family) && methods.contains($0.method) }
            // Colour = family, shape = source (UnifiedFeedback circle, Skywork
            // triangle, both diamond), as in the paper; points of one family
            // and source are joined in order of size.
            let sources = Array(Set(points.map(\.source))).sorted { sourceShape($0).rawValue < sourceShape($1).rawValue || sourceShape($0) == sourceShape($1) && $0 < $1 }
            var series: [GroupStyle] = []
            var lineKeys: [(family: String, source: String)] = []
            for family in families {
                for source in sources where points.contains(where: { $0.family == family && $0.source == source }) {
                    series.append(GroupStyle(name: "\(family) \(sourceAbbreviation(source))", color: colour(family), marker: sourceShape(source)))
                    lineKeys.append((family, source))
                }
            }
            // An ordinal axis: sizes range from 13k to 632k, so equal spacing
            // keeps every point readable; tick labels give the sizes.
            let sizes = Array(Set(points.map(\.plottedAt))).sorted()
            func position(_ size: Double) -> Double { Double(sizes.firstIndex(of: size)! + 1) }
            let panels = categories.map { category in
                LinePanel(lines: lineKeys.map { key in
                    points.filter { $0.family == key.family && $0.source == key.source && $0.category == category }
                        .sorted { $0.plottedAt < $1.plottedAt }
                        .map { p in LinePoint(x: position(p.plottedAt), y: p.medianRank,
                                              label: "\(p.family), \(p.run) (\(p.source), \(p.method), \(NumberText.fixed(p.dataSize, decimals: 0))k pairs\(p.sameDataAs.isEmpty ? "" : ", same data as \(p.sameDataAs.joined(separator: ", "))")): \(NumberText.fixed(p.medianRank, decimals: 1))") }
                })
            }
            var figure = LineFacetFigure(
                id: id, title: "Median rank at the last checkpoint against preference-data size",
                description: "Median rank (1 = best of \(r.words)) at each trained RM's last checkpoint against thousands of preference pairs; colour = family (\(families.joined(separator: ", "))), shape = data source (\(sources.joined(separator: ", "))).",
                panelLabels: categories, xAxisTitle: "Preference pairs (thousands; equally spaced)", xDomain: 0.5...(Double(sizes.count) + 0.5),
                xTicks: sizes.indices.map { Double($0 + 1) }, yAxisTitle: yTitle, yDomain: yDomain, reversedY: true, series: series, panels: panels)
            figure.xTickLabels = sizes.map { size in
                let grm = points.contains { $0.plottedAt == size && $0.method == "GRM" }
                return NumberText.fixed(size, decimals: 0) + (grm ? " GRM" : "")
            }
            let table = ReportTable(id: "\(id)_points", caption: "\(number): plotted values (last checkpoint of each trained RM).",
                                    columns: ["Run", "Data (k pairs)", "Plotted at", "Source", "Method", "Family", "Category", "Step", "Median rank", "Same data as"],
                                    rows: points.map {
                                        [.text($0.run), .number($0.dataSize, decimals: 0), .number($0.plottedAt, decimals: 0), .text($0.source), .text($0.method),
                                         .text($0.family), .text($0.category), .integer($0.checkpoint), .number($0.medianRank, decimals: 1),
                                         .text($0.sameDataAs.joined(separator: ", "))]
                                    })
            return assets.figure(id: id, number: number,
                                 caption: "Median rank at the last checkpoint of each trained RM against the amount of preference data (thousands of pairs; GRM drawn at \(NumberText.fixed(r.runs.first { $0.method == "GRM" }?.plottedAt ?? 0, decimals: 0))k as in the paper). \(r.warnings.contains { $0.code == "identical-inputs" } ? "The 13k and 27k points come from byte-identical files: they are the same data." : "")",
                                 svg: figure.svg(), data: table, dependsOn: ["/training/ablation_points"])
        }

        let twoFamilies = ["Gemma", "Llama"].filter { f in r.series.contains { $0.family == f } }
        let allFamilies = manifest.families.map(\.name).filter { f in r.series.contains { $0.family == f } || r.ablationPoints.contains { $0.family == f } }
        let runs = ReportTable(id: "training_runs", caption: "The study's RM-training summary files and what the build read from them.",
                               columns: ["Run", "File", "Data (k pairs)", "Source", "Method", "Rows read", "Distinct rows"],
                               rows: r.runs.map { [.text($0.id), .text($0.file), .number($0.dataSize, decimals: 0), .text($0.source), .text($0.method),
                                                   .integer($0.rowsRead), .integer($0.rowsDistinct)] })
        let warnings = r.warnings.map { w -> String in
            switch w.code {
            case "duplicate-rows": return "\(HTML.escape(w.file ?? "")) has \(w.rowsRead ?? 0) rows but only \(w.rowsDistinct ?? 0) distinct ones; the copies agree and are dropped."
            case "identical-inputs": return "\((w.files ?? []).map(HTML.escape).joined(separator: " and ")) are byte-identical: the two ablation points are the same data."
            default: return HTML.escape(w.code)
            }
        }
        return [
            "available": true,
            "dynamicsRun": r.dynamicsRun,
            "words": String(r.words),
            "figures": [
                "fig4a": dynamics(twoFamilies, id: "fig4a", number: "Figure 4a"),
                "figA5a": dynamics(allFamilies, id: "figA5a", number: "Figure A5a"),
                "fig4b": ablation(twoFamilies, methods: ["BT", "GRM"], id: "fig4b", number: "Figure 4b"),
                "figA5b": ablation(allFamilies, methods: ["BT"], id: "figA5b", number: "Figure A5b"),
            ],
            "runs": assets.table(runs),
            "warnings": SiteContext.htmlList(warnings),
            "tokenFiles": r.tokenDynamics.needs.joined(separator: ", "),
            "tokens": tokenContext(r.tokenDynamics, manifest: manifest, assets: &assets),
        ]
    }

    /// Fig. 5 / A6 (rank changes) and App. G (Kendall τ-b) when checkpoint tables were given.
    static func tokenContext(_ t: TokenDynamicsResult, manifest: StudyManifest, assets: inout SiteAssets) -> [String: Any] {
        guard !t.families.isEmpty else { return ["available": false, "missing": t.missing.joined(separator: ", ")] }
        let categories = [GroupStyle(name: "Agency", color: "#3CB371", marker: .square), GroupStyle(name: "Communion", color: "#FFCE1B", marker: .square)]
        var html = ""
        for (index, family) in t.families.enumerated() {
            let id = index < 2 ? "fig5_\(family.family.lowercased())" : "figA6_\(family.family.lowercased())"
            let number = index < 2 ? "Figure 5 (\(family.family))" : "Figure A6 (\(family.family))"
            let rows = (family.risers + family.fallers).map {
                BarRow(label: $0.word, value: $0.change, group: $0.category == "Agency" ? 0 : 1)
            }
            let figure = BarFigure(id: id, title: "Biggest rank changes during training (\(family.family))",
                                   description: "The \(family.risers.count) Big Two words that rose most and the \(family.fallers.count) that fell most between the first (step \(family.steps.first ?? 0)) and last (step \(family.steps.last ?? 0)) checkpoint of the \(family.family)-based RM; bars are the rank change (first − last, positive = rose), coloured by category. "
                                    + "Top riser: \(family.risers.first.map { "\($0.word) (\($0.category), +\(NumberText.fixed($0.change, decimals: 1)))" } ?? "none"); top faller: \(family.fallers.first.map { "\($0.word) (\($0.category), \(NumberText.fixed($0.change, decimals: 1)))" } ?? "none").",
                                   xAxisTitle: "Rank change, first − last checkpoint (positive = rose)", groups: categories, rows: rows)
            let table = ReportTable(id: "\(id)_rank_changes", caption: "\(number): words, ranks at the first and last checkpoint, change.",
                                    columns: ["Word", "Category", "First rank", "Last rank", "Change"],
                                    rows: (family.risers + family.fallers).map {
                                        [.text($0.word), .text($0.category), .number($0.firstRank, decimals: 1), .number($0.lastRank, decimals: 1), .number($0.change, decimals: 1)]
                                    })
            html += assets.figure(id: id, number: number,
                                  caption: "Rank change of Big Two words (\(family.words) words found) between the first and last checkpoint of the \(family.family)-based RM: the \(family.risers.count) biggest risers and \(family.fallers.count) biggest fallers, Agency green, Communion yellow.",
                                  svg: figure.svg(), data: table, dependsOn: ["/training/token_dynamics"])
        }
        let shapes: [MarkerShape] = [.circle, .triangle, .square, .diamond]
        let series = t.families.enumerated().map { GroupStyle(name: $1.family, color: manifest.family(named: $1.family)?.colour ?? "#777777", marker: shapes[$0 % 4]) }
        let steps = t.families.flatMap(\.steps).map(Double.init)
        let kendall = LineFacetFigure(
            id: "figG1", title: "Kendall τ-b of each checkpoint's word ranking",
            description: "Kendall τ-b between the Big Two word ranking at each checkpoint and the final one (left) and the previous one (right), one line per family.",
            panelLabels: ["Against the final checkpoint", "Against the previous checkpoint"], xAxisTitle: "Training step",
            xDomain: (steps.min() ?? 0)...(steps.max() ?? 1), yAxisTitle: "Kendall τ-b", yDomain: -1...1, reversedY: false,
            series: series,
            panels: [LinePanel(lines: t.families.map { f in f.kendall.map { LinePoint(x: Double($0.step), y: $0.vsFinal) } }),
                     LinePanel(lines: t.families.map { f in f.kendall.compactMap { k in k.vsPrevious.map { LinePoint(x: Double(k.step), y: $0) } } })])
        let table = ReportTable(id: "figG1_kendall", caption: "App. G: Kendall τ-b per checkpoint.", columns: ["Family", "Step", "τ-b vs final", "τ-b vs previous"],
                                rows: t.families.flatMap { f in f.kendall.map { [.text(f.family), .integer($0.step), .number($0.vsFinal, decimals: 4),
                                                                                  $0.vsPrevious.map { .number($0, decimals: 4) } ?? .text("—")] } })
        let kendallHTML = assets.figure(id: "figG1", number: "Figure G1", caption: "How similar each checkpoint's ranking of the Big Two words is to the final one and to the previous one (Kendall τ-b, ties corrected).",
                                        svg: kendall.svg(), data: table, dependsOn: ["/training/token_dynamics"])
        return ["available": true, "figures": html, "kendall": kendallHTML, "missing": t.missing.joined(separator: ", "),
                "partial": !t.missing.isEmpty]
    }

    /// Short legend names (UF, Sky, UF+Sky) so the legend fits the figure.
    static func sourceAbbreviation(_ source: String) -> String {
        source.replacingOccurrences(of: "UnifiedFeedback", with: "UF").replacingOccurrences(of: "Skywork", with: "Sky")
            .replacingOccurrences(of: " + ", with: "+")
    }

    /// Marker of a preference-data source in Fig. 4b / A5b.
    static func sourceShape(_ source: String) -> MarkerShape {
        let s = source.lowercased()
        if s.contains("unifiedfeedback") && s.contains("skywork") { return .diamond }
        if s.contains("skywork") { return .triangle }
        return .circle
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
