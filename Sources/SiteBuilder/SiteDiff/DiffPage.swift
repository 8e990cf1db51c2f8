import Foundation
import OutputFormat
import RunDiff

/// The diff as an HTML fragment: summary, headline, inputs and options,
/// figures old and new side by side, and a table of changed values per
/// section (old, new, Δ, relative Δ), plus the files the fragment links
/// (SVGs, a CSV of every change). Shared by `backbone diff --html` and the
/// "Changes since the previous build" page of `backbone build --compare-to`,
/// so both show the same content. Every data string goes through `HTML.escape`.
struct DiffPage {
    /// Rows per section on the page; the CSV download always has every change.
    static let rowsPerSection = 200

    var body = ""
    var files: [String: Data] = [:]

    /// `assetFolder`: where this page's own files go (`""` or `changes/`).
    /// `newFigurePath`: a figure of the new build already in the site, or nil to copy it.
    init(_ d: RunDiff, heading: String, assetFolder: String, newFigurePath: ((FigureChange) -> String?)? = nil) {
        var h = "<h1>\(HTML.escape(heading))</h1>"
        h += "<p class=\"lead\">\(HTML.escape(d.oldLabel)) → \(HTML.escape(d.newLabel)): "
        h += d.hasChanges ? "results changed." : "no changes beyond tolerance."
        h += "</p><p>\(HTML.escape(DiffValueText.summary(d))) (tolerance \(HTML.escape(DiffValueText.tolerance(d.tolerance)))).</p>"
        let csvPath = assetFolder + "downloads/changes.csv"
        files[csvPath] = Data(Self.csv(d).utf8)
        h += "<p class=\"downloads\"><a href=\"\(HTML.escape(csvPath))\">Every difference (CSV)</a></p>"
        h += headline(d) + manifest(d)
        h += figures(d, assetFolder: assetFolder, newFigurePath: newFigurePath)
        h += values(d)
        body = h
    }

    private func headline(_ d: RunDiff) -> String {
        guard !d.headline.isEmpty else { return "<h2 id=\"headline\">Headline</h2><p>No significance or sign changes.</p>" }
        let table = ReportTable(id: "diff-headline", caption: "Significance stars or p-value thresholds crossed, and estimates that changed sign.",
                                columns: ["Value", "Old", "New", "Δ", "Change"],
                                rows: d.headline.map { c in
                                    [.text(DiffValueText.pointer(c.pointer)), .text(DiffValueText.old(c)), .text(DiffValueText.new(c)),
                                     .text(DiffValueText.delta(c)), .text(DiffValueText.headlineNote(c))]
                                })
        return "<h2 id=\"headline\">Headline</h2>" + table.html(includeDownloadLink: false)
    }

    private func manifest(_ d: RunDiff) -> String {
        var h = "<h2 id=\"inputs-and-options\">Inputs and options</h2>"
        guard let m = d.manifest else { return h + "<p>Not compared: a side has no <code>manifest.json</code>.</p>" }
        guard !m.isEmpty else { return h + "<p>Identical inputs (by SHA-256; log-prob tables by a fingerprint of what was read), options and tool version.</p>" }
        let rows: [[ReportTable.Cell]] = m.settings.map { [.text($0.name), .text($0.old), .text($0.new)] }
            + m.inputs.map { [.text($0.path), .text(""), .text($0.status)] }
        h += ReportTable(id: "diff-manifest", caption: "Options, versions and input files that differ (from manifest.json).",
                         columns: ["Setting or input", "Old", "New"], rows: rows).html(includeDownloadLink: false)
        return h
    }

    private mutating func figures(_ d: RunDiff, assetFolder: String, newFigurePath: ((FigureChange) -> String?)?) -> String {
        var h = "<h2 id=\"figures\">Figures</h2>"
        guard d.figureMapAvailable else { return h + "<p>Not compared: neither build recorded which results its figures are drawn from.</p>" }
        guard !d.figures.isEmpty else { return h + "<p>No figure is drawn from a changed value.</p>" }
        for f in d.figures {
            let id = SiteNames.slug(f.source.id)
            h += "<figure class=\"diff-figure\" id=\"diff-\(HTML.escape(id))\"><div class=\"side-by-side\">"
            for (side, data) in [("old", f.oldSVG), ("new", f.newSVG)] {
                h += "<figure>"
                if let data {
                    var path = side == "new" ? newFigurePath?(f) : nil
                    if path == nil {
                        path = assetFolder + "figures/\(side)/\(id).svg"
                        files[path!] = data
                    }
                    let label = side == "old" ? d.oldLabel : d.newLabel
                    h += "<a href=\"\(HTML.escape(path!))\"><img src=\"\(HTML.escape(path!))\" alt=\"\(HTML.escape(f.source.label)) in \(HTML.escape(label))\" /></a>"
                    h += "<figcaption>\(side == "old" ? "Old" : "New"): \(HTML.escape(label))</figcaption>"
                } else {
                    h += "<p>Not in this build.</p><figcaption>\(side == "old" ? "Old" : "New")</figcaption>"
                }
                h += "</figure>"
            }
            h += "</div><figcaption><strong>\(HTML.escape(f.source.label))</strong> (<code>\(HTML.escape(f.source.file))</code>): "
            h += "\(HTML.escape(DiffTextReport.figureNote(f))).</figcaption></figure>"
        }
        return h
    }

    private func values(_ d: RunDiff) -> String {
        var h = "<h2 id=\"changed-values\">Changed values</h2>"
        let sections = d.sections()
        guard !sections.isEmpty else { return h + "<p>No value changed beyond tolerance.</p>" }
        h += "<p>Values are addressed by JSON Pointer into <code>results.json</code>; list items are named by their identifying fields.</p>"
        for (i, (section, changes)) in sections.enumerated() {
            let title = section.segments.isEmpty ? "(top level)" : DiffValueText.pointer(section)
            let shown = Array(changes.prefix(Self.rowsPerSection))
            let more = changes.count - shown.count
            let table = ReportTable(
                id: "diff-section-\(i + 1)",
                caption: "\(title): \(changes.count) difference\(changes.count == 1 ? "" : "s")" + (more > 0 ? " (first \(shown.count) shown; the CSV has all)" : ""),
                columns: ["Value", "Status", "Old", "New", "Δ", "Relative Δ"],
                rows: shown.map { c in
                    [.text(DiffValueText.relative(c.pointer, to: section) + DiffValueText.extent(c)), .text(DiffValueText.kindWord(c.kind)),
                     .text(DiffValueText.old(c)), .text(DiffValueText.new(c)), .text(DiffValueText.delta(c)), .text(DiffValueText.relativeDelta(c))]
                })
            h += table.html(includeDownloadLink: false)
        }
        return h
    }

    /// Every difference, including those within tolerance, one row each.
    static func csv(_ d: RunDiff) -> String {
        CSVWriter.write(header: ["pointer", "status", "old", "new", "delta", "relative_delta", "headline"], rows: d.changes.map { c in
            [.text(c.pointer.description), .text(c.kind.rawValue), .text(DiffValueText.old(c)), .text(DiffValueText.new(c)),
             c.delta.map { .number($0) } ?? .text(""), c.relativeDelta.map { .number($0) } ?? .text(""), .text(DiffValueText.headlineNote(c))]
        })
    }
}
