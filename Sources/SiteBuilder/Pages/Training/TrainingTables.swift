import Analyses

/// Compact on-page tables of what Fig. 4a/A5a and 4b/A5b plot, one row per
/// line or per trained RM, so the values can be read without hovering. The
/// long-format CSV of each figure remains the download.
enum TrainingTables {
    /// Family × category rows, one column per checkpoint.
    static func series(_ points: [TrainingSeriesPoint], families: [String], id: String, number: String) -> HTMLNode {
        let steps = Array(Set(points.map(\.checkpoint))).sorted()
        let categories = Array(Set(points.map(\.category))).sorted()
        var rows: [[ReportTable.Cell]] = []
        for family in families {
            for category in categories {
                let line = points.filter { $0.family == family && $0.category == category }
                guard !line.isEmpty else { continue }
                rows.append([.text("\(family), \(category)")] + steps.map { step in
                    line.first { $0.checkpoint == step }.map { .number($0.medianRank, decimals: 1) } ?? .text("—")
                })
            }
        }
        return ReportTable(id: "\(id)_compact", caption: "\(number): median rank at each training step (columns: step; #1 = best).",
                           columns: ["Family, category"] + steps.map { String($0) }, rows: rows).node(includeDownloadLink: false)
    }

    /// One row per trained run, one column per family × category.
    static func ablation(_ points: [AblationPoint], families: [String], id: String, number: String) -> HTMLNode {
        let categories = Array(Set(points.map(\.category))).sorted()
        var runs: [AblationPoint] = []
        for p in points.sorted(by: { ($0.plottedAt, $0.run) < ($1.plottedAt, $1.run) }) where !runs.contains(where: { $0.run == p.run }) { runs.append(p) }
        let keys = families.flatMap { f in categories.map { (f, $0) } }.filter { k in points.contains { $0.family == k.0 && $0.category == k.1 } }
        let rows: [[ReportTable.Cell]] = runs.map { run in
            [.text(run.run), .number(run.plottedAt, decimals: 0), .text("\(run.source), \(run.method)")] + keys.map { k in
                points.first { $0.run == run.run && $0.family == k.0 && $0.category == k.1 }.map { .number($0.medianRank, decimals: 1) } ?? .text("—")
            } + [.text(run.sameDataAs.isEmpty ? "" : "same data as \(run.sameDataAs.joined(separator: ", "))")]
        }
        return ReportTable(id: "\(id)_compact", caption: "\(number): median rank at the last checkpoint (#1 = best).",
                           columns: ["Run", "Plotted at (k pairs)", "Source, method"] + keys.map { "\($0.0) \($0.1)" } + ["Note"],
                           rows: rows).node(includeDownloadLink: false)
    }
}
