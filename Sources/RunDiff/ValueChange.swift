import Foundation
import OutputFormat

/// When two numbers count as the same. A difference within either bound is
/// reported as "within tolerance" and does not make the diff fail: rebuilding
/// on another machine can move the last digits, and that is not news.
public struct DiffTolerance: Equatable, Sendable {
    public var absolute: Double
    public var relative: Double

    /// Defaults: far below anything the report shows (pages print at most 4
    /// decimals) and far above the noise `results.json` can hold at 10 digits.
    public static let standard = DiffTolerance(absolute: 1e-9, relative: 1e-6)

    public init(absolute: Double, relative: Double) {
        self.absolute = absolute
        self.relative = relative
    }

    /// Inclusive at the boundary: |Δ| equal to a bound is within tolerance.
    /// A change to or from ±∞ or NaN is never within tolerance (∞ − x is ∞,
    /// and ∞ ≤ relative × ∞ would otherwise accept it).
    func accepts(_ old: Double, _ new: Double) -> Bool {
        guard old.isFinite, new.isFinite else { return false }
        let delta = abs(new - old)
        return delta <= absolute || delta <= relative * max(abs(old), abs(new))
    }
}

/// One difference between two runs at one place in the result tree.
package struct ValueChange: Equatable {
    package enum Kind: String, CaseIterable {
        case changed
        case withinTolerance = "within_tolerance"
        case added
        case removed
    }

    package var pointer: ResultPointer
    package var kind: Kind
    var old: JSONTree?
    var new: JSONTree?
    /// For added or removed subtrees: how many values they hold.
    var leafCount = 1

    var oldNumber: Double? { old?.numberValue }
    var newNumber: Double? { new?.numberValue }

    package var delta: Double? {
        guard let a = oldNumber, let b = newNumber else { return nil }
        return b - a
    }

    /// Δ relative to |old|; nil when old is 0.
    package var relativeDelta: Double? {
        guard let a = oldNumber, let d = delta, a != 0 else { return nil }
        return d / abs(a)
    }

    /// A significance marker that moved: a `stars` string, or a p-value that
    /// crossed .05, .01 or .001.
    var significance: (old: String, new: String)? {
        guard kind == .changed, let key = pointer.leafKey else { return nil }
        if key == "stars", let a = old?.stringValue, let b = new?.stringValue { return (a, b) }
        if Self.isPValueKey(key), let a = oldNumber, let b = newNumber,
           Self.significanceLevel(a) != Self.significanceLevel(b) {
            return (Self.significanceLevel(a), Self.significanceLevel(b))
        }
        return nil
    }

    /// An estimate that changed sign (both sides non-zero, beyond tolerance).
    var signFlip: Bool {
        guard kind == .changed, let a = oldNumber, let b = newNumber, a != 0, b != 0 else { return false }
        return (a < 0) != (b < 0)
    }

    /// A claim of the paper (`/claims/…/status`) that is now judged otherwise
    /// (reproduced, differs, not computable), or that appeared or went away.
    var isClaimStatus: Bool {
        guard kind != .withinTolerance, case .key("claims")? = pointer.segments.first else { return false }
        if kind == .changed { return pointer.leafKey == "status" }
        return pointer.segments.count == 2
    }

    /// Headline changes are the ones a reader of the paper would care about first.
    var isHeadline: Bool { isClaimStatus || significance != nil || signFlip }

    static func isPValueKey(_ key: String) -> Bool {
        key == "p" || key.hasPrefix("p_") || key.hasSuffix("_p")
    }

    static func significanceLevel(_ p: Double) -> String {
        guard p.isFinite else { return "NA" }
        if p < 0.001 { return "***" }
        if p < 0.01 { return "**" }
        if p < 0.05 { return "*" }
        return "n.s."
    }
}
