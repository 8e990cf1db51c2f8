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
}
