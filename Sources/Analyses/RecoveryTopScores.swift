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
    /// all: 256,000 tokens × 4 arrays are read once per replicate, not eight
    /// times, and the bounds share |a − b|.
    static func topScoresOfEveryMeasure(copy: [Double], base: [Double], pA: [Double], pB: [Double],
                                        count: Int) -> [[Int]] {
        precondition(copy.count == base.count && pA.count == base.count && pB.count == base.count)
        guard count > 0 else { return ImplicitRewardMeasure.allCases.map { _ in [] } }
        var llr = RunningTop(count), lr20 = RunningTop(count), lr10 = RunningTop(count), p1lr = RunningTop(count)
        var p2lr = RunningTop(count), mwlr = RunningTop(count), gmlr = RunningTop(count), jslr = RunningTop(count)
        copy.withUnsafeBufferPointer { ca in
            base.withUnsafeBufferPointer { cb in
                pA.withUnsafeBufferPointer { cpa in
                    pB.withUnsafeBufferPointer { cpb in
                        for i in 0..<ca.count {
                            let a = ca[i], b = cb[i], pa = cpa[i], pb = cpb[i]
                            let difference = abs(a - b)
                            // The bounds are `topScores`' own expressions (infinity: no bound).
                            llr.offer(i, bound: .infinity) { ImplicitRewardMeasure.llr.score(a, b, pA: pa, pB: pb) }
                            lr20.offer(i, bound: .infinity) { ImplicitRewardMeasure.lr20.score(a, b, pA: pa, pB: pb) }
                            lr10.offer(i, bound: .infinity) { ImplicitRewardMeasure.lr10.score(a, b, pA: pa, pB: pb) }
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
}

/// One measure's best `count` tokens so far in the fused pass, best first,
/// ties to the lower index: the state `topScores`' loop keeps for one
/// measure (its list, the list's scores, the count-th best score once the
/// list is full), updated by the same steps.
struct RunningTop {
    let count: Int
    private(set) var indices: [Int] = []
    private var scores: [Double] = []
    private var threshold = -Double.infinity
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
        if full, bound * (1 + 1e-9) <= threshold { return }
        let s = score()
        if full, !(s > threshold) { return }
        insert(i, score: s)
    }

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
