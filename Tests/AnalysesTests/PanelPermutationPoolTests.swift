@testable import Analyses
import Stats
import StudyData
import TestSupport
import XCTest

/// The panels' permutation tests run pooled across dictionaries
/// (`PanelFamilyComparisons.permutationTests`), batched by shape; each must
/// still be exactly the test of its panel alone on its own seed.
final class PanelPermutationPoolTests: XCTestCase {
    /// On the vendored study: every panel of every dictionary and column
    /// rule (24 of one shape, pooled into batches) against its test alone.
    func testEveryPanelOfTheStudyEqualsItsTestAlone() async throws {
        let results = try await Fixtures.results()
        let dictionaries = results.rewardModels.dictionaries + results.rewardModels.alternatives
        var checked = 0
        for r in dictionaries {
            for panel in r.panels {
                let x = RewardModelRanks.panelValues(r.medianRanks, family: panel.family, framing: panel.framing, category: panel.category)
                let y = RewardModelRanks.panelValues(r.medianRanks, family: panel.referenceFamily, framing: panel.framing, category: panel.category)
                var generator = SeededGenerator(seed: panel.permutation.seed)
                let alone = PermutationTest.welch(x, y, resamples: Fixtures.options.permutations, generator: &generator)
                XCTAssertEqual(panel.permutation.extremeCount, alone.extremeCount, "\(r.dictionary) \(panel.framing) \(panel.category)")
                XCTAssertEqual(panel.permutation.p, alone.p)
                checked += 1
            }
        }
        XCTAssertEqual(checked, 24)
    }

    /// Three "dictionaries" whose panels have four shapes (one degenerate),
    /// interleaved so that sorting by shape reorders them across
    /// dictionaries: each result comes back to its own dictionary and
    /// panel, equal to the panel's test alone.
    func testMixedShapesComeBackInPanelOrder() async throws {
        var data = SeededGenerator(seed: 7)
        func sample(_ count: Int, shift: Double) -> [Double] { (0..<count).map { _ in Double(data.nextInt(below: 80)) / 8 + shift } }
        var seed: UInt64 = 1000
        func panel(_ nx: Int, _ ny: Int, shift: Double) -> PanelFamilyComparisons.Panel {
            seed += 1
            return .init(framing: .positive, category: "c\(seed)", family: "Llama", referenceFamily: "Gemma",
                         x: sample(nx, shift: shift), y: sample(ny, shift: 0), seed: seed)
        }
        var dictionaries: [[PanelFamilyComparisons.Panel]] = [
            [panel(9, 12, shift: 0.5), panel(6, 6, shift: 0), panel(9, 12, shift: 0.2)],
            [panel(6, 6, shift: 1), panel(1, 8, shift: 0), panel(9, 12, shift: 0), panel(12, 9, shift: 0.3)],
            [],
        ]
        for k in 0..<9 {
            let (nx, ny) = k % 2 == 0 ? (9, 12) : (12, 9)
            dictionaries[2].append(panel(nx, ny, shift: Double(k) / 10))
        }
        dictionaries[2].append(panel(5, 14, shift: 0.4))
        let pooled = try await PanelFamilyComparisons.permutationTests(dictionaries, resamples: 1_500)
        XCTAssertEqual(pooled.map(\.count), dictionaries.map(\.count))
        var informative = 0
        for (panels, results) in zip(dictionaries, pooled) {
            for (panel, result) in zip(panels, results) {
                var generator = SeededGenerator(seed: panel.seed)
                let alone = PermutationTest.welch(panel.x, panel.y, resamples: 1_500, generator: &generator)
                XCTAssertEqual(result.extremeCount, alone.extremeCount, panel.category)
                XCTAssertEqual(result.p, alone.p, panel.category)
                XCTAssertEqual(result.observedT.bitPattern, alone.observedT.bitPattern, panel.category)   // NaN for the degenerate one
                if alone.extremeCount > 0 && alone.extremeCount < 1_500 { informative += 1 }
            }
        }
        XCTAssertEqual(pooled[1][1].p, 1)          // the degenerate panel is not relabelled
        XCTAssertGreaterThanOrEqual(informative, 12)
    }
}
