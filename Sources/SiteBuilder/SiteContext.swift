import Analyses
import StudyData
import SVGCharts

/// The values page prose can name with Mustache tags, e.g.
/// `{{big2.lme.randomSd}}` or `{{{big2.figures.main}}}`: the values every
/// page shares, and the step that hands the whole context to Mustache. Each
/// page's own values are assembled in `Pages/<page>/`. Numbers are
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
}
