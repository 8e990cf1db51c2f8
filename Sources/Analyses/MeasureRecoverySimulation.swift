import Foundation
import Stats
import StudyData

/// App. F recovery check, as a SIMULATION: the study fine-tuned Gemma to
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
    public var noiseSd: Double = 1.0
    /// Planted tokens are drawn from the original's most probable `candidatePool` tokens.
    public var candidatePool: Int = 2000
    public var replicates: Int = 20
    public var seed: UInt64 = 42
    public init() {}
}

public struct MeasureRecoveryResult: Codable, Equatable, Sendable {
    /// Always "simulation": a reader of results.json must not mistake it for a model result.
    public var kind: String
    public var model: String
    public var prompt: String
    public var tokens: Int
    public var settings: MeasureRecoverySettings
    public var recall: [MeasureRecall]
}

public struct MeasureRecall: Codable, Equatable, Sendable {
    public var measure: String
    /// Mean over replicates of (planted tokens among the measure's top k) / k.
    public var meanRecall: Double
    public var minRecall: Double
    /// Replicates in which all k planted tokens were the top k.
    public var perfectReplicates: Int
}

public enum MeasureRecoverySimulation {
    public static func run(model: String, table: LogprobTable, prompt: String,
                           settings: MeasureRecoverySettings) throws -> MeasureRecoveryResult {
        let (order, best) = try TokenAlignment.highestPerString(table, prompt: prompt)
        let base = order.map { best[$0]! }.map { $0.isFinite ? $0 : -1e4 }
        let n = base.count, k = settings.planted
        guard k >= 1, n > k, settings.plantedMass > 0, settings.plantedMass < 1 else {
            throw AnalysisError("the recovery simulation needs more than \(k) tokens and a planted mass in (0, 1)")
        }
        let pool = Array(base.indices.sorted { base[$0] != base[$1] ? base[$0] > base[$1] : $0 < $1 }.prefix(max(k, settings.candidatePool)))
        // Each replicate has its own seeded stream, so replicates run in
        // parallel and the result does not depend on scheduling.
        let measures = ImplicitRewardMeasure.allCases
        let perReplicate = ReplicateSlots(count: settings.replicates)
        DispatchQueue.concurrentPerform(iterations: settings.replicates) { r in
            var generator = SeededGenerator(seed: SeedDerivation.seed(settings.seed, ["recovery", model, prompt, String(r)]))
            var candidates = pool
            generator.shuffle(&candidates)
            var planted = [Bool](repeating: false, count: n)
            for i in candidates.prefix(k) { planted[i] = true }
            let copy = boostedCopy(base, planted: planted, settings: settings, generator: &generator)
            var scores = [Double](repeating: 0, count: n)
            perReplicate.set(r, measures.map { measure in
                for i in 0..<n { scores[i] = measure.score(copy[i], base[i]) }
                return Double(topIndices(scores, count: k).filter { planted[$0] }.count) / Double(k)
            })
        }
        let recalls = measures.indices.map { m in perReplicate.values.map { $0[m] } }
        return MeasureRecoveryResult(
            kind: "simulation", model: model, prompt: prompt, tokens: n, settings: settings,
            recall: ImplicitRewardMeasure.allCases.enumerated().map { m, measure in
                MeasureRecall(measure: measure.rawValue, meanRecall: Descriptive.mean(recalls[m]),
                              minRecall: recalls[m].min() ?? .nan, perfectReplicates: recalls[m].filter { $0 == 1 }.count)
            })
    }

    /// The synthetic fine-tuned model: planted tokens at log(mass/k), every
    /// other log-prob plus N(0, sd²) noise, renormalised to the remaining mass.
    static func boostedCopy(_ base: [Double], planted: [Bool], settings: MeasureRecoverySettings,
                            generator: inout SeededGenerator) -> [Double] {
        var copy = base.map { $0 + settings.noiseSd * standardNormal(&generator) }
        var hi = -Double.infinity
        for i in copy.indices where !planted[i] { hi = max(hi, copy[i]) }
        var sum = 0.0
        for i in copy.indices where !planted[i] { sum += exp(copy[i] - hi) }
        let shift = log1p(-settings.plantedMass) - (hi + log(sum))
        let plantedLogProb = log(settings.plantedMass / Double(planted.lazy.filter { $0 }.count))
        for i in copy.indices { copy[i] = planted[i] ? plantedLogProb : copy[i] + shift }
        return copy
    }

    /// A standard normal draw (Box–Muller on 53-bit uniforms: several times
    /// faster than inverting the normal CDF, and as reproducible).
    static func standardNormal(_ g: inout SeededGenerator) -> Double {
        let u = (Double(g.next() >> 11) + 0.5) / 9_007_199_254_740_992
        let v = Double(g.next() >> 11) / 9_007_199_254_740_992
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }

    /// Indices of the `count` largest scores (ties: lower index first).
    static func topIndices(_ scores: [Double], count: Int) -> [Int] {
        var top: [Int] = []
        for i in scores.indices {
            if top.count == count, let last = top.last, !(scores[i] > scores[last]) { continue }
            var position = top.count
            while position > 0 && scores[i] > scores[top[position - 1]] { position -= 1 }
            top.insert(i, at: position)
            if top.count > count { top.removeLast() }
        }
        return top
    }
}

/// Per-replicate recalls written from parallel workers.
private final class ReplicateSlots: @unchecked Sendable {
    private var slots: [[Double]]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: [], count: count) }
    func set(_ index: Int, _ value: [Double]) { lock.lock(); slots[index] = value; lock.unlock() }
    var values: [[Double]] { lock.lock(); defer { lock.unlock() }; return slots }
}
