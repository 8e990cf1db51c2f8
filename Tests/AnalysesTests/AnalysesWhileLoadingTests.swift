import Analyses
import Foundation
import StudyData
import TestSupport
import XCTest

/// The build analyses §2, §4 and the App. F simulation while the §3 tables
/// are still read (`StudyLoader.load(…, beside:)` with
/// `StudyAnalysis.analyseWhileLoading`); the staged run must give what
/// loading, then analysing, gives.
final class AnalysesWhileLoadingTests: XCTestCase {
    private let options = AnalysisOptions(mfdColumns: .virtue, panelTest: .permutation, permutations: 500, seed: 7)

    func testStagedRunEqualsLoadingThenAnalysing() async throws {
        let tables = LogprobReferenceTests.tablesFolder
        let options = options
        let (study, early) = try await StudyLoader.load(folder: Fixtures.content, logprobs: tables, beside: { core, arrivals in
            await StudyAnalysis.analyseWhileLoading(core, options: options, arrivals: arrivals)
        })
        let staged = try await StudyAnalysis.run(study, options: options, whileLoading: early)
        let sequential = try await StudyAnalysis.run(try await StudyLoader.load(folder: Fixtures.content, logprobs: tables), options: options)
        // Compared as JSON: the results hold NaNs, which `==` never equates.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        XCTAssertEqual(try encoder.encode(staged), try encoder.encode(sequential))
        // Every section ran, so the comparison covers each stage.
        XCTAssertFalse(staged.rewardModels.dictionaries.isEmpty)
        XCTAssertNotNil(staged.training)
        XCTAssertNotNil(staged.vocabulary)
        XCTAssertNotNil(staged.robustness)
        XCTAssertEqual(staged.implicitRewards?.status, .ok)
        XCTAssertNotNil(staged.implicitRewards?.simulation)
        XCTAssertEqual(staged.logprobRanks?.status, .ok)
        XCTAssertFalse(staged.claims.isEmpty)
    }
}
