import Foundation
import OutputFormat

/// The comparison of two runs: every result value that moved, what differs in
/// the inputs and options that produced them, and which figures were redrawn
/// from changed values. Every output format (text, Markdown, JSON, HTML) is a
/// rendering of this one value, so they cannot disagree.
public struct RunDiff {
    public var oldLabel: String
    public var newLabel: String
    public var tolerance: DiffTolerance
    package var changes: [ValueChange]
    var unchanged: Int
    /// Differences of `manifest.json` (exact comparison); nil when a side has none.
    package var manifest: ManifestChanges?
    package var figures: [FigureChange]
    /// False when neither side recorded which results its figures are drawn from.
    package var figureMapAvailable: Bool

    /// Whether anything moved beyond tolerance: the exit code (0/1) answers this.
    /// Inputs and options that differ but change no result do not count.
    public var hasChanges: Bool { changes.contains { $0.kind != .withinTolerance } }

    /// Claims of the paper whose status changed first (what a reader checks
    /// first), then star flips (what a reader of a figure sees), then p-values
    /// crossing a threshold, then sign flips; each in pointer order.
    package var headline: [ValueChange] {
        let claims = changes.filter(\.isClaimStatus)
        let stars = changes.filter { $0.significance != nil && $0.pointer.leafKey == "stars" }
        let pValues = changes.filter { $0.significance != nil && $0.pointer.leafKey != "stars" }
        return claims + stars + pValues + changes.filter { $0.significance == nil && $0.signFlip }
    }

    func count(_ kind: ValueChange.Kind) -> Int { changes.filter { $0.kind == kind }.count }

    /// Changes grouped by the part of the report they belong to (e.g.
    /// `/reward_models/big2/panels`), in pointer order; within-tolerance
    /// differences only when asked for.
    package func sections(includeWithinTolerance: Bool = false) -> [(section: ResultPointer, changes: [ValueChange])] {
        var order: [ResultPointer] = []
        var groups: [ResultPointer: [ValueChange]] = [:]
        for c in changes where includeWithinTolerance || c.kind != .withinTolerance {
            let s = Self.section(of: c.pointer)
            if groups[s] == nil { order.append(s) }
            groups[s, default: []].append(c)
        }
        return order.map { ($0, groups[$0]!) }
    }

    /// Up to three segments (`/reward_models/big2/panels`), but never the pointer itself.
    static func section(of pointer: ResultPointer) -> ResultPointer {
        pointer.prefix(min(3, max(0, pointer.segments.count - 1)))
    }

    public static func compare(_ old: RunSnapshot, _ new: RunSnapshot, tolerance: DiffTolerance = .standard) throws -> RunDiff {
        let oldMajor = old.schema.split(separator: ".").first, newMajor = new.schema.split(separator: ".").first
        guard oldMajor == newMajor else {
            throw DiffError("results schemas \(old.schema) (\(old.label)) and \(new.schema) (\(new.label)) cannot be compared")
        }
        let results = TreeComparison.compare(old.results, new.results, tolerance: tolerance)
        var manifest: ManifestChanges?
        if let a = old.manifest, let b = new.manifest { manifest = ManifestChanges(old: a, new: b) }
        let map = new.figures.isEmpty ? old.figures : new.figures
        let figures = map.map { FigureChange(source: $0, changes: results.changes, old: old, new: new) }
            .filter { $0.valuesChanged > 0 || $0.drawingChanged }
        return RunDiff(oldLabel: old.label, newLabel: new.label, tolerance: tolerance, changes: results.changes,
                       unchanged: results.unchanged, manifest: manifest, figures: figures, figureMapAvailable: !map.isEmpty)
    }
}

/// A figure whose values changed (shown old and new side by side), or whose
/// drawing differs although its values did not (a style change).
package struct FigureChange {
    package var source: FigureSource
    /// How many changes beyond tolerance lie under the figure's dependencies.
    var valuesChanged: Int
    package var oldSVG: Data?
    package var newSVG: Data?
    var drawingChanged: Bool { oldSVG != nil && newSVG != nil && oldSVG != newSVG }

    init(source: FigureSource, changes: [ValueChange], old: RunSnapshot, new: RunSnapshot) {
        self.source = source
        let deps = source.dependsOn.map(ResultPointer.parse)
        valuesChanged = changes.filter { c in
            c.kind != .withinTolerance && deps.contains { c.pointer.isWithin($0) || $0.isWithin(c.pointer) }
        }.count
        oldSVG = old.siteFile(source.file)
        newSVG = new.siteFile(source.file)
    }
}

/// What differs in `manifest.json`: tool version and schema, options, and
/// input files (matched by path; content compared by SHA-256).
package struct ManifestChanges {
    package struct Setting { package var name: String; package var old: String; package var new: String }
    package struct Input { package var path: String; package var status: String }

    package var settings: [Setting] = []
    package var inputs: [Input] = []
    package var isEmpty: Bool { settings.isEmpty && inputs.isEmpty }

    init(old: JSONTree, new: JSONTree) {
        // The figure map describes the site, not what went into it.
        func strip(_ t: JSONTree) -> JSONTree {
            guard case .object(var d) = t else { return t }
            d["figures"] = nil
            return .object(d)
        }
        let diff = TreeComparison.compare(strip(old), strip(new), tolerance: DiffTolerance(absolute: 0, relative: 0))
        var inputFields: [String: [String]] = [:]
        var inputOrder: [String] = []
        for c in diff.changes {
            let segs = c.pointer.segments
            if segs.count >= 2, segs[0] == .key("inputs"), case .item(let pairs) = segs[1],
               let path = pairs.first(where: { $0.field == "path" })?.value {
                if inputFields[path] == nil { inputOrder.append(path); inputFields[path] = [] }
                switch c.kind {
                case .added where segs.count == 2: inputFields[path]!.append("added")
                case .removed where segs.count == 2: inputFields[path]!.append("removed")
                default: if case .key(let k)? = segs.dropFirst(2).first { inputFields[path]!.append(k) }
                }
            } else {
                let name = segs.map(\.text).joined(separator: ".")
                settings.append(Setting(name: name, old: c.old.map(Self.show) ?? "(absent)", new: c.new.map(Self.show) ?? "(absent)"))
            }
        }
        inputs = inputOrder.map { path in
            let fields = inputFields[path]!
            if fields == ["added"] || fields == ["removed"] { return Input(path: path, status: fields[0]) }
            return Input(path: path, status: "changed (" + Array(Set(fields)).sorted().joined(separator: ", ") + ")")
        }
    }

    static func show(_ t: JSONTree) -> String { DiffValueText.short(t) }
}
