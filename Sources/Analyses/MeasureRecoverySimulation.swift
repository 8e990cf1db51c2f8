import Foundation
import Parallel
import Stats
import StudyData

/// App. F recovery check, as a SIMULATION (Docs/Methods.md#recovery-simulation): the study fine-tuned Gemma to
/// prefer ten authority words and asked which measure finds them; without
/// model weights the report instead builds a synthetic "fine-tuned" copy of
/// one real log-prob column — every log-prob jittered by Gaussian noise (the
/// untargeted drift of fine-tuning), k planted tokens given a fixed share of
/// the probability mass, the rest renormalised — and scores every measure
/// (source = the copy, target = the original) by recall@k of the planted
/// tokens. The numbers describe the measures on this construction, never a model.
public struct MeasureRecoverySettings: Codable, Equatable, Sendable {
    public var planted: Int = 10
    /// Total probability the copy gives the planted tokens (shared equally).
    public var plantedMass: Double = 0.5
    /// SD (in nats) of the noise added to every other log-prob.
    public var noiseSD: Double = 1.0
    /// Planted tokens are drawn from the original's most probable `candidatePool` tokens.
    public var candidatePool: Int = 2000
    public var replicates: Int = 20
    public var seed: UInt64 = 42
    public init() {}
}

public struct MeasureRecoveryResult: Codable, Equatable, Sendable {
    /// Written into `results.json` as `kind`, so a reader of it cannot mistake
    /// the App. F numbers for a model result.
    public enum Kind: String, Codable, CaseIterable, Sendable {
        case simulation
    }

    /// Always `simulation`.
    public var kind: Kind
    public var model: String
    public var prompt: String
    public var tokens: Int
    public var settings: MeasureRecoverySettings
    public var recall: [MeasureRecall]
}

public struct MeasureRecall: Codable, Equatable, Sendable {
    public var measure: ImplicitRewardMeasure
    /// Mean over replicates of (planted tokens among the measure's top k) / k.
    public var meanRecall: Double
    public var minRecall: Double
    /// Replicates in which all k planted tokens were the top k.
    public var perfectReplicates: Int
}

public enum MeasureRecoverySimulation {
    /// On a model's log-probs, one per distinct string, in first-listed order
    /// (`TokenAlignment.highestPerString`).
    public static func run(model: String, logprobs: [Double], prompt: String,
                           settings: MeasureRecoverySettings) async throws -> MeasureRecoveryResult {
        let base = logprobs.map { $0.isFinite ? $0 : -1e4 }
        let n = base.count, k = settings.planted
        guard k >= 1, n > k, settings.plantedMass > 0, settings.plantedMass < 1 else {
            throw AnalysisError("the recovery simulation needs more than \(k) tokens and a planted mass in (0, 1)")
        }
        let pool = topIndices(base, count: max(k, settings.candidatePool))
        let baseProbability = base.map { exp($0) }
        // Each replicate has its own seeded stream, so replicates run in
        // parallel and the result does not depend on scheduling.
        let measures = ImplicitRewardMeasure.allCases
        let perReplicate = try await Parallel.map(settings.replicates) { r -> [Double] in
            var generator = SeededGenerator(seed: SeedDerivation.seed(settings.seed, ["recovery", model, prompt, String(r)]))
            var candidates = pool
            generator.shuffle(&candidates)
            var planted = [Bool](repeating: false, count: n)
            for i in candidates.prefix(k) { planted[i] = true }
            let copy = boostedCopy(base, planted: planted, settings: settings, generator: &generator)
            // Every measure's top k in one pass (exactly each `topScores`).
            return topScoresOfEveryMeasure(copy: copy, base: base, pB: baseProbability, count: k).map { top in
                Double(top.filter { planted[$0] }.count) / Double(k)
            }
        }
        let recalls = measures.indices.map { m in perReplicate.map { $0[m] } }
        return MeasureRecoveryResult(
            kind: .simulation, model: model, prompt: prompt, tokens: n, settings: settings,
            recall: ImplicitRewardMeasure.allCases.enumerated().map { m, measure in
                MeasureRecall(measure: measure, meanRecall: Descriptive.mean(recalls[m]),
                              minRecall: recalls[m].min() ?? .nan, perfectReplicates: recalls[m].filter { $0 == 1 }.count)
            })
    }

    /// The `count` indices of the largest values, largest first, ties to the
    /// lower index: the first `count` of every index sorted that way, without
    /// sorting 256,000 of them for 2,000. A heap keeps the best `count` seen
    /// (its root the worst of them); a later index beats the root only with a
    /// strictly larger value, since on a tie the lower index ranks first.
    /// Values must not be NaN.
    static func topIndices(_ values: [Double], count: Int) -> [Int] {
        func better(_ i: Int, _ j: Int) -> Bool { values[i] != values[j] ? values[i] > values[j] : i < j }
        guard count < values.count else { return values.indices.sorted(by: better) }
        guard count > 0 else { return [] }
        var heap: [Int] = []                          // min-heap under `better`: heap[0] is the worst kept
        heap.reserveCapacity(count)
        func siftDown(_ start: Int) {
            var parent = start
            while true {
                let left = 2 * parent + 1, right = left + 1
                var worst = parent
                if left < heap.count, better(heap[worst], heap[left]) { worst = left }
                if right < heap.count, better(heap[worst], heap[right]) { worst = right }
                if worst == parent { return }
                heap.swapAt(parent, worst)
                parent = worst
            }
        }
        for i in values.indices {
            if heap.count < count {
                heap.append(i)
                var child = heap.count - 1
                while child > 0 {
                    let parent = (child - 1) / 2
                    guard better(heap[parent], heap[child]) else { break }
                    heap.swapAt(parent, child)
                    child = parent
                }
            } else if values[i] > values[heap[0]] {
                heap[0] = i
                siftDown(0)
            }
        }
        return heap.sorted(by: better)
    }

    /// The synthetic fine-tuned model: planted tokens at log(mass/k), every
    /// other log-prob plus N(0, sd²) noise, renormalised to the remaining mass.
    /// Each noisy log-prob is written, and the largest unplanted one taken,
    /// as its draw comes (in index order, as separate passes over a drawn
    /// array did, so the same values and the same maximum): three passes of
    /// 256,000 values per replicate fewer.
    static func boostedCopy(_ base: [Double], planted: [Bool], settings: MeasureRecoverySettings,
                            generator: inout SeededGenerator) -> [Double] {
        var hi = -Double.infinity
        var copy = [Double](unsafeUninitializedCapacity: base.count) { buffer, initialized in
            standardNormals(count: base.count, generator: &generator) { i, z in
                let v = base[i] + settings.noiseSD * z
                buffer.initializeElement(at: i, to: v)
                if !planted[i] { hi = max(hi, v) }
            }
            initialized = base.count
        }
        var sum = 0.0
        for i in copy.indices where !planted[i] { sum += exp(copy[i] - hi) }
        let shift = log1p(-settings.plantedMass) - (hi + log(sum))
        let plantedLogProb = log(settings.plantedMass / Double(planted.lazy.filter { $0 }.count))
        for i in copy.indices { copy[i] = planted[i] ? plantedLogProb : copy[i] + shift }
        return copy
    }

    /// Standard normal draws by Marsaglia's polar method on 53-bit uniforms:
    /// two draws per accepted pair for one log and one square root, no
    /// trigonometry (half the cost of Box–Muller with one draw per pair), and
    /// as reproducible for a seed. Hands draw i to `take(i, z)` for i = 0, 1,
    /// … in order.
    @inline(__always)
    static func standardNormals(count: Int, generator g: inout SeededGenerator, _ take: (Int, Double) -> Void) {
        var i = 0
        while i < count {
            let u = 2 * (Double(g.next() >> 11) / 9_007_199_254_740_992) - 1
            let v = 2 * (Double(g.next() >> 11) / 9_007_199_254_740_992) - 1
            let s = u * u + v * v
            guard s > 0, s < 1 else { continue }
            let factor = (-2 * log(s) / s).squareRoot()
            take(i, u * factor)
            if i + 1 < count { take(i + 1, v * factor) }
            i += 2
        }
    }

    /// Indices of the `count` largest scores of `measure` (source `copy`,
    /// target `base`), largest first, ties to the lower index — exactly
    /// `ImplicitRewards.ranking`'s first `count` over every token's score, without computing most scores.
    ///
    /// Why this is exact: a token enters the top only if its score beats the
    /// current `count`-th best, and for the probability-weighted measures
    /// |score| is bounded by the token's probabilities (with d = a − b and
    /// m = (p_A + p_B)/2: |p1LR| ≤ p_A|d|, |p2LR| ≤ p_B|d|, |MWLR| and |GMLR|
    /// ≤ max(p_A, p_B)|d|, |JSLR| ≤ 2 ln 2 · m, since x·log(x/m) lies in
    /// [−m/e, 2m ln 2] for x in [0, 2m]). A token whose bound (widened by
    /// 1e-9 for rounding) cannot beat the current threshold is skipped; as
    /// the planted tokens carry half the mass, that is almost every token.
    static func topScores(_ measure: ImplicitRewardMeasure, copy: [Double], base: [Double], pA: [Double], pB: [Double],
                          count: Int) -> [Int] {
        precondition(copy.count == base.count && pA.count == base.count && pB.count == base.count)
        return copy.withUnsafeBufferPointer { a in
            base.withUnsafeBufferPointer { b in
                pA.withUnsafeBufferPointer { pa in
                    pB.withUnsafeBufferPointer { pb in
                        // One loop per measure, so the bound is not re-dispatched per token.
                        switch measure {
                        case .llr, .lr20, .lr10:
                            return top(measure, a, b, pa, pb, count) { _ in .infinity }
                        case .p1lr:
                            return top(measure, a, b, pa, pb, count) { i in pa[i] * abs(a[i] - b[i]) }
                        case .p2lr:
                            return top(measure, a, b, pa, pb, count) { i in pb[i] * abs(a[i] - b[i]) }
                        case .mwlr, .gmlr:
                            return top(measure, a, b, pa, pb, count) { i in max(pa[i], pb[i]) * abs(a[i] - b[i]) }
                        case .jslr:
                            return top(measure, a, b, pa, pb, count) { i in (pa[i] + pb[i]) * M_LN2 }
                        }
                    }
                }
            }
        }
    }

    @inline(__always)
    private static func top(_ measure: ImplicitRewardMeasure, _ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>,
                            _ pa: UnsafeBufferPointer<Double>, _ pb: UnsafeBufferPointer<Double>, _ count: Int,
                            bound: (Int) -> Double) -> [Int] {
        var top: [Int] = []
        var topScore: [Double] = []
        guard count > 0 else { return top }
        top.reserveCapacity(count + 1); topScore.reserveCapacity(count + 1)
        let widen = 1 + 1e-9
        var threshold = -Double.infinity      // the count-th best score once the top is full
        for i in 0..<a.count {
            if top.count == count, bound(i) * widen <= threshold { continue }
            let s = measure.score(a[i], b[i], pA: pa[i], pB: pb[i])
            if top.count == count, !(s > threshold) { continue }
            var position = top.count
            while position > 0 && s > topScore[position - 1] { position -= 1 }
            top.insert(i, at: position); topScore.insert(s, at: position)
            if top.count > count { top.removeLast(); topScore.removeLast() }
            if top.count == count { threshold = topScore[count - 1] }
        }
        return top
    }
}
