import OutputFormat

/// The machine rendering of a diff, for scripts: canonical JSON (sorted keys,
/// 10 significant digits) with changes in the same stable order as the other
/// formats, so two runs of the same diff give the same bytes. Nothing is
/// truncated. Assembled as a `JSONTree` directly, so keys from the data
/// (e.g. an option name) are written exactly, not re-cased.
public enum DiffJSONReport {
    public static func render(_ d: RunDiff) -> String {
        var summary: [String: JSONTree] = [:]
        for kind in ValueChange.Kind.allCases { summary[kind.rawValue] = .integer(Int64(d.count(kind))) }
        summary["unchanged"] = .integer(Int64(d.unchanged))
        summary["significance_changes"] = .integer(Int64(d.changes.filter { $0.significance != nil }.count))
        summary["sign_flips"] = .integer(Int64(d.changes.filter(\.signFlip).count))
        var root: [String: JSONTree] = [
            "old": .string(d.oldLabel),
            "new": .string(d.newLabel),
            "changed": .bool(d.hasChanges),
            "tolerance": .object(["absolute": .double(d.tolerance.absolute), "relative": .double(d.tolerance.relative)]),
            "summary": .object(summary),
            "headline": .array(d.headline.map { .string($0.pointer.description) }),
            "changes": .array(d.changes.map(change)),
            "figures": .array(d.figures.map { f in
                .object(["id": .string(f.source.id), "file": .string(f.source.file), "label": .string(f.source.label),
                         "values_changed": .integer(Int64(f.valuesChanged)), "drawing_changed": .bool(f.drawingChanged)])
            }),
        ]
        if let m = d.manifest {
            root["manifest"] = .object([
                "settings": .array(m.settings.map { .object(["name": .string($0.name), "old": .string($0.old), "new": .string($0.new)]) }),
                "inputs": .array(m.inputs.map { .object(["path": .string($0.path), "status": .string($0.status)]) }),
            ])
        } else {
            root["manifest"] = .null
        }
        return CanonicalJSON.encode(tree: .object(root))
    }

    static func change(_ c: ValueChange) -> JSONTree {
        var o: [String: JSONTree] = ["pointer": .string(c.pointer.description), "kind": .string(c.kind.rawValue),
                                     "old": c.old ?? .null, "new": c.new ?? .null]
        if let delta = c.delta { o["delta"] = .double(delta) }
        if let r = c.relativeDelta { o["relative_delta"] = .double(r) }
        if let s = c.significance { o["significance"] = .object(["old": .string(s.old), "new": .string(s.new)]) }
        if c.signFlip { o["sign_flip"] = .bool(true) }
        if c.kind == .added || c.kind == .removed { o["values"] = .integer(Int64(c.leafCount)) }
        return .object(o)
    }
}
