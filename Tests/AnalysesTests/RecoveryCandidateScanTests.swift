@testable import Analyses
import CRecoveryScan
import Foundation
import Stats
import XCTest

/// The simulation's skip in C (`backbone_recovery_next_candidate`) at every
/// width — eight tokens a step (AVX-512), four (AVX2), one (plain C) — stops
/// at exactly the tokens the Swift expressions it replaced stop at, written
/// out here as they were: the same verdict for every token, on values that
/// reach every branch (equal pairs, the −20/−10 floors, the ends of the
/// exp ceiling's range, subnormal ceilings, ±∞, NaN) and thresholds from −∞
/// to +∞ (and NaN).
final class RecoveryCandidateScanTests: XCTestCase {
    /// The Swift `expCeiling` before it moved to C.
    static func referenceCeiling(_ a: Double) -> Double {
        let t = (a * 1.4426950408889634).rounded(.down)
        guard t < 1020 else { return .infinity }
        guard t >= -1076 else { return 0 }
        return Double(sign: .plus, exponent: Int(t) + 2, significand: 1)
    }

    /// The Swift test per token before it moved to C: whether some measure might take it.
    static func referenceCandidate(_ x: Double, _ y: Double, _ p: Double, _ t: [Double]) -> Bool {
        let widen = RunningTop.widen
        if ImplicitRewardMeasure.llr.score(x, y, pA: 0, pB: 0) > t[0]
            || ImplicitRewardMeasure.lr20.score(x, y, pA: 0, pB: 0) > t[1]
            || ImplicitRewardMeasure.lr10.score(x, y, pA: 0, pB: 0) > t[2] { return true }
        let difference = abs(x - y)
        let ceiling = referenceCeiling(x)
        let largerCeiling = max(ceiling, p) * difference
        return !(ceiling * difference * widen <= t[3]) || !(p * difference * widen <= t[4])
            || !(largerCeiling * widen <= t[5]) || !(largerCeiling * widen <= t[6])
            || !((ceiling + p) * M_LN2 * widen <= t[7])
    }

    /// Log-probs that reach every branch: ordinary ones, the floors, both
    /// ends of the ceiling (⌊a·log₂e⌋ from −1078 to −1074 and 1018 to 1021),
    /// and the special values.
    static func values(_ g: inout SeededGenerator) -> [Double] {
        var out: [Double] = [0, -0.0, -20, -10, -1e4, .infinity, -.infinity, .nan, 1e-300, -1e-300, 1e300, -1e300]
        for k in -1078 ... -1072 { out += [Double(k) / 1.4426950408889634, (Double(k) / 1.4426950408889634).nextUp, (Double(k) / 1.4426950408889634).nextDown] }
        for k in 1016...1022 { out += [Double(k) / 1.4426950408889634, (Double(k) / 1.4426950408889634).nextUp, (Double(k) / 1.4426950408889634).nextDown] }
        for _ in 0..<3_000 {
            let u = Double(g.next() >> 11) / 9_007_199_254_740_992
            switch g.next() % 4 {
            case 0: out.append(-30 * u)                 // the report's log-probs
            case 1: out.append(-800 * u)                // down to exp's underflow
            case 2: out.append(1500 * u - 750)          // both ends
            default: out.append(-20 - 0.5 + u)          // around the LR20 floor
            }
        }
        return out
    }

    func testCeilingIsTheSwiftExpressionBitForBit() {
        var g = SeededGenerator(seed: 40)
        for a in Self.values(&g) {
            XCTAssertEqual(backbone_recovery_exp_ceiling(a).bitPattern, Self.referenceCeiling(a).bitPattern, "\(a)")
            XCTAssertEqual(MeasureRecoverySimulation.expCeiling(a).bitPattern, Self.referenceCeiling(a).bitPattern, "\(a)")
        }
    }

    func testEveryWidthStopsWhereTheSwiftExpressionsDo() {
        var g = SeededGenerator(seed: 41)
        let pool = Self.values(&g)
        let n = 5_003                                   // not a multiple of 8 or 4: the tails run too
        var a: [Double] = [], b: [Double] = [], p: [Double] = []
        for k in 0..<n {
            a.append(pool[Int(g.next() % UInt64(pool.count))])
            b.append(k % 9 == 0 ? a[k] : pool[Int(g.next() % UInt64(pool.count))])   // equal pairs: every score 0
            p.append(k % 13 == 0 ? pool[Int(g.next() % UInt64(pool.count))] : exp(b[k]))
        }
        // Thresholds: lists not full (−∞), full at scores seen in the study, nothing enters (+∞), and NaN.
        var thresholdSets: [[Double]] = [[Double](repeating: -.infinity, count: 8), [Double](repeating: .infinity, count: 8),
                                         [0.5, 0.2, 0.1, 1e-6, 1e-5, 1e-4, 1e-4, 1e-3], [Double](repeating: .nan, count: 8)]
        for m in 0..<8 {
            var alone = [Double](repeating: .infinity, count: 8)
            alone[m] = m < 3 ? 3.0 : 1e-9
            thresholdSets.append(alone)
            alone[m] = .nan                             // ordered or unordered comparisons tell apart only here
            thresholdSets.append(alone)
        }
        for _ in 0..<6 { thresholdSets.append((0..<8).map { _ in Double(g.next() >> 11) / 9_007_199_254_740_992 * (g.next() % 2 == 0 ? 1e-3 : 5) }) }
        var stopsSeen = 0, passedSeen = 0
        for thresholds in thresholdSets {
            let expected = (0..<n).filter { Self.referenceCandidate(a[$0], b[$0], p[$0], thresholds) }
            stopsSeen += expected.count; passedSeen += n - expected.count
            for lanes in [8, 4, 1] {
                var stops: [Int] = [], start = 0
                while true {
                    let stop = Int(backbone_recovery_next_candidate_lanes(lanes, a, b, p, start, n, thresholds, RunningTop.widen))
                    guard stop < n else { break }
                    stops.append(stop); start = stop + 1
                }
                XCTAssertEqual(stops, expected, "\(lanes) lanes, thresholds \(thresholds)")
            }
            var stops: [Int] = [], start = 0
            a.withUnsafeBufferPointer { ca in b.withUnsafeBufferPointer { cb in p.withUnsafeBufferPointer { cp in thresholds.withUnsafeBufferPointer { t in
                while case let stop = MeasureRecoverySimulation.nextCandidate(ca, cb, cp, from: start, thresholds: t), stop < n {
                    stops.append(stop); start = stop + 1
                }
            } } } }
            XCTAssertEqual(stops, expected, "the build's width, thresholds \(thresholds)")
        }
        XCTAssertGreaterThan(stopsSeen, 10_000, "tokens stopped at")
        XCTAssertGreaterThan(passedSeen, 10_000, "tokens passed over")
    }

    /// Thresholds set exactly at a token's own score or bound, and one ulp
    /// below it: the token must then be passed over, and then stopped at. A
    /// ceiling off by a factor (a wrong exponent, subnormal ones included) or
    /// a comparison of the wrong kind moves some stop, which random
    /// thresholds almost never sit close enough to show.
    func testEveryWidthAgreesAtThresholdsOnTheBoundary() {
        var tokens: [(a: Double, b: Double, p: Double)] = []
        var edges: [Double] = [-25, -19.5, -20, -10, -3, 0]
        for k in Array(-1078 ... -1072) + Array(1016...1022) {
            let a = Double(k) / 1.4426950408889634
            edges += [a, a.nextUp, a.nextDown]
        }
        for a in edges { tokens += [(a, a - 1, 0), (a, a + 0.5, Double.leastNormalMagnitude / 16), (a, a - 3, Double.leastNonzeroMagnitude), (a, -21, exp(-21.0))] }
        let n = tokens.count
        let a = tokens.map(\.a), b = tokens.map(\.b), p = tokens.map(\.p)
        let widen = RunningTop.widen
        /// The left side of measure m's test for token j (its score, or its widened bound).
        func side(_ j: Int, _ m: Int) -> Double {
            let (x, y, q) = tokens[j]
            let difference = abs(x - y), ceiling = Self.referenceCeiling(x)
            switch m {
            case 0: return ImplicitRewardMeasure.llr.score(x, y, pA: 0, pB: 0)
            case 1: return ImplicitRewardMeasure.lr20.score(x, y, pA: 0, pB: 0)
            case 2: return ImplicitRewardMeasure.lr10.score(x, y, pA: 0, pB: 0)
            case 3: return ceiling * difference * widen
            case 4: return q * difference * widen
            case 5, 6: return max(ceiling, q) * difference * widen
            default: return (ceiling + q) * M_LN2 * widen
            }
        }
        var sets = 0, differing = 0
        for j in 0..<n {
            for m in 0..<8 {
                let v = side(j, m)
                guard v.isFinite, v > 0 else { continue }
                for threshold in [v, v.nextDown] {
                    var thresholds = [Double](repeating: .infinity, count: 8)
                    thresholds[m] = threshold
                    let expected = (0..<n).filter { Self.referenceCandidate(a[$0], b[$0], p[$0], thresholds) }
                    XCTAssertEqual(expected.contains(j), threshold != v, "token \(j) measure \(m): the reference itself")
                    for lanes in [8, 4, 1] {
                        var stops: [Int] = [], start = 0
                        while true {
                            let stop = Int(backbone_recovery_next_candidate_lanes(lanes, a, b, p, start, n, thresholds, widen))
                            guard stop < n else { break }
                            stops.append(stop); start = stop + 1
                        }
                        if stops != expected { differing += 1 }
                        XCTAssertEqual(stops, expected, "\(lanes) lanes, token \(j) (a = \(a[j])), measure \(m), threshold \(threshold)")
                    }
                    sets += 1
                }
            }
        }
        XCTAssertGreaterThan(sets, 1_000)
        XCTAssertEqual(differing, 0)
    }
}
