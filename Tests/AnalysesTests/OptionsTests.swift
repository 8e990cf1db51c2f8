@testable import Analyses
import Stats
import TestSupport
import XCTest

/// Options change exactly what they say, and randomness is reproducible:
/// each panel's permutation draws come from its own seed, derived from
/// `--seed` and the panel's name (Docs/Methods.md#random-numbers).
final class OptionsTests: XCTestCase {
    func testScriptColumnsSwapPrimaryAndAlternative() async throws {
        let options = AnalysisOptions(mfdColumns: .script, panelTest: .welch, permutations: 200, seed: 7)
        let fixtureStudy = try await Fixtures.study()
        let results = try await StudyAnalysis.run(fixtureStudy, options: options)
        XCTAssertEqual(results.rewardModels.result(for: "mfd2")?.columns, .script)
        XCTAssertEqual(results.rewardModels.alternative(for: "mfd2")?.columns, .virtue)
        let big2 = try XCTUnwrap(results.rewardModels.result(for: "big2"))
        XCTAssertEqual(big2.figureStarsFrom, .welch)
        for p in big2.panels {
            XCTAssertEqual(p.stars, p.welch.stars)
            XCTAssertEqual(p.permutation.resamples, 200)
        }
    }

    /// Pinned against an independent implementation
    /// (Tests/Fixtures/reference/stats/seed_derivation_reference.py).
    func testSeedDerivationMatchesTheReference() throws {
        let cases: [(UInt64, [String], UInt64)] = [
            (42, ["big2", "positive", "Agency", "Llama"], 573_127_835_312_494),
            (42, ["big2", "negative", "Communion", "Llama"], 8_503_525_562_901_973),
            (1, ["big2", "positive", "Agency", "Llama"], 5_420_653_849_008_294),
            (0, [], 6_878_748_757_292_191),
            (42, ["ab", "c"], 5_196_898_488_148_164),
            (42, ["a", "bc"], 2_465_310_686_259_498),
            (42, ["recovery", "google--gemma-2-2b-it", "greatest_ever_one", "0"], 7_388_858_287_725_299),
            (UInt64.max, ["mfd2", "positive", "Care", "Llama"], 3_791_036_556_105_459),
            (42, ["mfd2", "negative", "Sanctity", "Llama", "爱"], 6_886_286_465_030_594),
        ]
        for (base, parts, expected) in cases {
            XCTAssertEqual(SeedDerivation.seed(base, parts), expected, "\(base) \(parts)")
        }
    }

    /// Seeds fit in 53 bits (exact in any JSON reader), and every part of the
    /// name — and where it ends — changes the seed.
    func testSeedsAreExactInJSONAndDependOnEveryPart() throws {
        var seen = Set<UInt64>()
        for base: UInt64 in [0, 1, 42, 1 << 63, .max] {
            for framing in ["positive", "negative"] {
                for category in ["Agency", "Communion", "Care"] {
                    let s = SeedDerivation.seed(base, ["big2", framing, category, "Llama"])
                    XCTAssertLessThan(s, 1 << 53)
                    XCTAssertTrue(seen.insert(s).inserted, "\(base) \(framing) \(category) collides")
                }
            }
        }
        XCTAssertNotEqual(SeedDerivation.seed(42, ["ab", "c"]), SeedDerivation.seed(42, ["a", "bc"]))
        XCTAssertNotEqual(SeedDerivation.seed(42, ["big2"]), SeedDerivation.seed(42, ["mfd2"]))
    }

    /// The study's panels: each records the seed derived from its name, and
    /// replaying `PermutationTest.welch` from that seed on the panel's median
    /// ranks gives exactly the recorded count; another seed gives other draws.
    func testPanelsDrawFromTheirOwnDerivedStreams() async throws {
        let options = Fixtures.options
        var otherCounts: [(Int, Int)] = []
        let fixtureResults = try await Fixtures.results()
        for result in fixtureResults.rewardModels.dictionaries {
            XCTAssertEqual(Set(result.panels.map(\.permutation.seed)).count, result.panels.count, "one stream per panel")
            for panel in result.panels {
                let name = [result.dictionary, panel.framing.rawValue, panel.category, panel.family]
                XCTAssertEqual(panel.permutation.seed, SeedDerivation.seed(options.seed, name), "\(name)")
                guard result.dictionary == "big2" else { continue }
                func values(_ family: String) -> [Double] {
                    result.medianRanks.filter { $0.family == family && $0.framing == panel.framing && $0.category == panel.category }
                        .map(\.medianRank)
                }
                let x = values(panel.family), y = values(panel.referenceFamily)
                var same = SeededGenerator(seed: panel.permutation.seed)
                let replay = PermutationTest.welch(x, y, resamples: options.permutations, generator: &same)
                XCTAssertEqual(replay.extremeCount, panel.permutation.extremeCount, "\(name)")
                XCTAssertEqual(replay.p, panel.permutation.p, "\(name)")
                var other = SeededGenerator(seed: SeedDerivation.seed(options.seed + 1, name))
                otherCounts.append((panel.permutation.extremeCount,
                                    PermutationTest.welch(x, y, resamples: options.permutations, generator: &other).extremeCount))
            }
        }
        // The Big Two panels have p ≈ .0001–.001: a few to twenty extreme relabellings out of
        // 20,000, so another seed must move at least one count (and all stay small).
        XCTAssertEqual(otherCounts.count, 4)
        XCTAssertTrue(otherCounts.contains { $0.0 != $0.1 }, "another seed, other draws: \(otherCounts)")
        XCTAssertTrue(otherCounts.allSatisfy { $0.1 < 100 }, "\(otherCounts)")
    }
}
