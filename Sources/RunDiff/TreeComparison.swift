import OutputFormat

/// Walks two result trees side by side and lists every difference, in a
/// stable order: object keys sorted, list items in the new run's order with
/// removed items after them. A subtree present on one side only is reported
/// once (an added reward model is one entry per list, not one per number).
struct TreeComparison {
    var tolerance: DiffTolerance
    private(set) var changes: [ValueChange] = []
    private(set) var unchanged = 0

    init(tolerance: DiffTolerance) { self.tolerance = tolerance }

    static func compare(_ old: JSONTree, _ new: JSONTree, tolerance: DiffTolerance) -> TreeComparison {
        var c = TreeComparison(tolerance: tolerance)
        c.walk(old, new, at: .root)
        return c
    }

    private mutating func walk(_ old: JSONTree, _ new: JSONTree, at pointer: ResultPointer) {
        switch (old, new) {
        case (.object(let a), .object(let b)):
            for key in Set(a.keys).union(b.keys).sorted() {
                pair(a[key], b[key], at: pointer.appending(.key(key)))
            }
        case (.array(let a), .array(let b)):
            let scheme = ItemIdentity.scheme(old: a, new: b)
            if scheme == .stringValues, a != b, Set(a.compactMap(\.stringValue)) == Set(b.compactMap(\.stringValue)) {
                // Same members, new order: order carries meaning (e.g. the reference family comes first).
                changes.append(ValueChange(pointer: pointer, kind: .changed, old: old, new: new))
                return
            }
            if scheme == .index {
                // Items known by position only: pair them in place (the keyed
                // path below would hash a pointer segment per item).
                for (i, item) in b.enumerated() { pair(i < a.count ? a[i] : nil, item, at: pointer.appending(.index(i))) }
                for i in b.count ..< max(a.count, b.count) { pair(a[i], nil, at: pointer.appending(.index(i))) }
                return
            }
            var oldBySegment: [ResultPointer.Segment: JSONTree] = [:]
            var oldOrder: [ResultPointer.Segment] = []
            for (i, item) in a.enumerated() {
                let s = ItemIdentity.segment(for: item, at: i, scheme: scheme)
                oldBySegment[s] = item
                oldOrder.append(s)
            }
            var seen = Set<ResultPointer.Segment>()
            for (i, item) in b.enumerated() {
                let s = ItemIdentity.segment(for: item, at: i, scheme: scheme)
                seen.insert(s)
                pair(oldBySegment[s], item, at: pointer.appending(s))
            }
            for s in oldOrder where !seen.contains(s) { pair(oldBySegment[s], nil, at: pointer.appending(s)) }
        default:
            leaf(old, new, at: pointer)
        }
    }

    private mutating func pair(_ old: JSONTree?, _ new: JSONTree?, at pointer: ResultPointer) {
        switch (old, new) {
        case (let a?, let b?): walk(a, b, at: pointer)
        case (let a?, nil): changes.append(ValueChange(pointer: pointer, kind: .removed, old: a, new: nil, leafCount: a.leafCount))
        case (nil, let b?): changes.append(ValueChange(pointer: pointer, kind: .added, old: nil, new: b, leafCount: b.leafCount))
        case (nil, nil): break
        }
    }

    private mutating func leaf(_ old: JSONTree, _ new: JSONTree, at pointer: ResultPointer) {
        if let a = old.numberValue, let b = new.numberValue {
            if a == b || (a.isNaN && b.isNaN) { unchanged += 1; return }
            let kind: ValueChange.Kind = tolerance.accepts(a, b) ? .withinTolerance : .changed
            changes.append(ValueChange(pointer: pointer, kind: kind, old: old, new: new))
        } else if old == new {
            unchanged += 1
        } else {
            changes.append(ValueChange(pointer: pointer, kind: .changed, old: old, new: new))
        }
    }
}
