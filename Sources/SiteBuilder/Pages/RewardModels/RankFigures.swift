import Analyses
import StudyData
import SVGCharts

/// Maps a §2 result onto the Fig. 1 chart: which values become violins,
/// points, diamonds and stars. It only selects and labels values computed by
/// the analysis; it computes no statistic.
enum RankFigures {
    enum Variant {
        /// Fig. 1a/1b: per-RM means ± SE as points, family mean ± SE.
        case summaries
        /// Fig. A1a/A1b: every median rank as a beeswarm, family mean ± SD.
        case beeswarm
    }

    /// The results each variant is drawn from (the explicit figure map `backbone diff` uses).
    /// Violin densities are not in `results.json`; they follow from `median_ranks`.
    static func dependencies(dictionaryKey key: String, variant: Variant) -> [String] {
        switch variant {
        case .summaries: return DictionaryRankResult.summaryFigurePointers(key: key)
        case .beeswarm: return DictionaryRankResult.beeswarmFigurePointers(key: key)
        }
    }

    static func figure(_ r: DictionaryRankResult, manifest: StudyManifest, id: String, shortName: String, variant: Variant) -> ViolinFacetFigure {
        let framings = r.framingSummary.map(\.framing)
        let shapes: [MarkerShape] = [.circle, .triangle, .square, .diamond]
        let groups = r.families.enumerated().map { i, name in
            GroupStyle(name: name, color: manifest.family(named: name)?.colour ?? "#777777", marker: shapes[i % shapes.count])
        }
        var low = Double.infinity, high = -Double.infinity
        for v in r.violins { low = min(low, v.grid.first ?? low); high = max(high, v.grid.last ?? high) }
        for row in r.medianRanks { low = min(low, row.medianRank); high = max(high, row.medianRank) }
        let domain = max(1, low.rounded(.down))...min(Double(r.answersRanked), high.rounded(.up))

        let panels: [[ViolinPanel]] = framings.map { framing in
            r.categories.map { category in
                let groupsInPanel = r.families.map { family -> ViolinGroup in
                    let violin = r.violins.first { $0.family == family && $0.framing == framing && $0.category == category }
                    let density = violin.map { v in zip(v.grid, v.density).map { DensityPoint(value: $0, density: $1) } } ?? []
                    let summary = r.familyPanelSummaries.first { $0.family == family && $0.framing == framing && $0.category == category }
                    let spread = variant == .summaries ? (summary?.se ?? 0) : (summary?.sd ?? 0)
                    let points: [PointWithError]
                    switch variant {
                    case .summaries:
                        points = r.rmPanelMeans.filter { $0.family == family && $0.framing == framing && $0.category == category }
                            .map { PointWithError(value: $0.mean, lower: $0.mean - $0.se, upper: $0.mean + $0.se,
                                                  label: "\($0.rm): mean median rank \(NumberText.fixed($0.mean, decimals: 2)) ± \(NumberText.fixed($0.se, decimals: 2)) SE") }
                    case .beeswarm:
                        points = r.medianRanks.filter { $0.family == family && $0.framing == framing && $0.category == category }
                            .map { PointWithError(value: $0.medianRank, lower: nil, upper: nil, label: "\($0.rm), \($0.prompt): \(NumberText.fixed($0.medianRank, decimals: 2))") }
                    }
                    let mean = summary?.mean ?? .nan
                    return ViolinGroup(density: density, points: points,
                                       summary: PointWithError(value: mean, lower: mean - spread, upper: mean + spread,
                                                               label: "\(family) mean \(NumberText.fixed(mean, decimals: 2)) ± \(NumberText.fixed(spread, decimals: 2)) \(variant == .summaries ? "SE" : "SD")"))
                }
                let panel = r.panels.first { $0.framing == framing && $0.category == category }
                return ViolinPanel(groups: groupsInPanel, annotation: panel?.stars.rawValue ?? "")
            }
        }
        return ViolinFacetFigure(
            id: id,
            title: "Median rank of \(shortName) answers by reward-model family",
            description: Narrative.figureDescription(r, shortName: shortName, variant: variant),
            rowLabels: framings.map { $0 == .positive ? "Positive prompts" : "Negative prompts" },
            columnLabels: r.categories,
            yAxisTitle: "Median rank (\(shortName))\n#1 = best, #\(r.answersRanked) = worst",
            yDomain: domain,
            reversedY: true,
            groups: groups,
            pointStyle: variant == .summaries ? .summaries : .beeswarm,
            panels: panels)
    }
}
