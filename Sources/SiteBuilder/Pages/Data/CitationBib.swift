import StudyData

/// `citation.bib`: BibTeX for what a paper built on this report should cite —
/// the study, each dictionary, and the Backbone version that made the
/// numbers. The manifest gives the references as free text, so each entry
/// carries it whole in `note` (escaped: nothing from the manifest becomes a
/// command) rather than guessing authors and years out of it.
enum CitationBib {
    static let fileName = "citation.bib"

    static func write(_ manifest: StudyManifest) -> String {
        var out = "% citation.bib, written by Backbone \(SiteVersion.tool) from content/study.yaml.\n\n"
        out += entry("misc", key: "study", fields: [
            ("title", "{" + LaTeXText.escape(manifest.title) + "}"),
            ("note", LaTeXText.escape(manifest.citation)),
        ])
        for d in manifest.dictionaries {
            out += entry("misc", key: "dictionary:" + LaTeXText.key(d.id), fields: [
                ("title", LaTeXText.escape(d.name)),
                ("note", LaTeXText.escape(d.citation)),
            ])
        }
        out += entry("misc", key: "backbone:" + LaTeXText.key(SiteVersion.tool), fields: [
            ("title", "Backbone: the analysis report of " + LaTeXText.escape("“\(manifest.title)”") + ", regenerated from data"),
            ("howpublished", "Software, version " + LaTeXText.escape(SiteVersion.tool) + " (results schema " + LaTeXText.escape(SiteVersion.schema) + ")"),
            ("note", "The report's \\texttt{manifest.json} lists every input with its SHA-256 and every option"),
        ])
        return out
    }

    private static func entry(_ type: String, key: String, fields: [(String, String)]) -> String {
        "@\(type){\(key),\n" + fields.map { "  \($0.0) = {\($0.1)}" }.joined(separator: ",\n") + "\n}\n\n"
    }
}
