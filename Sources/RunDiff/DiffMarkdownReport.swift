import OutputFormat


/// The pull-request rendering of a diff (GitHub-flavoured Markdown): a
/// summary line, the headline as a table, inputs and options, figures, and
/// one collapsible table per section. Every value sits in a code span with
/// `|` escaped, so data can neither break the table nor inject Markdown.
public enum DiffMarkdownReport {
    public static func render(_ d: RunDiff, limit: Int = 20, showWithinTolerance: Bool = false) -> String {
        var out = "### Backbone diff: \(code(d.oldLabel)) → \(code(d.newLabel))\n\n"
        out += d.hasChanges ? "**Results changed.** " : "**No changes beyond tolerance.** "
        out += DiffValueText.summary(d) + " (tolerance " + DiffValueText.tolerance(d.tolerance) + ").\n"
        if !d.headline.isEmpty {
            out += "\n#### Headline: significance and sign changes\n\n| Value | Old | New | Note |\n|---|---|---|---|\n"
            for c in d.headline {
                out += "| \(code(DiffValueText.pointer(c.pointer))) | \(code(DiffValueText.old(c))) | \(code(DiffValueText.new(c))) | \(cell(DiffValueText.headlineNote(c))) |\n"
            }
        }
        if let m = d.manifest {
            if m.isEmpty {
                out += "\nInputs and options: identical.\n"
            } else {
                out += "\n#### Inputs and options\n\n| Setting or input | Old | New |\n|---|---|---|\n"
                for s in m.settings { out += "| \(code(s.name)) | \(code(s.old)) | \(code(s.new)) |\n" }
                for i in m.inputs { out += "| \(code(i.path)) | | \(cell(i.status)) |\n" }
            }
        }
        if !d.figures.isEmpty {
            out += "\n#### Figures\n\n"
            for f in d.figures { out += "- \(cell(f.source.label)) (\(code(f.source.file))): \(DiffTextReport.figureNote(f))\n" }
        }
        let sections = d.sections(includeWithinTolerance: showWithinTolerance)
        if !sections.isEmpty { out += "\n#### Changed values\n" }
        for (section, changes) in sections {
            let title = section.segments.isEmpty ? "(top level)" : DiffValueText.pointer(section)
            out += "\n<details><summary>\(xmlEscaped(DiffValueText.visible(title))) (\(changes.count))</summary>\n\n"
            out += "| Value | Old | New | Δ | Relative Δ |\n|---|---|---|---|---|\n"
            let shown = limit > 0 ? Array(changes.prefix(limit)) : changes
            for c in shown {
                let label = DiffValueText.relative(c.pointer, to: section) + DiffValueText.extent(c)
                let kind = c.kind == .changed ? "" : " (\(DiffValueText.kindWord(c.kind)))"
                out += "| \(code(label))\(kind) | \(code(DiffValueText.old(c))) | \(code(DiffValueText.new(c))) | \(cell(DiffValueText.delta(c))) | \(cell(DiffValueText.relativeDelta(c))) |\n"
            }
            if shown.count < changes.count { out += "\n… and \(changes.count - shown.count) more.\n" }
            out += "\n</details>\n"
        }
        return out
    }

    /// A code span that survives any content: a backtick fence longer than any run inside, pipes escaped.
    static func code(_ s: String) -> String {
        let text = DiffValueText.visible(s).replacingOccurrences(of: "|", with: "\\|")
        if text.isEmpty { return "" }
        var longest = 0, run = 0
        for ch in text { if ch == "`" { run += 1; longest = max(longest, run) } else { run = 0 } }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
        return fence + pad + text + pad + fence
    }

    /// Plain table cell text: pipes escaped, markup characters as entities.
    static func cell(_ s: String) -> String {
        htmlText(DiffValueText.visible(s)).replacingOccurrences(of: "|", with: "\\|")
    }

    static func htmlText(_ s: String) -> String {
        var out = ""
        for ch in xmlEscaped(s) {
            if "\\*_`[]~".contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }
}
