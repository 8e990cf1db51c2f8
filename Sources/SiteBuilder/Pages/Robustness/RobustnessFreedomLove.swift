import Analyses
import StudyData
import SVGCharts

/// The Robustness page's R5 section: Fig. 3 under every prompt, as a heat
/// map, a per-pair table (CSV and LaTeX), every value as a download, and
/// sentences generated from the counts. Renders `FreedomVsLoveSection`;
/// computes no statistic (counts of the values it states only).
enum RobustnessFreedomLove {
    static func context(_ section: FreedomVsLoveSection?, study: LoadedStudy, assets: inout SiteAssets) -> [String: Any] {
        guard let section else { return ["available": false] }
        let names = Figure3Names(study.manifest)
        var out: [String: Any] = [
            "available": true, "hasPairs": !section.pairs.isEmpty, "prompt": section.figure3Prompt,
            "positivePrompts": String(section.positivePrompts), "negativePrompts": String(section.negativePrompts),
            "statusNote": LogprobsPage.simulatedNote(section.simulated, study: study)
                + LogprobsPage.missingNote(files: section.missing, status: section.status, study: study, scope: "in this section"),
            "summary": HTMLNode.text(summary(section)),
        ]
        guard !section.pairs.isEmpty else { return out }
        let perPrompt = ReportTable(
            id: "robustness_freedom_vs_love_per_prompt",
            caption: "Fig. 3 under every prompt: mean MWLR of the tokens that read as \"freedom\" and \"love\" for each pair and prompt.",
            columns: ["Pair", "\(names.sourceFamily) model", "\(names.targetFamily) model", "Prompt", "Framing", "Freedom MWLR", "Love MWLR", "Freedom − Love",
                      "Freedom tokens", "Love tokens"],
            rows: section.pairs.flatMap { p in p.perPrompt.map { r in
                [.text(p.label), .text(p.llamaModel), .text(p.gemmaModel), .text(r.prompt), .text(r.framing), .number(r.freedomMwlr, decimals: 5),
                 .number(r.loveMwlr, decimals: 5), .number(r.freedomMinusLove, decimals: 5), .integer(r.freedomTokens), .integer(r.loveTokens)]
            } }).labelled(simulated: section.simulated)
        let pairs = ReportTable(
            id: "robustness_freedom_vs_love_pairs",
            caption: "Fig. 3 under every prompt: for each pair (Fig. 3's order), the prompts under which the mean MWLR of Freedom is above that of Love.",
            columns: ["Pair", "\(names.sourceFamily) model", "\(names.targetFamily) model", "Positive prompts", "Freedom > Love (positive)", "Negative prompts", "Freedom > Love (negative)"],
            rows: section.pairs.map { p in
                [.text(p.label), .text(p.llamaModel), .text(p.gemmaModel), .integer(p.positivePrompts), .integer(p.positivePromptsFreedomAboveLove),
                 .integer(p.negativePrompts), .integer(p.negativePromptsFreedomAboveLove)]
            }).labelled(simulated: section.simulated)
        assets.files[perPrompt.downloadPath] = .csv(perPrompt)
        assets.files[perPrompt.latexPath] = .latex(perPrompt)
        let heatMap = figure(section, id: "robustness-freedom-vs-love", names: names)
        out["figure"] = assets.figure(id: "robustness-freedom-vs-love", number: "Figure R4",
                                      caption: "\(simulatedPrefix(section.simulated))Fig. 3 under every prompt: MWLR(Freedom) − MWLR(Love) for each pair (rows, Fig. 3's order) and prompt (columns); blue and + where Freedom scores above Love, red and − where Love does; the paper's Fig. 3 is the column \(section.figure3Prompt).",
                                      svg: heatMap.svg(), data: perPrompt, dependsOn: ["/robustness/freedom_vs_love"])
        out["table"] = assets.table(pairs)
        out["perPromptLink"] = perPrompt.downloadPath
        out["perPromptLaTeX"] = perPrompt.latexPath
        return out
    }

    static func figure(_ section: FreedomVsLoveSection, id: String, names: Figure3Names) -> HeatMapFigure {
        func panel(_ framing: Framing, _ title: String) -> HeatMapPanel {
            let prompts = section.pairs.first?.perPrompt.filter { $0.framing == framing.rawValue }.map(\.prompt) ?? []
            return HeatMapPanel(title: title, columnLabels: prompts, cells: section.pairs.map { p in
                p.perPrompt.filter { $0.framing == framing.rawValue }.map { r in
                    HeatMapCell(value: r.freedomMinusLove,
                                note: "\(p.label), \(r.prompt): Freedom \(NumberText.fixed(r.freedomMwlr, decimals: 5)), Love \(NumberText.fixed(r.loveMwlr, decimals: 5)), difference \(NumberText.fixed(r.freedomMinusLove, decimals: 5))")
                }
            })
        }
        return HeatMapFigure(
            id: id, title: "\(simulatedPrefix(section.simulated))Freedom vs Love (mean MWLR) under every prompt, \(names.direction)",
            description: description(section), rowLabels: section.pairs.map(\.label),
            panels: [panel(.positive, "Positive prompts (\(section.positivePrompts))"), panel(.negative, "Negative prompts (\(section.negativePrompts))")],
            colorTitle: "MWLR(Freedom) − MWLR(Love)", positiveMeaning: "Freedom above Love", negativeMeaning: "Love above Freedom")
    }

    /// The figure's alt text, from the values it shows.
    static func description(_ s: FreedomVsLoveSection) -> String {
        let cells = s.pairs.flatMap(\.perPrompt)
        func count(_ framing: Framing) -> (above: Int, all: Int) {
            let c = cells.filter { $0.framing == framing.rawValue }
            return (c.filter(\.freedomAboveLove).count, c.count)
        }
        let positive = count(.positive), negative = count(.negative)
        let differences = cells.map(\.freedomMinusLove).filter(\.isFinite)
        let range = differences.isEmpty ? "" : " Differences range from \(NumberText.fixed(differences.min()!, decimals: 4)) to \(NumberText.fixed(differences.max()!, decimals: 4))."
        return "Heat map of \(s.pairs.count) pairs by \(s.positivePrompts) positive and \(s.negativePrompts) negative prompts. "
            + "Freedom scores above Love in \(positive.above) of \(positive.all) pair × positive-prompt cells and in \(negative.above) of \(negative.all) pair × negative-prompt cells; "
            + "\(s.pairsFreedomAboveLoveUnderEveryPositivePrompt) of \(s.pairs.count) pairs have Freedom above Love under every positive prompt." + range
    }

    /// The section's sentences, generated from the counts they state.
    static func summary(_ s: FreedomVsLoveSection) -> String {
        guard !s.pairs.isEmpty else { return "" }
        let n = s.pairs.count
        var sentences: [String] = []
        if s.positivePrompts > 0 {
            var text = "The mean MWLR of Freedom is above that of Love under every one of the \(s.positivePrompts) positive prompts in \(s.pairsFreedomAboveLoveUnderEveryPositivePrompt) of \(n) pairs"
            let others = s.pairs.filter { $0.positivePromptsFreedomAboveLove < $0.positivePrompts }.map(\.positivePromptsFreedomAboveLove)
            if let lo = others.min(), let hi = others.max() {
                text += "; in the other \(others.count), under \(lo == hi ? "\(lo)" : "\(lo) to \(hi)") of them"
            }
            sentences.append(text + ".")
        }
        if s.negativePrompts > 0 {
            sentences.append("Under every one of the \(s.negativePrompts) negative prompts it is above in \(s.pairsFreedomAboveLoveUnderEveryNegativePrompt) of \(n) pairs.")
        }
        let figure3 = s.pairs.compactMap { $0.perPrompt.first { $0.prompt == s.figure3Prompt } }
        if !figure3.isEmpty {
            sentences.append("Under the prompt of Fig. 3 (\(s.figure3Prompt)) it is above in \(figure3.filter(\.freedomAboveLove).count) of \(figure3.count) pairs.")
        }
        return (s.simulated ? "SIMULATED tables: " : "") + sentences.joined(separator: " ")
    }
}
