import Foundation
@testable import Analyses
import Stats
@testable import StudyData
import TestSupport
import XCTest

/// App. F simulation: the shortcuts it takes give exactly the plain
/// computation, and the construction is what its documentation says.
final class MeasureRecoverySimulationTests: XCTestCase {
    /// A Zipf-like log-prob vector (sums to 1) over `n` tokens, shuffled.
    static func zipf(_ n: Int, seed: UInt64) -> [Double] {
        var g = SeededGenerator(seed: seed)
        let weights = (1...n).map { 1 / Double($0) }
        let total = weights.reduce(0, +)
        var logprobs = weights.map { log($0 / total) }
        g.shuffle(&logprobs)
        return logprobs
    }

    func testPrecomputedProbabilitiesGiveTheSameScoreBitForBit() {
        var g = SeededGenerator(seed: 3)
        var values: [Double] = [0, -0.0, -1e-300, -1, -20, -20.5, -700, -745, -746, -800, -1e4, -.infinity]
        for _ in 0..<2000 { values.append(-Double(g.next() % 100_000) / 1000) }
        for measure in ImplicitRewardMeasure.allCases {
            for (k, a) in values.enumerated() {
                for b in values[max(0, k - 20)...] {
                    let plain = measure.score(a, b), shortcut = measure.score(a, b, pA: exp(a), pB: exp(b))
                    XCTAssertEqual(plain.bitPattern, shortcut.bitPattern, "\(measure) \(a) \(b)")
                    if plain.bitPattern != shortcut.bitPattern { return }
                }
            }
        }
    }

    /// The bounded search returns exactly the top k of a full scoring, for
    /// every measure, on boosted copies like the simulation's and on plain noise.
    func testBoundedTopKEqualsTheFullTopK() {
        let base = Self.zipf(5_000, seed: 11)
        let pB = base.map { exp($0) }
        var settings = MeasureRecoverySettings()
        settings.candidatePool = 300
        for replicate in 0..<6 {
            var g = SeededGenerator(seed: UInt64(100 + replicate))
            var planted = [Bool](repeating: false, count: base.count)
            for i in (0..<base.count).shuffled(using: &g).prefix(10) { planted[i] = true }
            settings.plantedMass = [0.5, 0.01, 1e-6][replicate % 3]
            let copy = replicate == 5
                ? base.map { $0 + MeasureRecoverySimulation.standardNormals(count: 1, generator: &g)[0] }   // no planting at all
                : MeasureRecoverySimulation.boostedCopy(base, planted: planted, settings: settings, generator: &g)
            let pA = copy.map { exp($0) }
            // The full sort of the report's token tables is the reference (ties: lower index first).
            let aligned = TokenAlignment(tokens: copy.indices.map(String.init), a: copy, b: base)
            for measure in ImplicitRewardMeasure.allCases {
                let full = ImplicitRewards.ranking(aligned, measure: measure).map { Int($0.token)! }
                for k in [1, 10, 37] {
                    XCTAssertEqual(MeasureRecoverySimulation.topScores(measure, copy: copy, base: base, pA: pA, pB: pB, count: k),
                                   Array(full.prefix(k)), "\(measure) k=\(k) replicate \(replicate)")
                }
            }
        }
    }

    /// The fused pass against each measure's own `topScores` on inputs of the
    /// report's size (256,000 tokens, k = 10) built as the simulation builds
    /// them, plus ties and counts from 1 to 37; on the smaller case, also
    /// against the full sort.
    func testFusedPassEqualsEachMeasuresOwnTop() {
        for (n, seed) in [(256_000, UInt64(21)), (256_000, 22), (3_000, 23)] {
            // Coarse: many tied log-probs; in the small case also the −1e4 that stands for −∞ (exp 0).
            let base = Self.zipf(n, seed: seed).enumerated().map { k, v in seed == 23 && k % 97 == 0 ? -1e4 : (v * 64).rounded() / 64 }
            let pB = base.map { exp($0) }
            var g = SeededGenerator(seed: seed)
            var planted = [Bool](repeating: false, count: n)
            for i in MeasureRecoverySimulation.topIndices(base, count: 2000).shuffled(using: &g).prefix(10) { planted[i] = true }
            var settings = MeasureRecoverySettings()
            settings.plantedMass = seed == 22 ? 1e-6 : 0.5
            let copy = MeasureRecoverySimulation.boostedCopy(base, planted: planted, settings: settings, generator: &g)
            let pA = copy.map { exp($0) }
            let aligned = n <= 3_000 ? TokenAlignment(tokens: copy.indices.map(String.init), a: copy, b: base) : nil
            for k in n <= 3_000 ? [1, 2, 10, 37] : [10] {
                let fused = MeasureRecoverySimulation.topScoresOfEveryMeasure(copy: copy, base: base, pB: pB, count: k)
                XCTAssertEqual(fused.count, ImplicitRewardMeasure.allCases.count)
                for (m, measure) in ImplicitRewardMeasure.allCases.enumerated() {
                    let own = MeasureRecoverySimulation.topScores(measure, copy: copy, base: base, pA: pA, pB: pB, count: k)
                    XCTAssertEqual(fused[m], own, "\(measure) n=\(n) k=\(k)")
                    XCTAssertEqual(own.count, k)
                    if let aligned {
                        XCTAssertEqual(fused[m], ImplicitRewards.ranking(aligned, measure: measure).prefix(k).map { Int($0.token)! }, "\(measure) k=\(k)")
                    }
                }
            }
        }
        XCTAssertEqual(MeasureRecoverySimulation.topScoresOfEveryMeasure(copy: [-1], base: [-2], pB: [exp(-2)], count: 0),
                       ImplicitRewardMeasure.allCases.map { _ in [] })
    }

    /// `nextCandidate` never passes over a token a measure could take: with
    /// one measure's threshold finite (at several quantiles of its scores)
    /// and the others +∞, every token it skips has a score (log-ratios) or an
    /// exact bound (weighted measures, with p_A = exp(a)) that does not beat
    /// the threshold, and every token it stops at could beat it. Alone, so no
    /// other measure's stop can hide a missing test.
    func testNextCandidatePassesOverOnlyTokensEachMeasureAloneWouldNot() {
        let n = 4_000
        var g = SeededGenerator(seed: 31)
        func uniform() -> Double { Double(g.next() >> 11) / 9_007_199_254_740_992 }
        var a: [Double] = [], b: [Double] = []
        for k in 0..<n {
            a.append(-25 * uniform())
            b.append(k % 7 == 0 ? a[k] : -25 * uniform())     // some equal pairs (every score 0)
        }
        let pb = b.map { exp($0) }
        for (m, measure) in ImplicitRewardMeasure.allCases.enumerated() {
            func exactBound(_ i: Int) -> Double? {
                let pa = exp(a[i]), d = abs(a[i] - b[i])
                switch measure {
                case .llr, .lr20, .lr10: return nil
                case .p1lr: return pa * d
                case .p2lr: return pb[i] * d
                case .mwlr, .gmlr: return max(pa, pb[i]) * d
                case .jslr: return (pa + pb[i]) * M_LN2
                }
            }
            func couldTake(_ i: Int, _ threshold: Double) -> Bool {
                if let bound = exactBound(i) { return !(bound * RunningTop.widen <= threshold) }
                return measure.score(a[i], b[i], pA: 0, pB: 0) > threshold
            }
            let scores = (0..<n).map { measure.score(a[$0], b[$0]) }.sorted()
            for threshold in [-Double.infinity, scores[n / 2], scores[n * 9 / 10], scores[n - 20], scores[n - 1]] {
                var thresholds = [Double](repeating: .infinity, count: 8)
                thresholds[m] = threshold
                var stops = 0, start = 0
                a.withUnsafeBufferPointer { ca in b.withUnsafeBufferPointer { cb in pb.withUnsafeBufferPointer { cpb in
                    while start < n {
                        let stop = thresholds.withUnsafeBufferPointer { MeasureRecoverySimulation.nextCandidate(ca, cb, cpb, from: start, thresholds: $0) }
                        for i in start..<stop where couldTake(i, threshold) {
                            XCTFail("\(measure) passed over token \(i), which could beat \(threshold)"); return
                        }
                        guard stop < n else { break }
                        stops += 1
                        start = stop + 1
                    }
                } } }
                if threshold == -.infinity { XCTAssertEqual(stops, n, "\(measure): a list not yet full takes every token") }
                if threshold == scores[n / 2] { XCTAssertGreaterThan(stops, n / 10, "\(measure) stops where it may take a token") }
            }
        }
    }

    /// The fused pass passes a token over when even an upper bound of exp(a)
    /// cannot make it enter: the bound must never be below the library's exp.
    func testExpCeilingIsAnUpperBoundOfExp() {
        var g = SeededGenerator(seed: 8)
        var values: [Double] = [0, -0.0, 1e-300, -1e-300, -745.13, -745.2, -746, -1e4, -.infinity, 700, 709.7, 710, .infinity]
        for k in -1_200_000...1_200 { values.append(Double(k) / 1000) }
        for _ in 0..<100_000 { values.append(-Double(g.next() % 1_000_000_000) / 1e6) }
        for a in values {
            let ceiling = MeasureRecoverySimulation.expCeiling(a), e = exp(a)
            XCTAssertGreaterThanOrEqual(ceiling, e, "\(a)")
            if e > 1e-300, e < 1e300 { XCTAssertLessThanOrEqual(ceiling, 4.000001 * e, "\(a): tight enough to pass most tokens over") }
            if ceiling < e { return }
        }
        XCTAssertEqual(MeasureRecoverySimulation.expCeiling(.nan), .infinity)
    }

    func testTopScoresBreaksTiesByIndex() {
        func top(_ scores: [Double], _ k: Int) -> [Int] {
            let base = scores.map { _ in -10.0 }, copy = scores.map { $0 - 10 }     // LLR = copy − base = the score
            return MeasureRecoverySimulation.topScores(.llr, copy: copy, base: base, pA: copy.map { exp($0) }, pB: base.map { exp($0) }, count: k)
        }
        XCTAssertEqual(top([1, 3, 3, 2, 3], 2), [1, 2])
        XCTAssertEqual(top([1, 3, 3, 2, 3], 4), [1, 2, 4, 3])
        XCTAssertEqual(top([], 3), [])
    }

    /// The copy made as its draws come equals the copy made in separate
    /// passes over a drawn array (as it was written before), bit for bit,
    /// and leaves the generator where those passes left it.
    func testTheBoostedCopyEqualsSeparatePassesBitForBit() {
        for (n, seed, mass) in [(2_000, UInt64(11), 0.5), (2_001, 12, 0.3), (257, 13, 1e-6), (3, 14, 0.9)] {
            // Ties and the −1e4 that stands for −∞, as in the report's input.
            let base = Self.zipf(n, seed: seed).enumerated().map { k, v in k % 31 == 0 ? -1e4 : (v * 64).rounded() / 64 }
            var planted = [Bool](repeating: false, count: n)
            for i in stride(from: 1, to: n, by: max(1, n / 3)) { planted[i] = true }
            var settings = MeasureRecoverySettings()
            settings.plantedMass = mass
            var fused = SeededGenerator(seed: seed), separate = SeededGenerator(seed: seed)
            let copy = MeasureRecoverySimulation.boostedCopy(base, planted: planted, settings: settings, generator: &fused)
            var expected = MeasureRecoverySimulation.standardNormals(count: n, generator: &separate)
            for i in expected.indices { expected[i] = base[i] + settings.noiseSD * expected[i] }
            var hi = -Double.infinity
            for i in expected.indices where !planted[i] { hi = max(hi, expected[i]) }
            var sum = 0.0
            for i in expected.indices where !planted[i] { sum += exp(expected[i] - hi) }
            let shift = log1p(-settings.plantedMass) - (hi + log(sum))
            let plantedLogProb = log(settings.plantedMass / Double(planted.filter { $0 }.count))
            for i in expected.indices { expected[i] = planted[i] ? plantedLogProb : expected[i] + shift }
            XCTAssertEqual(copy.map(\.bitPattern), expected.map(\.bitPattern), "n = \(n)")
            XCTAssertEqual(fused.next(), separate.next(), "the generator's state after n = \(n)")
        }
    }

    func testTheBoostedCopyIsADistributionWithThePlantedMass() {
        let base = Self.zipf(2_000, seed: 5)
        var planted = [Bool](repeating: false, count: base.count)
        for i in [3, 99, 1500] { planted[i] = true }
        var settings = MeasureRecoverySettings()
        settings.plantedMass = 0.3
        var g = SeededGenerator(seed: 9)
        let copy = MeasureRecoverySimulation.boostedCopy(base, planted: planted, settings: settings, generator: &g)
        let mass = copy.map { exp($0) }
        XCTAssertEqual(mass.reduce(0, +), 1, accuracy: 1e-12)
        for i in [3, 99, 1500] { XCTAssertEqual(mass[i], 0.1, accuracy: 1e-15) }
        // Every other token moved by its noise plus one common shift.
        let shifts = base.indices.filter { !planted[$0] }.map { copy[$0] - base[$0] }
        XCTAssertGreaterThan(Descriptive.standardDeviation(shifts), 0.9)
    }

    func testStandardNormalsHaveMeanZeroAndUnitVariance() {
        var g = SeededGenerator(seed: 1)
        let z = MeasureRecoverySimulation.standardNormals(count: 200_001, generator: &g)
        XCTAssertEqual(z.count, 200_001)
        // 5 standard errors.
        XCTAssertEqual(Descriptive.mean(z), 0, accuracy: 5 / 200_001.0.squareRoot())
        XCTAssertEqual(Descriptive.variance(z), 1, accuracy: 5 * (2 / 200_001.0).squareRoot())
        XCTAssertEqual(Double(z.filter { abs($0) < 1.959964 }.count) / Double(z.count), 0.95, accuracy: 0.003)
    }

    /// With no noise and half the mass planted, every weighted measure finds
    /// the planted tokens; plain log-ratios find them too (nothing else moved).
    func testNoiselessPlantingIsRecoveredPerfectly() async throws {
        var settings = MeasureRecoverySettings()
        settings.noiseSD = 0
        settings.replicates = 4
        let result = try await MeasureRecoverySimulation.run(model: "m", logprobs: Self.zipf(3_000, seed: 2), prompt: "p", settings: settings)
        XCTAssertEqual(result.kind, .simulation)
        XCTAssertEqual(result.tokens, 3_000)
        for r in result.recall { XCTAssertEqual(r.meanRecall, 1, r.measure.rawValue); XCTAssertEqual(r.perfectReplicates, 4, r.measure.rawValue) }
    }

    func testSeededAndIndependentOfThreadScheduling() async throws {
        var settings = MeasureRecoverySettings()
        settings.replicates = 8
        let logprobs = Self.zipf(4_000, seed: 4)
        let first = try await MeasureRecoverySimulation.run(model: "m", logprobs: logprobs, prompt: "p", settings: settings)
        let second = try await MeasureRecoverySimulation.run(model: "m", logprobs: logprobs, prompt: "p", settings: settings)
        XCTAssertEqual(first, second)
        settings.seed += 1
        let reseeded = try await MeasureRecoverySimulation.run(model: "m", logprobs: logprobs, prompt: "p", settings: settings)
        XCTAssertNotEqual(reseeded, first)
    }

    func testRejectsImpossibleSettings() async {
        var settings = MeasureRecoverySettings()
        settings.plantedMass = 1
        await assertThrowsAsync(try await MeasureRecoverySimulation.run(model: "m", logprobs: Self.zipf(100, seed: 1), prompt: "p", settings: settings))
        await assertThrowsAsync(try await MeasureRecoverySimulation.run(model: "m", logprobs: [-1, -2], prompt: "p", settings: MeasureRecoverySettings()))
    }
}

/// The analyses join, match and look up tokens by their bytes.
final class TokenIdentityTests: XCTestCase {
    static func table(_ rows: [(String, Double)]) -> LogprobTable {
        LogprobTable(path: "t.csv", tokenIDs: rows.indices.map { Int32($0) }, tokens: rows.map(\.0), promptKeys: ["p"],
                     columns: [rows.map(\.1)], rowsInFile: rows.count,
                     audit: LogprobAudit(rows: rows.count, invalidUTF8Rows: 0, bareCRRows: 0, missingLikeTokens: 0, controlCharRows: 0))
    }

    func testCanonicallyEquivalentTokensAreNotJoined() async throws {
        let a = Self.table([("Caf\u{E9}", -1), ("\u{212A}", -2), ("x", -3)])
        let b = Self.table([("Cafe\u{301}", -4), ("K", -5), ("x", -6)])
        let expected = TokenAlignment(tokens: ["x"], a: [-3], b: [-6])
        XCTAssertEqual(try TokenAlignment.align(a, b, prompt: "p"), expected)
        let vocabulary = try await SharedVocabulary(tables: ["a": a, "b": b], prompt: "p")
        XCTAssertEqual(vocabulary.align("a", "b"), expected)
        let distinct = try TokenAlignment.highestPerString(a, prompt: "p")
        XCTAssertEqual(distinct.index.strings.map { Array($0.utf8) }, ["Caf\u{E9}", "\u{212A}", "x"].map { Array($0.utf8) })
        XCTAssertEqual(distinct.values, [-1, -2, -3])
    }

    /// Two tables whose token lists differ only by a canonically equivalent
    /// spelling must not share ids (the same-tokenizer shortcut compares bytes).
    func testSharedIdsOnlyForByteIdenticalTokenLists() async throws {
        let a = Self.table([("x", -1), ("Caf\u{E9}", -2)])
        let same = Self.table([("x", -3), ("Caf\u{E9}", -4)])
        let equivalent = Self.table([("x", -5), ("Cafe\u{301}", -6)])
        let vocabulary = try await SharedVocabulary(tables: ["a": a, "b": same, "c": equivalent], prompt: "p")
        XCTAssertEqual(vocabulary.align("a", "b"), TokenAlignment(tokens: ["x", "Caf\u{E9}"], a: [-1, -2], b: [-3, -4]))
        XCTAssertEqual(vocabulary.align("a", "c"), TokenAlignment(tokens: ["x"], a: [-1], b: [-5]))
        XCTAssertEqual(vocabulary.align("c", "b"), TokenAlignment(tokens: ["x"], a: [-5], b: [-3]))
    }

    func testDictionaryWordsMatchOnlyByteEqualTokens() throws {
        let table = LogprobTable(path: "t.csv", tokenIDs: [0, 1, 2], tokens: ["Kind", "\u{212A}ind", "Kind"], promptKeys: ["p"],
                                 columns: [[-3, -1, -2]], rowsInFile: 3,
                                 audit: LogprobAudit(rows: 3, invalidUTF8Rows: 0, bareCRRows: 0, missingLikeTokens: 0, controlCharRows: 0))
        let prompt = Prompt(key: "p", text: "p", framing: .positive)
        let (best, duplicated) = try LogprobRanks.highestPerString(table, words: ["Kind": "Agency"], prompts: [prompt])
        XCTAssertEqual(best, ["Kind": [-2]], "the Kelvin-sign spelling (-1) is another token")
        XCTAssertEqual(duplicated, 1)
    }

    /// The heap selection of the candidate pool against sorting every index:
    /// the same indices in the same order, with heavy ties (ties go to the
    /// lower index), ±0, and counts from 0 to beyond the length.
    func testTopIndicesAreTheSortedPrefix() {
        var g = SeededGenerator(seed: 3)
        for trial in 0..<400 {
            let n = g.nextInt(below: 300)
            let values: [Double] = (0..<n).map { _ in
                switch g.nextInt(below: 6) {
                case 0: return 0.0
                case 1: return -0.0
                case 2: return -1e4
                default: return -Double(g.nextInt(below: trial % 2 == 0 ? 8 : 100_000)) / 7
                }
            }
            let sorted = values.indices.sorted { values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1 }
            for count in [0, 1, 2, n / 3, max(0, n - 1), n, n + 5] {
                XCTAssertEqual(MeasureRecoverySimulation.topIndices(values, count: count), Array(sorted.prefix(count)), "n \(n), count \(count)")
            }
        }
    }
}

extension MeasureRecoverySimulation {
    /// `count` standard normal draws in an array: how the tests look at the
    /// draws `standardNormals(count:generator:_:)` hands on (the build takes
    /// them one by one, into the boosted copy).
    static func standardNormals(count: Int, generator g: inout SeededGenerator) -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(count)
        standardNormals(count: count, generator: &g) { i, z in
            precondition(i == out.count, "draws come in index order")
            out.append(z)
        }
        return out
    }
}
