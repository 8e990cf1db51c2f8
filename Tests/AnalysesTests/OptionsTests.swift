import Analyses
import XCTest

/// Options change exactly what they say, and randomness is reproducible.
final class OptionsTests: XCTestCase {
    func testScriptColumnsSwapPrimaryAndAlternative() throws {
        let options = AnalysisOptions(mfdColumns: .script, panelTest: .welch, permutations: 200, seed: 7)
        let results = try StudyAnalysis.run(Fixtures.study, options: options)
        XCTAssertEqual(results.rewardModels.result(for: "mfd2")?.columns, "script")
        XCTAssertEqual(results.rewardModels.alternative(for: "mfd2")?.columns, "virtue")
        let big2 = try XCTUnwrap(results.rewardModels.result(for: "big2"))
        XCTAssertEqual(big2.figureStarsFrom, "welch")
        for p in big2.panels {
            XCTAssertEqual(p.stars, p.welch.stars)
            XCTAssertEqual(p.permutation.resamples, 200)
        }
    }

    func testSameSeedSameDrawsAndSeedMatters() throws {
        let a = try StudyAnalysis.run(Fixtures.study, options: AnalysisOptions(permutations: 500, seed: 1))
        let b = try StudyAnalysis.run(Fixtures.study, options: AnalysisOptions(permutations: 500, seed: 1))
        let c = try StudyAnalysis.run(Fixtures.study, options: AnalysisOptions(permutations: 500, seed: 2))
        XCTAssertEqual(a, b)
        let seedsA = a.rewardModels.dictionaries.flatMap(\.panels).map(\.permutation.seed)
        let seedsC = c.rewardModels.dictionaries.flatMap(\.panels).map(\.permutation.seed)
        XCTAssertNotEqual(seedsA, seedsC)
        XCTAssertEqual(Set(seedsA).count, seedsA.count, "every panel has its own stream")
    }
}
