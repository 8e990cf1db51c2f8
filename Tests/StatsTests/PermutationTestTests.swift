import Foundation
import TestSupport
import XCTest
import Stats

final class PermutationTestTests: XCTestCase {
    /// Within Monte-Carlo error of the R reference (9,999 relabellings there).
    func testFigureOnePanelsAgreeWithinMonteCarloError() throws {
        for panel in try Fixtures.big2Reference.objects("panel_tests") {
            let category = panel["category"] as! String, framing = panel["prompt_framing"] as! String
            let gemma = try Fixtures.big2Panel(category: category, framing: framing, family: "Gemma")
            let llama = try Fixtures.big2Panel(category: category, framing: framing, family: "Llama")
            var generator = SeededGenerator(seed: 20_240_611)
            let result = PermutationTest.welch(gemma, llama, resamples: 99_999, generator: &generator)
            let reference = try panel.double("perm_p_plus1")
            let referenceR = try panel.double("perm_R")
            XCTAssertEqual(result.resamples, 99_999)
            assertRelativelyClose(result.observedT, try panel.double("t"), 1e-9)
            XCTAssertEqual(result.p, Double(1 + result.extremeCount) / 100_000)
            // Binomial SEs of both estimates, using the larger p (and at least 1/R).
            let pHat = max(reference, result.p, 1 / referenceR)
            let se = (pHat * (1 - pHat) / referenceR + pHat * (1 - pHat) / 99_999).squareRoot()
            XCTAssertLessThan(abs(result.p - reference), 4 * se, "\(category)/\(framing): \(result.p) vs \(reference)")
        }
    }

    func testSameSeedSameResultDifferentSeedDifferentCount() {
        let x: [Double] = [5.1, 4.8, 6.0, 5.5, 5.9, 4.7, 5.2, 6.1, 5.0, 5.4]
        let y: [Double] = [5.3, 5.0, 4.6, 5.8, 4.9, 5.1, 4.4, 5.6, 5.2]
        var g1 = SeededGenerator(seed: 1), g2 = SeededGenerator(seed: 1), g3 = SeededGenerator(seed: 2)
        let a = PermutationTest.welch(x, y, resamples: 20_000, generator: &g1)
        let b = PermutationTest.welch(x, y, resamples: 20_000, generator: &g2)
        let c = PermutationTest.welch(x, y, resamples: 20_000, generator: &g3)
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a.extremeCount, c.extremeCount)
        // Pinned: the same seed must give the same count on every machine and build.
        XCTAssertEqual(a.extremeCount, 4563)
        // A weak effect: the permutation p sits near the Welch p.
        let welch = WelchTest.test(x, y)
        XCTAssertEqual(a.observedT, welch.t)
        XCTAssertLessThan(abs(a.p - welch.p), 0.05)
        XCTAssertGreaterThan(a.p, 0.05)
    }

    /// Exact enumeration on a tiny sample: with groups of 2 and 3 there are
    /// only 10 labellings, so the test's frequency must approach the exact one.
    func testTinySampleApproachesExactPermutationDistribution() {
        let x: [Double] = [1, 2.5], y: [Double] = [3, 4.2, 8]
        let pooled = x + y
        let observed = abs(WelchTest.test(x, y).t)
        var extreme = 0, total = 0
        for i in 0..<5 { for j in (i + 1)..<5 {
            let a = [pooled[i], pooled[j]]
            let b = (0..<5).filter { $0 != i && $0 != j }.map { pooled[$0] }
            if abs(WelchTest.test(a, b).t) >= observed * (1 - 1e-12) { extreme += 1 }
            total += 1
        } }
        let exact = Double(extreme) / Double(total)
        var g = SeededGenerator(seed: 5)
        let result = PermutationTest.welch(x, y, resamples: 50_000, generator: &g)
        let frequency = Double(result.extremeCount) / 50_000
        // SD of the frequency ≤ 0.0023; the observed labelling itself counts (tie handling).
        XCTAssertLessThan(abs(frequency - exact), 0.012, "\(frequency) vs exact \(exact)")
        XCTAssertGreaterThanOrEqual(extreme, 1)  // the observed labelling always counts itself
    }

    /// The test's inner loop against the partial Fisher–Yates written out
    /// plainly (checked draws, array indices, the sums in the same order):
    /// the same extreme count and the generator left in the same state, on
    /// groups of unequal size in both orders.
    func testInnerLoopMatchesPlainPartialFisherYates() {
        var data = SeededGenerator(seed: 9)
        let x = (0..<23).map { _ in Double(data.nextInt(below: 400)) / 4 }
        let y = (0..<41).map { _ in Double(data.nextInt(below: 400)) / 4 + 3 }
        for (a, b) in [(x, y), (y, x)] {
            var g = SeededGenerator(seed: 11), reference = SeededGenerator(seed: 11)
            let result = PermutationTest.welch(a, b, resamples: 3_000, generator: &g)
            let center = Descriptive.mean(a + b)
            var pooled = (a + b).map { $0 - center }
            let n = pooled.count, m = min(a.count, b.count)
            var totalSum = 0.0, totalSquares = 0.0
            for v in pooled { totalSum += v; totalSquares += v * v }
            func absoluteT(_ sumA: Double, _ squaresA: Double) -> Double {
                let sizeA = Double(m), sizeB = Double(n - m)
                let sumB = totalSum - sumA, squaresB = totalSquares - squaresA
                let meanA = sumA / sizeA, meanB = sumB / sizeB
                let varA = max(0, (squaresA - sumA * meanA) / (sizeA - 1)), varB = max(0, (squaresB - sumB * meanB) / (sizeB - 1))
                return abs(meanA - meanB) / (varA / sizeA + varB / sizeB).squareRoot()
            }
            let start = a.count <= b.count ? 0 : a.count
            var s0 = 0.0, q0 = 0.0
            for k in start..<(start + m) { s0 += pooled[k]; q0 += pooled[k] * pooled[k] }
            let threshold = absoluteT(s0, q0) * (1 - 1e-12)
            var extreme = 0
            for _ in 0..<3_000 {
                var s = 0.0, q = 0.0
                for i in 0..<m {
                    let j = i + reference.nextInt(below: n - i)
                    pooled.swapAt(i, j)
                    s += pooled[i]; q += pooled[i] * pooled[i]
                }
                if absoluteT(s, q) >= threshold { extreme += 1 }
            }
            XCTAssertEqual(result.extremeCount, extreme)
            XCTAssertGreaterThan(extreme, 0)
            XCTAssertEqual(g.next(), reference.next())
        }
    }
}
