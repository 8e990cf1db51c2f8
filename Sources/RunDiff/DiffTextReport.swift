import OutputFormat

/// The terminal and CI rendering of a diff: changed-only, headline first,
/// then inputs and options, figures, and the changes section by section.
/// `limit` caps rows per section (0 = all) so one swapped dictionary does not
/// scroll a thousand lines past the headline; `--format json` has everything.
public enum DiffTextReport {
    public static func render(_ d: RunDiff, limit: Int = 20, showWithinTolerance: Bool = false) -> String {
        var out = "backbone diff: \(d.oldLabel) → \(d.newLabel)\n"
        out += "results: \(DiffValueText.summary(d)) (tolerance \(DiffValueText.tolerance(d.tolerance)))\n"
        if !d.hasChanges {
            out += "\nNo changes beyond tolerance.\n"
        }
        if !d.headline.isEmpty {
            out += "\nHeadline: significance and sign changes (\(d.headline.count))\n"
            for c in d.headline {
                out += "  \(DiffValueText.pointer(c.pointer)): \(DiffValueText.old(c)) → \(DiffValueText.new(c))  [\(DiffValueText.headlineNote(c))]\n"
            }
        }
        out += manifest(d)
        if !d.figures.isEmpty {
            out += "\nFigures\n"
            for f in d.figures { out += "  \(f.source.label) (\(f.source.file)): \(DiffTextReport.figureNote(f))\n" }
        }
        for (section, changes) in d.sections(includeWithinTolerance: showWithinTolerance) {
            let title = section.segments.isEmpty ? "(top level)" : DiffValueText.pointer(section)
            out += "\n\(title) (\(changes.count))\n"
            let shown = limit > 0 ? Array(changes.prefix(limit)) : changes
            for c in shown { out += "  " + row(c, section: section) + "\n" }
            if shown.count < changes.count {
                out += "  … and \(changes.count - shown.count) more (--limit 0 shows all)\n"
            }
        }
        return out
    }

    static func row(_ c: ValueChange, section: ResultPointer) -> String {
        let where_ = DiffValueText.relative(c.pointer, to: section)
        switch c.kind {
        case .added: return "+ \(where_)\(DiffValueText.extent(c)) = \(DiffValueText.new(c))"
        case .removed: return "- \(where_)\(DiffValueText.extent(c)) was \(DiffValueText.old(c))"
        case .changed, .withinTolerance:
            var s = "\(where_): \(DiffValueText.old(c)) → \(DiffValueText.new(c))"
            if c.delta != nil {
                s += "  Δ \(DiffValueText.delta(c))"
                let r = DiffValueText.relativeDelta(c)
                if !r.isEmpty { s += " (\(r))" }
            }
            if c.kind == .withinTolerance { s += "  [within tolerance]" }
            return s
        }
    }

    static func manifest(_ d: RunDiff) -> String {
        guard let m = d.manifest else { return "\nInputs and options: not compared (a side has no manifest.json)\n" }
        guard !m.isEmpty else { return "\nInputs and options: identical\n" }
        var out = "\nInputs and options (manifest.json)\n"
        for s in m.settings { out += "  \(s.name): \(s.old) → \(s.new)\n" }
        for i in m.inputs { out += "  \(CanonicalJSON.quoted(i.path)): \(i.status)\n" }
        return out
    }

    package static func figureNote(_ f: FigureChange) -> String {
        f.valuesChanged > 0 ? "\(f.valuesChanged) underlying value\(f.valuesChanged == 1 ? "" : "s") changed"
                            : "drawing differs, values unchanged"
    }
}
