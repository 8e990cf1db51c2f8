import Foundation
import OutputFormat
import RunDiff

/// The diff as an HTML fragment: summary, headline, inputs and options,
/// figures old and new side by side, and a table of changed values per
/// section (old, new, Δ, relative Δ), plus the files the fragment links
/// (SVGs, a CSV of every change). Shared by `backbone diff --html` and the
/// "Changes since the previous build" page of `backbone build --compare-to`,
/// so both show the same content. Built as an `HTMLNode` tree: labels,
/// pointers, values and paths from the two runs are text nodes and attribute
/// values, escaped by the tree's renderer, so a hostile string in a run can
/// never become markup here.
struct DiffPage {
    /// Rows per section on the page; the CSV download always has every change.
    static let rowsPerSection = 200

    /// The page content, in order.
    private(set) var nodes: [HTMLNode] = []
    var files: [String: Data] = [:]

    /// The content as HTML, for a page shell that takes a string (the report's Mustache layout).
    var body: String { nodes.rendered() }

    /// `assetFolder`: where this page's own files go (`""` or `changes/`).
    /// `newFigurePath`: a figure of the new build already in the site, or nil to copy it.
    init(_ d: RunDiff, heading: String, assetFolder: String, newFigurePath: ((FigureChange) -> String?)? = nil) {
        let csvPath = assetFolder + "downloads/changes.csv"
        files[csvPath] = Data(Self.csv(d).utf8)
        var page: [HTMLNode] = [
            .element("h1", [:], [.text(heading)]),
            .p(class: "lead", [.text("\(d.oldLabel) → \(d.newLabel): " + (d.hasChanges ? "results changed." : "no changes beyond tolerance."))]),
            .p([.text("\(DiffValueText.summary(d)) (tolerance \(DiffValueText.tolerance(d.tolerance))).")]),
            .p(class: "downloads", [.a(href: csvPath, ["Every difference (CSV)"])]),
        ]
        page += Self.headline(d) + Self.manifest(d)
        page += figures(d, assetFolder: assetFolder, newFigurePath: newFigurePath)
        page += Self.values(d)
        nodes = page
    }

    private static func heading(_ text: String, id: String) -> HTMLNode { .element("h2", ["id": id], [.text(text)]) }

    private static func headline(_ d: RunDiff) -> [HTMLNode] {
        let heading = heading("Headline", id: "headline")
        guard !d.headline.isEmpty else { return [heading, .p(["No significance or sign changes."])] }
        let table = ReportTable(id: "diff-headline", caption: "Significance stars or p-value thresholds crossed, and estimates that changed sign.",
                                columns: ["Value", "Old", "New", "Δ", "Change"],
                                rows: d.headline.map { c in
                                    [.text(DiffValueText.pointer(c.pointer)), .text(DiffValueText.old(c)), .text(DiffValueText.new(c)),
                                     .text(DiffValueText.delta(c)), .text(DiffValueText.headlineNote(c))]
                                })
        return [heading, table.node(includeDownloadLink: false)]
    }

    private static func manifest(_ d: RunDiff) -> [HTMLNode] {
        let heading = heading("Inputs and options", id: "inputs-and-options")
        guard let m = d.manifest else { return [heading, .p(["Not compared: a side has no ", .code("manifest.json"), "."])] }
        guard !m.isEmpty else {
            return [heading, .p(["Identical inputs (by SHA-256; log-prob tables by a fingerprint of what was read), options and tool version."])]
        }
        let rows: [[ReportTable.Cell]] = m.settings.map { [.text($0.name), .text($0.old), .text($0.new)] }
            + m.inputs.map { [.text($0.path), .text(""), .text($0.status)] }
        let table = ReportTable(id: "diff-manifest", caption: "Options, versions and input files that differ (from manifest.json).",
                                columns: ["Setting or input", "Old", "New"], rows: rows)
        return [heading, table.node(includeDownloadLink: false)]
    }

    /// One `<figure>` per changed figure, old and new side by side; records
    /// the SVGs it links that are not already in the site in `files`.
    private mutating func figures(_ d: RunDiff, assetFolder: String, newFigurePath: ((FigureChange) -> String?)?) -> [HTMLNode] {
        let heading = Self.heading("Figures", id: "figures")
        guard d.figureMapAvailable else { return [heading, .p(["Not compared: neither build recorded which results its figures are drawn from."])] }
        guard !d.figures.isEmpty else { return [heading, .p(["No figure is drawn from a changed value."])] }
        var out = [heading]
        for f in d.figures {
            let id = SiteNames.slug(f.source.id)
            var sides: [HTMLNode] = []
            for (side, data) in [("old", f.oldSVG), ("new", f.newSVG)] {
                let name = side == "old" ? "Old" : "New"
                guard let data else {
                    sides.append(.element("figure", [:], [.p(["Not in this build."]), .element("figcaption", [:], [.text(name)])]))
                    continue
                }
                let path: String
                if side == "new", let inSite = newFigurePath?(f) {
                    path = inSite
                } else {
                    path = assetFolder + "figures/\(side)/\(id).svg"
                    files[path] = data
                }
                let label = side == "old" ? d.oldLabel : d.newLabel
                sides.append(.element("figure", [:], [
                    .a(href: path, [.element("img", ["src": path, "alt": "\(f.source.label) in \(label)"])]),
                    .element("figcaption", [:], [.text("\(name): \(label)")]),
                ]))
            }
            out.append(.element("figure", ["class": "diff-figure", "id": "diff-" + id], [
                .div(class: "side-by-side", sides),
                .element("figcaption", [:], [
                    .strong(f.source.label), " (", .code(f.source.file), ")", .text(": \(DiffTextReport.figureNote(f))."),
                ]),
            ]))
        }
        return out
    }

    private static func values(_ d: RunDiff) -> [HTMLNode] {
        let heading = heading("Changed values", id: "changed-values")
        let sections = d.sections()
        guard !sections.isEmpty else { return [heading, .p(["No value changed beyond tolerance."])] }
        var out: [HTMLNode] = [
            heading,
            .p(["Values are addressed by JSON Pointer into ", .code("results.json"), "; list items are named by their identifying fields."]),
        ]
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
            out.append(table.node(includeDownloadLink: false))
        }
        return out
    }

    /// Every difference, including those within tolerance, one row each.
    static func csv(_ d: RunDiff) -> String {
        CSVWriter.write(header: ["pointer", "status", "old", "new", "delta", "relative_delta", "headline"], rows: d.changes.map { c in
            [.text(c.pointer.description), .text(c.kind.rawValue), .text(DiffValueText.old(c)), .text(DiffValueText.new(c)),
             c.delta.map { .number($0) } ?? .text(""), c.relativeDelta.map { .number($0) } ?? .text(""), .text(DiffValueText.headlineNote(c))]
        })
    }
}
