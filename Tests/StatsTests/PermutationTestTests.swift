import CRelabel
import Foundation
import TestSupport
import XCTest
@testable import Stats

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

    /// The test against the partial Fisher–Yates written out plainly
    /// (`plainTest`: checked draws, array indices, the sums in the same order):
    /// the same extreme count and the generator left in the same state, on
    /// groups of unequal size in both orders.
    func testInnerLoopMatchesPlainPartialFisherYates() {
        var data = SeededGenerator(seed: 9)
        let x = (0..<23).map { _ in Double(data.nextInt(below: 400)) / 4 }
        let y = (0..<41).map { _ in Double(data.nextInt(below: 400)) / 4 + 3 }
        for (a, b) in [(x, y), (y, x)] {
            var g = SeededGenerator(seed: 11), reference = SeededGenerator(seed: 11)
            let result = PermutationTest.welch(a, b, resamples: 3_000, generator: &g)
            let extreme = plainTest(a, b, resamples: 3_000, generator: &reference).extreme
            XCTAssertEqual(result.extremeCount, extreme)
            XCTAssertGreaterThan(extreme, 0)
            XCTAssertEqual(g.next(), reference.next())
        }
    }

    /// A Welch permutation test written out plainly (checked draws through
    /// `SeededGenerator.nextInt(below:)`, array indices, `swapAt`): the
    /// reference the side-by-side lanes must equal, count and generator both.
    private func plainTest(_ a: [Double], _ b: [Double], resamples: Int,
                           generator: inout SeededGenerator) -> (extreme: Int, t: Double) {
        let observedT = WelchTest.test(a, b).t
        guard a.count >= 2, b.count >= 2, observedT.isFinite else { return (resamples, observedT) }
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
        for _ in 0..<resamples {
            var s = 0.0, q = 0.0
            for i in 0..<m {
                let j = i + generator.nextInt(below: n - i)
                pooled.swapAt(i, j)
                s += pooled[i]; q += pooled[i] * pooled[i]
            }
            if absoluteT(s, q) >= threshold { extreme += 1 }
        }
        return (extreme, observedT)
    }

    /// Tests of three shapes, a degenerate one among them, run side by side:
    /// the seven tests of the first shape fill eight lanes (one spare) where
    /// the machine has AVX-512, else a group of four and a group of three
    /// (one spare lane); the one test of the second shape and the two of
    /// the third run alone. Every test's count, observed t and final
    /// generator equal the plain loop's on its own generator.
    func testSideBySideEqualsEachTestAlone() {
        var data = SeededGenerator(seed: 21)
        func sample(_ count: Int, shift: Double) -> [Double] {
            (0..<count).map { _ in Double(data.nextInt(below: 60)) / 4 + shift }   // many ties
        }
        var inputs: [WelchPermutationInput] = []
        for k in 0..<6 { inputs.append(WelchPermutationInput(x: sample(13, shift: Double(k) / 3), y: sample(20, shift: 0),
                                                            generator: SeededGenerator(seed: UInt64(100 + k)))) }
        inputs.insert(WelchPermutationInput(x: sample(20, shift: 1), y: sample(13, shift: 0),   // same shape, groups swapped
                                            generator: SeededGenerator(seed: 200)), at: 3)
        inputs.append(WelchPermutationInput(x: sample(5, shift: 2), y: sample(9, shift: 0), generator: SeededGenerator(seed: 300)))
        inputs.insert(WelchPermutationInput(x: [1], y: sample(9, shift: 0), generator: SeededGenerator(seed: 400)), at: 1)
        inputs.append(WelchPermutationInput(x: sample(8, shift: 0.5), y: sample(8, shift: 0), generator: SeededGenerator(seed: 500)))
        inputs.insert(WelchPermutationInput(x: sample(8, shift: 0.8), y: sample(8, shift: 0), generator: SeededGenerator(seed: 501)), at: 5)

        let outcomes = PermutationTest.welch(sideBySide: inputs, resamples: 2_000)
        XCTAssertEqual(outcomes.count, inputs.count)
        var counted = 0
        for (input, outcome) in zip(inputs, outcomes) {
            var reference = input.generator
            let plain = plainTest(input.x, input.y, resamples: 2_000, generator: &reference)
            XCTAssertEqual(outcome.result.extremeCount, plain.extreme)
            XCTAssertEqual(outcome.result.resamples, 2_000)
            XCTAssertEqual(outcome.result.p, Double(1 + plain.extreme) / 2_001)
            XCTAssertEqual(outcome.result.observedT.bitPattern, plain.t.bitPattern)
            var after = outcome.generator
            XCTAssertEqual(after.next(), reference.next())
            if plain.extreme > 0 && plain.extreme < 2_000 { counted += 1 }
        }
        XCTAssertEqual(outcomes[1].result.p, 1)          // the degenerate test is not relabelled
        XCTAssertGreaterThanOrEqual(counted, 8)          // the comparisons above were not all trivial
    }

    /// The inverse of an odd `a` modulo 2^64 (Newton's iteration).
    private func inverse(_ a: UInt64) -> UInt64 {
        var y = a
        for _ in 0..<6 { y = y &* (2 &- a &* y) }
        return y
    }

    /// A generator whose next output is `output`: xoshiro256** outputs
    /// rotl(s1 · 5, 7) · 9, which is invertible (5 and 9 are odd).
    private func generator(nextOutput output: UInt64, seed: UInt64) -> SeededGenerator {
        let rotated = output &* inverse(9)
        var g = SeededGenerator(seed: seed)
        g.s1 = ((rotated >> 7) | (rotated << 57)) &* inverse(5)
        return g
    }

    /// Lemire's draw below b rejects an output x whose low product word
    /// (x · b mod 2^64) is below 2^64 mod b and draws again; the vector
    /// lanes first test a cheaper condition that every such x meets. Both
    /// are rare (about once in 2^56 and 2^32 draws here), so they are
    /// forced: with b = 7 (2^64 mod 7 = 2), lane 0's first output gives a
    /// low word of 0 (drawn again), lane 3's of 3 (below b, kept), lane 1's
    /// meets the cheap condition but not Lemire's (kept); lane 2 is plain.
    /// Every lane must equal the plain loop, on both the dispatching and
    /// the plain-C paths of `backbone_relabel_lanes` (four and eight lanes),
    /// side by side through `welch(sideBySide:)` (four tests, and eight:
    /// the four twice), and each generator alone through `backbone_relabel_one`.
    func testRejectedDrawIsDrawnAgainInItsOwnLane() {
        var data = SeededGenerator(seed: 33)
        let x = (0..<3).map { _ in Double(data.nextInt(below: 100)) }, y = (0..<4).map { _ in Double(data.nextInt(below: 100)) + 20 }
        // Lane 1: x = hi · 2^32 + (2^32 − 1), so ⌊lo · 7 / 2^32⌋ = 6 and lo · 7's lower half is 2^32 − 7 ≥ 7;
        // hi · 7 + 6 ≡ 0 (mod 2^32) makes the cheap condition hold.
        let falseAlarmHigh = UInt64(UInt32(truncatingIfNeeded: (0 &- 6) &* inverse(7)))
        let generators = [generator(nextOutput: 0, seed: 70),
                          generator(nextOutput: falseAlarmHigh << 32 | 0xFFFF_FFFF, seed: 71),
                          SeededGenerator(seed: 72),
                          generator(nextOutput: 3 &* inverse(7), seed: 73)]
        // The forced cases are what they claim: lane 0's draw takes two outputs, the others one.
        for (lane, g) in generators.enumerated() {
            var drawn = g, stepped = g
            let first = stepped.next()
            _ = drawn.nextInt(below: 7)
            if lane == 0 { _ = stepped.next() }
            XCTAssertEqual(drawn.next(), stepped.next(), "lane \(lane)")
            let low = first &* 7
            let middle = (first >> 32) &* 7 &+ ((first & 0xFFFF_FFFF) &* 7) >> 32
            switch lane {
            case 0: XCTAssertEqual(low, 0)
            case 1: XCTAssertGreaterThanOrEqual(low, 7); XCTAssertEqual(middle & 0xFFFF_FFFF, 0)
            case 3: XCTAssertEqual(low, 3)
            default: XCTAssertNotEqual(middle & 0xFFFF_FFFF, 0)
            }
        }

        for side in [generators, generators + generators] {
            let outcomes = PermutationTest.welch(sideBySide: side.map { WelchPermutationInput(x: x, y: y, generator: $0) },
                                                 resamples: 500)
            for (lane, outcome) in outcomes.enumerated() {
                var reference = side[lane]
                let plain = plainTest(x, y, resamples: 500, generator: &reference)
                XCTAssertEqual(outcome.result.extremeCount, plain.extreme, "\(side.count) side by side, lane \(lane)")
                var after = outcome.generator
                XCTAssertEqual(after.next(), reference.next(), "\(side.count) side by side, lane \(lane)")
            }
        }

        // The same generators each alone (`backbone_relabel_one`).
        for (lane, g) in generators.enumerated() {
            var alone = g, reference = g
            let result = PermutationTest.welch(x, y, resamples: 500, generator: &alone)
            let plain = plainTest(x, y, resamples: 500, generator: &reference)
            XCTAssertEqual(result.extremeCount, plain.extreme, "alone, lane \(lane)")
            XCTAssertEqual(alone.next(), reference.next(), "alone, lane \(lane)")
        }

        // The C paths on the same lanes, at both widths (the eight lanes hold
        // the four generators twice, the second four one output further on):
        // the same values, state and sums after every relabelling as the
        // plain-C lanes, whichever vector path this machine takes.
        let n = 7, m = 3
        for lanes in [4, 8] {
            var state = [UInt64](repeating: 0, count: 4 * lanes)
            for lane in 0..<lanes {
                var g = generators[lane % 4]
                if lane >= 4 { _ = g.next() }
                state[lane] = g.s0; state[lanes + lane] = g.s1; state[2 * lanes + lane] = g.s2; state[3 * lanes + lane] = g.s3
            }
            var values = (0..<(lanes * n)).map { Double($0 % n) + Double($0 % lanes) / 8 }
            var portableState = state, portableValues = values
            for _ in 0..<200 {
                var sums = [Double](repeating: 0, count: lanes), squares = sums, portableSums = sums, portableSquares = sums
                backbone_relabel_lanes(&values, lanes, n, m, &state, &sums, &squares)
                backbone_relabel_lanes_portable(&portableValues, lanes, n, m, &portableState, &portableSums, &portableSquares)
                XCTAssertEqual(values, portableValues, "\(lanes) lanes")
                XCTAssertEqual(state, portableState, "\(lanes) lanes")
                XCTAssertEqual(sums, portableSums, "\(lanes) lanes")
                XCTAssertEqual(squares, portableSquares, "\(lanes) lanes")
            }
        }
    }

    /// `backbone_count_extreme` on eight lanes (one AVX-512 vector where the
    /// machine has it) and on four (AVX2) against the plain-C loop and against Welch's |t|
    /// written out here, on sums that land on every side of each lane's
    /// threshold: exactly on it (a relabelling that ties the observed one),
    /// one ulp either side, a variance that rounds below zero (taken as 0),
    /// a zero spread (|t| = ∞ or NaN), and overflowed sums (∞ − ∞: a NaN
    /// variance, which Swift's max(0, v) also takes as 0).
    func testVectorExtremeCountsEqualThePlainLoop() {
        var data = SeededGenerator(seed: 41)
        func absoluteT(_ totals: [Double], _ sumA: Double, _ squaresA: Double) -> Double {
            let (totalSum, totalSquares, sizeA, sizeB) = (totals[0], totals[1], totals[2], totals[3])
            let sumB = totalSum - sumA, squaresB = totalSquares - squaresA
            let meanA = sumA / sizeA, meanB = sumB / sizeB
            let varA = max(0, (squaresA - sumA * meanA) / (sizeA - 1)), varB = max(0, (squaresB - sumB * meanB) / (sizeB - 1))
            return abs(meanA - meanB) / (varA / sizeA + varB / sizeB).squareRoot()
        }
        var infinite = 0, notANumber = 0, ties = 0
        for round in 0..<2_000 {
            let lanes = round % 2 == 0 ? 8 : 4
            var statistics = [Double](repeating: 0, count: 5 * lanes)
            var sums = [Double](repeating: 0, count: lanes), squares = sums
            var expected = [Int64](repeating: 0, count: lanes)
            for lane in 0..<lanes {
                let sizeA = Double(2 + data.nextInt(below: 20)), sizeB = Double(2 + data.nextInt(below: 30))
                var totals = [Double(data.nextInt(below: 2_001)) / 100 - 10, Double(data.nextInt(below: 5_000)) / 10 + 1, sizeA, sizeB]
                var sumA = Double(data.nextInt(below: 2_001)) / 100 - 10, squaresA = Double(data.nextInt(below: 3_000)) / 10
                switch (round + lane) % 7 {
                case 0: squaresA = sumA * sumA / sizeA                       // the drawn group's variance rounds to about 0
                case 1: sumA = totals[0] * sizeA / (sizeA + sizeB); squaresA = totals[1] * sizeA / (sizeA + sizeB)   // t near 0
                case 2:
                    // Both groups constant, exactly: zero spread, |t| = ∞ (or NaN when the constants are equal).
                    let a = Double(data.nextInt(below: 3)), b = Double(data.nextInt(below: 3))
                    sumA = a * sizeA; squaresA = a * a * sizeA
                    totals[0] = sumA + b * sizeB; totals[1] = squaresA + b * b * sizeB
                case 3:
                    // Overflowed sums: ∞ − ∞ makes the drawn group's variance NaN, which counts as 0 (Swift's max(0, v)).
                    sumA = .infinity; squaresA = .infinity
                default: break
                }
                let t = absoluteT(totals, sumA, squaresA)
                if t.isInfinite { infinite += 1 }
                if t.isNaN { notANumber += 1 }
                let threshold: Double
                switch (round + lane) % 4 {
                case 0: threshold = t; if t.isFinite { ties += 1 }          // a tie counts
                case 1: threshold = t.nextUp
                case 2: threshold = t.nextDown
                default: threshold = Double(data.nextInt(below: 400)) / 100
                }
                for r in 0..<4 { statistics[r * lanes + lane] = totals[r] }
                statistics[4 * lanes + lane] = threshold
                sums[lane] = sumA; squares[lane] = squaresA
                expected[lane] = t >= threshold ? 1 : 0
                XCTAssertEqual(backbone_welch_absolute_t(totals, sumA, squaresA).bitPattern, t.bitPattern)
            }
            var vector = [Int64](repeating: 0, count: lanes), portable = vector
            backbone_count_extreme(lanes, sums, squares, statistics, &vector)
            backbone_count_extreme_portable(lanes, sums, squares, statistics, &portable)
            XCTAssertEqual(vector, expected, "round \(round)")
            XCTAssertEqual(portable, expected, "round \(round)")
        }
        XCTAssertGreaterThan(infinite, 100)
        XCTAssertGreaterThan(notANumber, 100)
        XCTAssertGreaterThan(ties, 1_000)
    }
}
