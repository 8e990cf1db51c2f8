import Analyses
import Foundation
import StudyData
import TestSupport
import XCTest

/// §4 from the study's summary files against an independent R reading of
/// the same files (Tests/Fixtures/reference/training/make_training_reference.R).
final class TrainingDynamicsTests: XCTestCase {
    var result: TrainingSectionResult!

    override func setUp() async throws {
        let fixtureResults = try await Fixtures.results()
        result = try XCTUnwrap(fixtureResults.training)
    }

    func testAblationPointsMatchR() throws {
        // R reads every file; rank_results_uf_13.csv holds the 27k run (see
        // testTheAuditReadsModelIDs), so the report draws no point for it.
        let all = try Fixtures.csvRows("training/ablation_points.csv")
        let rows = all.filter { $0["run"] != "uf_13" }
        XCTAssertEqual(all.filter { $0["run"] == "uf_13" }.map { [$0["model_id"]!, $0["Category"]!, $0["sum_value"]!] },
                       all.filter { $0["run"] == "uf_27" }.map { [$0["model_id"]!, $0["Category"]!, $0["sum_value"]!] })
        XCTAssertEqual(result.ablationPoints.count, rows.count)
        for row in rows {
            let match = result.ablationPoints.filter { $0.run == row["run"] && $0.model == row["model_id"] && $0.category == row["Category"] }
            XCTAssertEqual(match.count, 1, "\(row)")
            XCTAssertEqual(match.first?.family, row["family"])
            XCTAssertEqual(match.first?.checkpoint, Int(row["checkpoint"]!))
            XCTAssertEqual(match.first?.medianRank, Double(row["sum_value"]!))
            XCTAssertEqual(match.first?.dataSize, Double(row["data_size"]!))
        }
        let grm = result.ablationPoints.filter { $0.run == "grm_80k" }
        XCTAssertTrue(grm.allSatisfy { $0.plottedAt == 632 && $0.method == "GRM" })
    }

    func testSeriesOfTheSkyworkRunMatchesR() throws {
        let rows = try Fixtures.csvRows("training/series_sky_80k.csv")
        XCTAssertEqual(result.series.count, 60)
        XCTAssertEqual(result.series.map { "\($0.model)|\($0.category)|\($0.checkpoint)|\($0.medianRank)" },
                       rows.map { "\($0["model_id"]!)|\($0["Category"]!)|\($0["checkpoint"]!)|\(Double($0["sum_value"]!)!)" })
        XCTAssertEqual(Set(result.series.map(\.family)), ["Gemma", "Llama", "Qwen"])
    }

    func testAuditFindsDuplicatesAndIdenticalFiles() throws {
        for row in try Fixtures.csvRows("training/audit.csv") {
            let run = result.runs.first { $0.id == row["run"] }!
            XCTAssertEqual(run.rowsRead, Int(row["rows_read"]!))
            XCTAssertEqual(run.rowsDistinct, Int(row["rows_distinct"]!))
        }
        XCTAssertEqual(result.warnings, [
            TrainingWarning(code: .duplicateRows, file: "rank_results_uf_100.csv", files: nil, rowsRead: 60956, rowsDistinct: 84),
            TrainingWarning(code: .identicalInputs, file: nil, files: ["rank_results_uf_13.csv", "rank_results_uf_27.csv"], rowsRead: nil, rowsDistinct: nil),
            TrainingWarning(code: .modelIdsNameOtherSize, file: "rank_results_uf_13.csv", files: nil, rowsRead: nil, rowsDistinct: nil,
                            modelIds: ["gemma2b_unified27k_lora", "llama3b_unified27k_lora", "qwen3b_unified27k_lora"], listedSize: 13, namedSize: 27),
        ])
        // The 27k point is the only copy of that run that is drawn: nothing to mark as "same data".
        XCTAssertEqual(result.ablationPoints.filter { $0.run == "uf_27" }.map(\.sameDataAs), Array(repeating: [], count: 6))
        XCTAssertEqual(result.tokenDynamics.status, .missing)
    }

    /// The audit reads the model ids, not only the bytes: the file listed as
    /// 13k holds the `*_unified27k_lora` models, so it is the 27k run and no
    /// 13k point is drawn; `results.json` records data_size 13 for no point.
    func testTheAuditReadsModelIDs() throws {
        let uf13 = try XCTUnwrap(result.runs.first { $0.id == "uf_13" })
        XCTAssertEqual(uf13.modelIds, ["gemma2b_unified27k_lora", "llama3b_unified27k_lora", "qwen3b_unified27k_lora"])
        XCTAssertEqual(uf13.dataSizeInModelIds, 27)
        XCTAssertFalse(uf13.plotted)
        XCTAssertTrue(result.runs.filter { $0.id != "uf_13" }.allSatisfy(\.plotted))
        XCTAssertFalse(result.ablationPoints.contains { $0.dataSize == 13 || $0.run == "uf_13" })
        // A file with other bytes whose ids name another size is caught too.
        let dir = try Scratch.folder("training-ids")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("data"), withIntermediateDirectories: true)
        try "\"\",\"model_id\",\"Category\",\"checkpoint\",\"base_model\",\"sum_value\"\n\"1\",\"gemma_x_50k\",\"Agency\",1000,NA,700\n"
            .write(to: dir.appendingPathComponent("data/a.csv"), atomically: true, encoding: .utf8)
        try "\"\",\"model_id\",\"Category\",\"checkpoint\",\"base_model\",\"sum_value\"\n\"1\",\"gemma_x_50k\",\"Agency\",2000,NA,690\n"
            .write(to: dir.appendingPathComponent("data/b.csv"), atomically: true, encoding: .utf8)
        let section = TrainingSection(familyRules: [FamilyRule(match: ["gem"], family: "Gemma")],
                                      runs: [TrainingRun(id: "a", file: "data/a.csv", dataSize: 50, plottedAt: nil, source: "s", method: "BT"),
                                             TrainingRun(id: "b", file: "data/b.csv", dataSize: 25, plottedAt: nil, source: "s", method: "BT")],
                                      dynamicsRun: "a", words: 10)
        let loaded = try TrainingLoader.load(section, folder: ContentFolder(root: dir))
        let r = TrainingDynamics.analyse(loaded, section: section)
        XCTAssertEqual(r.runs.map(\.plotted), [true, false])
        XCTAssertEqual(r.ablationPoints.map(\.run), ["a"])
        XCTAssertEqual(r.warnings.map(\.code), [.modelIdsNameOtherSize])
    }

    func testDisagreeingDuplicatesAreAnError() throws {
        let dir = try Scratch.folder("training")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("data"), withIntermediateDirectories: true)
        try "\"\",\"model_id\",\"Category\",\"checkpoint\",\"base_model\",\"sum_value\"\n\"1\",\"gemma_x\",\"Agency\",1000,NA,700\n\"2\",\"gemma_x\",\"Agency\",1000,NA,701\n"
            .write(to: dir.appendingPathComponent("data/r.csv"), atomically: true, encoding: .utf8)
        let section = TrainingSection(familyRules: [FamilyRule(match: ["gem"], family: "Gemma")],
                                      runs: [TrainingRun(id: "r", file: "data/r.csv", dataSize: 1, plottedAt: nil, source: "s", method: "BT")],
                                      dynamicsRun: "r", words: 10)
        XCTAssertThrowsError(try TrainingLoader.load(section, folder: ContentFolder(root: dir))) { error in
            XCTAssertTrue("\(error)".contains("data/r.csv:3:6: expected the same median rank as line 2"), "\(error)")
        }
    }
}
