import CRecoveryScan
import Foundation

extension MeasureRecoverySimulation {
    /// `topScores` of every measure (in `ImplicitRewardMeasure.allCases`
    /// order) from ONE pass over the tokens instead of one pass per measure.
    ///
    /// Why this is exactly `topScores(measure, …)` for each measure: the
    /// measures share nothing but the inputs. Each keeps its own `RunningTop`
    /// (its own list, threshold and "full" flag) and, at every token in the
    /// same ascending order, takes the same steps as `topScores`' loop for
    /// that measure alone: the same bound expression compared with the same
    /// threshold, the same score compared the same way, the same insertion.
    /// Interleaving the measures changes only when each step runs, never its
    /// operands, so every list ends the same, index for index. Why fuse at
    /// all: 256,000 tokens × 3 arrays are read once per replicate, not eight
    /// times, and the bounds share |a − b|.
    ///
    /// p_A = exp(a) is taken only for the few tokens a weighted measure may
    /// still take (`pB` = exp of `base` is given). A token is passed over
    /// for all five weighted measures when each would skip it even with
    /// `expCeiling(a)` ≥ exp(a) in place of p_A: each bound grows with p_A
    /// (products with |a − b| ≥ 0, max, sum, all rounded monotonically),
    /// so each would then skip it with exp(a) too — the state `topScores`
    /// leaves is unchanged by such a token. Any other token takes the
    /// exact steps above with exp(a).
    static func topScoresOfEveryMeasure(copy: [Double], base: [Double], pB: [Double], count: Int) -> [[Int]] {
        precondition(copy.count == base.count && pB.count == base.count)
        guard count > 0 else { return ImplicitRewardMeasure.allCases.map { _ in [] } }
        var llr = RunningTop(count), lr20 = RunningTop(count), lr10 = RunningTop(count), p1lr = RunningTop(count)
        var p2lr = RunningTop(count), mwlr = RunningTop(count), gmlr = RunningTop(count), jslr = RunningTop(count)
        // The thresholds as the skip reads them, refreshed before each skip.
        var thresholds = [Double](repeating: 0, count: 8)
        copy.withUnsafeBufferPointer { ca in
            base.withUnsafeBufferPointer { cb in
                pB.withUnsafeBufferPointer { cpb in
                    var i = 0
                    while true {
                        // Tokens no list would take are passed over in a tight loop (see `nextCandidate`).
                        thresholds[0] = llr.threshold; thresholds[1] = lr20.threshold; thresholds[2] = lr10.threshold
                        thresholds[3] = p1lr.threshold; thresholds[4] = p2lr.threshold; thresholds[5] = mwlr.threshold
                        thresholds[6] = gmlr.threshold; thresholds[7] = jslr.threshold
                        i = thresholds.withUnsafeBufferPointer { nextCandidate(ca, cb, cpb, from: i, thresholds: $0) }
                        guard i < ca.count else { break }
                        defer { i += 1 }
                        let a = ca[i], b = cb[i], pb = cpb[i]
                        let difference = abs(a - b)
                        // The bounds are `topScores`' own expressions (infinity: no
                        // bound); the log-ratios read no probability (pA, pB unused).
                        llr.offer(i, bound: .infinity) { ImplicitRewardMeasure.llr.score(a, b, pA: 0, pB: 0) }
                        lr20.offer(i, bound: .infinity) { ImplicitRewardMeasure.lr20.score(a, b, pA: 0, pB: 0) }
                        lr10.offer(i, bound: .infinity) { ImplicitRewardMeasure.lr10.score(a, b, pA: 0, pB: 0) }
                        let ceiling = expCeiling(a)
                        let largerCeiling = max(ceiling, pb) * difference
                        if p1lr.skips(bound: ceiling * difference), p2lr.skips(bound: pb * difference),
                           mwlr.skips(bound: largerCeiling), gmlr.skips(bound: largerCeiling),
                           jslr.skips(bound: (ceiling + pb) * M_LN2) { continue }
                        let pa = exp(a)
                        p1lr.offer(i, bound: pa * difference) { ImplicitRewardMeasure.p1lr.score(a, b, pA: pa, pB: pb) }
                        p2lr.offer(i, bound: pb * difference) { ImplicitRewardMeasure.p2lr.score(a, b, pA: pa, pB: pb) }
                        let larger = max(pa, pb) * difference
                        mwlr.offer(i, bound: larger) { ImplicitRewardMeasure.mwlr.score(a, b, pA: pa, pB: pb) }
                        gmlr.offer(i, bound: larger) { ImplicitRewardMeasure.gmlr.score(a, b, pA: pa, pB: pb) }
                        jslr.offer(i, bound: (pa + pb) * M_LN2) { ImplicitRewardMeasure.jslr.score(a, b, pA: pa, pB: pb) }
                    }
                }
            }
        }
        return ImplicitRewardMeasure.allCases.map { measure in
            switch measure {
            case .llr: return llr.indices
            case .lr20: return lr20.indices
            case .lr10: return lr10.indices
            case .p1lr: return p1lr.indices
            case .p2lr: return p2lr.indices
            case .mwlr: return mwlr.indices
            case .gmlr: return gmlr.indices
            case .jslr: return jslr.indices
            }
        }
    }

    /// The first token at or after `start` that some measure's list might
    /// take, given each list's `threshold` (in `allCases` order); the count
    /// of tokens if none is left.
    ///
    /// Why passing the others over is exact: for each measure this tests the
    /// same expression, with the same operands, as the loop above — each
    /// log-ratio's score against its threshold, each weighted measure's bound
    /// (with `expCeiling(a)` for p_A) widened against its own — and a
    /// threshold is −∞ exactly while its list is not full, when every token
    /// is taken. A token all eight would pass over changes no list and no
    /// threshold; any other is handed back for the loop's exact steps. Most
    /// of the 256,000 tokens are passed over, here without touching the lists.
    ///
    /// In C (`backbone_recovery_next_candidate`, CRecoveryScan): eight tokens
    /// a step with AVX-512, four with AVX2, the same IEEE operations as the
    /// Swift loop it replaced, which was a chain of branches per token (a
    /// third of the simulation's time in profiles).
    static func nextCandidate(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>, _ pb: UnsafeBufferPointer<Double>,
                              from start: Int, thresholds: UnsafeBufferPointer<Double>) -> Int {
        precondition(thresholds.count == 8 && b.count == a.count && pb.count == a.count)
        guard start < a.count else { return a.count }
        return Int(backbone_recovery_next_candidate(a.baseAddress!, b.baseAddress!, pb.baseAddress!, start, a.count,
                                                    thresholds.baseAddress!, RunningTop.widen))
    }

    /// An upper bound of the library's exp(a), without computing it:
    /// 2^(⌊t⌋ + 2) with t = a·log₂e rounded, which is at least 2^(a·log₂e + 1)
    /// less t's rounding (under 1e-12 here) — about twice e^a, above exp's
    /// sub-ulp error. Below t = −1076, a < −745.9 and exp(a) is 0; from t =
    /// 1020 up (or NaN), +∞ (a bound that skips nothing). Written once, in C
    /// (`backbone_recovery_exp_ceiling`), for the skip and the loop alike.
    @inline(__always)
    static func expCeiling(_ a: Double) -> Double {
        backbone_recovery_exp_ceiling(a)
    }
}

/// One measure's best `count` tokens so far in the fused pass, best first,
/// ties to the lower index: the state `topScores`' loop keeps for one
/// measure (its list, the list's scores, the count-th best score once the
/// list is full), updated by the same steps.
struct RunningTop {
    let count: Int
    private(set) var indices: [Int] = []
    private var scores: [Double] = []
    /// The count-th best score once the list is full; −∞ until then.
    private(set) var threshold = -Double.infinity
    /// A bound is widened by this before it is compared, for rounding.
    static let widen = 1 + 1e-9
    /// `indices.count == count`, kept as a flag so the common skip reads no array.
    private var full = false

    init(_ count: Int) {
        self.count = count
        indices.reserveCapacity(count + 1); scores.reserveCapacity(count + 1)
    }

    /// Token `i`, whose score is at most `bound` in absolute value: skipped,
    /// unscored, when the list is full and the bound (widened by 1e-9 for
    /// rounding) cannot beat the threshold; otherwise scored and inserted
    /// when it beats the threshold (or the list is not full yet).
    @inline(__always)
    mutating func offer(_ i: Int, bound: Double, score: () -> Double) {
        if skips(bound: bound) { return }
        let s = score()
        if full, !(s > threshold) { return }
        insert(i, score: s)
    }

    /// Whether a token whose score is at most `bound` in absolute value
    /// cannot enter: the list is full and the bound, widened by 1e-9 for
    /// rounding, does not beat the threshold (`topScores`' test).
    @inline(__always)
    func skips(bound: Double) -> Bool { full && bound * Self.widen <= threshold }

    /// After every strictly better score, before equal ones (an earlier
    /// index wins a tie); the list is cut back to `count`.
    private mutating func insert(_ i: Int, score s: Double) {
        var position = indices.count
        while position > 0 && s > scores[position - 1] { position -= 1 }
        indices.insert(i, at: position); scores.insert(s, at: position)
        if indices.count > count { indices.removeLast(); scores.removeLast() }
        if indices.count == count { threshold = scores[count - 1]; full = true }
    }
}
