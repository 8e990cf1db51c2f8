import Foundation
import OutputFormat

/// How a diff shows values, in every format: numbers exactly as
/// `results.json` writes them (10 significant digits), strings as JSON
/// literals (so an invisible or control character is visible), subtrees as a
/// count; relative changes as a percentage with 3 significant digits. One
/// place, so text, Markdown, JSON and HTML never disagree.
package enum DiffValueText {
    package static func short(_ t: JSONTree) -> String {
        switch t {
        case .integer(let i): return String(i)
        case .double(let d): return CanonicalJSON.number(d)
        case .string(let s): return CanonicalJSON.quoted(s)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array(let items) where items.allSatisfy({ $0.stringValue != nil }) && items.count <= 8:
            return "[" + items.map(short).joined(separator: ", ") + "]"
        case .array(let items): return "[\(items.count) items]"
        case .object: return "{\(t.leafCount) values}"
        }
    }

    package static func old(_ c: ValueChange) -> String { c.old.map(short) ?? "—" }
    package static func new(_ c: ValueChange) -> String { c.new.map(short) ?? "—" }

    package static func delta(_ c: ValueChange) -> String {
        guard let d = c.delta else { return "" }
        return (d > 0 ? "+" : "") + CanonicalJSON.number(Double(String(format: "%.10g", d)) ?? d)
    }

    package static func relativeDelta(_ c: ValueChange) -> String {
        guard let r = c.relativeDelta else { return "" }
        return (r > 0 ? "+" : "") + String(format: "%.3g", r * 100) + "%"
    }

    /// A pointer with control and invisible characters made visible, for one-line output.
    package static func pointer(_ p: ResultPointer) -> String { visible(p.description) }

    /// Control and invisible format characters as `\uXXXX`; everything else as is.
    package static func visible(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars { CanonicalJSON.appendVisible(scalar, to: &out) }
        return out
    }

    /// `rest` of `pointer` below `section`, for rows listed under their section.
    package static func relative(_ p: ResultPointer, to section: ResultPointer) -> String {
        let rest = ResultPointer(segments: Array(p.segments.dropFirst(section.segments.count)))
        return rest.segments.isEmpty ? "(this value)" : pointer(rest)
    }

    /// What kind of headline a change is, in words.
    package static func headlineNote(_ c: ValueChange) -> String {
        var notes: [String] = []
        if c.isClaimStatus {
            notes.append(c.kind == .changed ? "claim status \(c.old?.stringValue ?? "?") → \(c.new?.stringValue ?? "?")" : "claim \(c.kind.rawValue)")
        }
        if let s = c.significance {
            notes.append(c.pointer.leafKey == "stars" ? "significance \(s.old) → \(s.new)" : "p crosses a threshold: \(s.old) → \(s.new)")
        }
        if c.signFlip { notes.append("sign flip") }
        return notes.joined(separator: "; ")
    }

    package static func summary(_ d: RunDiff) -> String {
        var parts = ["\(d.count(.changed)) changed", "\(d.count(.withinTolerance)) within tolerance",
                     "\(d.count(.added)) added", "\(d.count(.removed)) removed", "\(d.unchanged) unchanged"]
        if !d.headline.isEmpty { parts.append("\(d.headline.count) headline") }
        return parts.joined(separator: ", ")
    }

    package static func tolerance(_ t: DiffTolerance) -> String {
        "abs \(CanonicalJSON.number(t.absolute)), rel \(CanonicalJSON.number(t.relative))"
    }

    package static func kindWord(_ k: ValueChange.Kind) -> String {
        switch k {
        case .changed: return "changed"
        case .withinTolerance: return "within tolerance"
        case .added: return "added"
        case .removed: return "removed"
        }
    }

    /// For added/removed subtrees, how many values they hold.
    package static func extent(_ c: ValueChange) -> String {
        (c.kind == .added || c.kind == .removed) && c.leafCount > 1 ? " (\(c.leafCount) values)" : ""
    }
}
