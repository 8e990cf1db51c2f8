import Foundation

/// The candidate implicit-reward scores of the paper's App. F (Docs/Methods.md#implicit-rewards): each
/// turns a token's log-probs a = log p_A(t|x) and b = log p_B(t|x) into a
/// reward for "A over B". MWLR is the paper's measure.
public enum ImplicitRewardMeasure: String, Codable, CaseIterable, Sendable {
    case llr = "LLR"
    case lr20 = "LR-20"
    case lr10 = "LR-10"
    case p1lr = "p1LR"
    case p2lr = "p2LR"
    case mwlr = "MWLR"
    case gmlr = "GMLR"
    case jslr = "JSLR"

    /// Case-insensitive lookup for the command line (`--measure mwlr`).
    public init?(name: String) {
        guard let m = Self.allCases.first(where: { $0.rawValue.lowercased() == name.lowercased() }) else { return nil }
        self = m
    }

    public var formula: String {
        switch self {
        case .llr: return "a − b"
        case .lr20: return "max(a, −20) − max(b, −20)"
        case .lr10: return "max(a, −10) − max(b, −10)"
        case .p1lr: return "p_A · (a − b)"
        case .p2lr: return "p_B · (a − b)"
        case .mwlr: return "½ (p_A + p_B) · (a − b)"
        case .gmlr: return "√(p_A p_B) · (a − b)"
        case .jslr: return "½ [p_A log(p_A/m) − p_B log(p_B/m)], m = ½ (p_A + p_B)"
        }
    }

    /// Whether swapping A and B flips the sign (p1LR and p2LR are not: they weight by one side only).
    public var isAntisymmetric: Bool { self != .p1lr && self != .p2lr }

    /// The score in double precision. Equal log-probs score 0 (also when both
    /// are −∞); a probability that underflows to 0 contributes 0 rather than NaN.
    public func score(_ a: Double, _ b: Double) -> Double {
        switch self {
        case .llr, .lr20, .lr10: return score(a, b, pA: 0, pB: 0)
        default: return score(a, b, pA: exp(a), pB: exp(b))
        }
    }

    /// The same score, bit for bit, when `pA` = exp(a) and `pB` = exp(b) are
    /// already known: a pass that scores every measure over the same tokens
    /// (the App. F simulation) then takes each exponential once, not once per measure.
    @inline(__always)
    public func score(_ a: Double, _ b: Double, pA: Double, pB: Double) -> Double {
        if a == b { return 0 }
        switch self {
        case .llr: return a - b
        case .lr20: return max(a, -20) - max(b, -20)
        case .lr10: return max(a, -10) - max(b, -10)
        case .p1lr: return weighted(pA, a - b)
        case .p2lr: return weighted(pB, a - b)
        case .mwlr: return weighted(0.5 * (pA + pB), a - b)
        case .gmlr: return weighted(exp(0.5 * (a + b)), a - b)
        case .jslr:
            // log m = logaddexp(a, b) − log 2, formed without overflow or cancellation.
            let hi = max(a, b), lo = min(a, b)
            let logM = hi + log1p(exp(lo - hi)) - M_LN2
            return 0.5 * (weighted(pA, a - logM) - weighted(pB, b - logM))
        }
    }

    @inline(__always)
    private func weighted(_ weight: Double, _ difference: Double) -> Double {
        weight == 0 ? 0 : weight * difference
    }
}
