import Analyses
import StudyData
import SVGCharts

/// Maps §3 results onto charts: Fig. 2 split violins and the Fig. 3
/// lollipop. Selects and labels values the analyses computed; computes no statistic.
enum LogprobFigures {
    static func splitViolins(_ pair: LogprobRankPairResult, framing: Framing, nouns: String, id: String, manifest: StudyManifest,
                             simulated: Bool = false) -> SplitViolinFigure {
        let section = manifest.logprobs
        func style(_ model: String, _ display: String, _ marker: MarkerShape) -> GroupStyle {
            let family = section?.model(named: model)?.family ?? ""
            return GroupStyle(name: display, color: manifest.family(named: family)?.colour ?? "#777777", marker: marker)
        }
        func half(_ model: String, _ category: String, mean: Double?) -> SplitViolinHalf {
            let violin = pair.violins.first { $0.model == model && $0.framing == framing && $0.category == category }
            let density = violin.map { v in zip(v.grid, v.density).map { DensityPoint(value: $0, density: $1) } } ?? []
            let points = pair.medianRanks.filter { $0.model == model && $0.framing == framing && $0.category == category }
                .map { PointWithError(value: $0.medianRank, label: "\($0.prompt): median rank \(NumberText.fixed($0.medianRank, decimals: 1))") }
            return SplitViolinHalf(density: density, points: points,
                                   summary: mean.map { PointWithError(value: $0, label: "mean \(NumberText.fixed($0, decimals: 2))") })
        }
        let categories = pair.categories.map { category -> SplitViolinCategory in
            let cell = pair.cells.first { $0.category == category && $0.framing == framing }
            return SplitViolinCategory(label: category, left: half(pair.modelA, category, mean: cell?.meanA),
                                       right: half(pair.modelB, category, mean: cell?.meanB), annotation: cell?.stars.rawValue ?? "")
        }
        let words = pair.cells.filter { $0.framing == framing }.map { c in
            "\(c.category): \(pair.displayA) \(NumberText.fixed(c.meanA, decimals: 1)) vs \(pair.displayB) \(NumberText.fixed(c.meanB, decimals: 1)) (\(c.stars.rawValue))"
        }.joined(separator: "; ")
        var low = Double(pair.nouns), high = 1.0
        for v in pair.violins where v.framing == framing { low = min(low, v.grid.first ?? low); high = max(high, v.grid.last ?? high) }
        let domain = max(1, low.rounded(.down))...min(Double(pair.nouns), max(high.rounded(.up), max(1, low.rounded(.down)) + 1))
        return SplitViolinFigure(
            id: id, title: "\(simulatedPrefix(simulated))\(pair.label) models, \(framing.rawValue) prompts: median rank of \(nouns) nouns by log-prob",
            description: "Split violins of the median rank (1 = most probable of \(pair.nouns) nouns) per prompt; left half \(pair.displayA), right half \(pair.displayB). Mean median ranks: \(words). Stars: Welch t-test, Benjamini–Hochberg over the four cells.",
            yAxisTitle: "Median rank (\(framing.rawValue) prompts)\n#1 = most probable, #\(pair.nouns) = least",
            yDomain: domain, reversedY: true,
            groupA: style(pair.modelA, pair.displayA, .circle), groupB: style(pair.modelB, pair.displayB, .triangle),
            categories: categories)
    }

    static func freedomLove(_ rows: [FreedomLoveRow], id: String, names: Figure3Names, simulated: Bool = false) -> LollipopFigure {
        let better = rows.filter { $0.freedom > $0.love }.count
        return LollipopFigure(
            id: id, title: "\(simulatedPrefix(simulated))Implicit reward (MWLR) of Freedom and Love, \(names.direction)",
            description: "One row per pair (target \(names.targetFamily) → source \(names.sourceFamily)): mean MWLR of tokens reading \"freedom\" (blue) and \"love\" (red). Freedom scores above Love in \(better) of \(rows.count) pairs.",
            xAxisTitle: "Mean MWLR score (positive: \(names.sourceFamily) favours the token)",
            referenceValue: 0,
            seriesA: GroupStyle(name: "Love", color: "#D62728", marker: .circle),
            seriesB: GroupStyle(name: "Freedom", color: "#1F77B4", marker: .circle),
            rows: rows.map { LollipopRow(label: $0.label, a: $0.love, b: $0.freedom) })
    }
}
