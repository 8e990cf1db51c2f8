import Foundation
import TestSupport
import XCTest
@testable import StudyData

/// The loaders read Parquet into the same tables as CSV.
final class ParquetLoaderTests: XCTestCase {
    func testStudyScoreTablesMatchTheirCSVForm() throws {
        let prompts = try ManifestLoader.load(from: ContentFolder(root: Repo.content)).prompts.map(\.key)
        for name in ["big2_rewards_Skywork_Skywork-Reward-Gemma-2-27B-v0.2", "big2_rewards_Skywork_Skywork-Reward-Gemma-2-27B",
                     "big2_rewards_Skywork_Skywork-Reward-Llama-3.1-8B-v0.2"] {
            let parquet = try RewardScoreTable.from(ParquetFixtures.open("study/\(name).parquet"), prompts: prompts)
            let csv = try RewardScoreTable.load(url: Repo.contentFile("data/reward_model_scores/dict_big2_nouns/\(name).csv"),
                                                displayPath: name, prompts: prompts)
            XCTAssertTrue(TokenIndex.sameBytes(parquet.responses, csv.responses), name)
            for (p, prompt) in prompts.enumerated() {
                // The study's Parquet copies keep full precision; the CSVs were rounded, never by more than 1e-9.
                for (x, y) in zip(parquet.scores[p], csv.scores[p]) { XCTAssertEqual(x, y, accuracy: 1e-9, "\(name) \(prompt)") }
                let order = { (s: [Double]) in s.indices.sorted { s[$0] > s[$1] || (s[$0] == s[$1] && $0 < $1) } }
                XCTAssertEqual(order(parquet.scores[p]), order(csv.scores[p]), "\(name) \(prompt): same ranking")
            }
        }
    }

    func testNumbersExpectedButTextFound() throws {
        let file = try ParquetFixtures.open("study/big2_rewards_Skywork_Skywork-Reward-Gemma-2-27B.parquet")
        let error = assertDataError(try RewardScoreTable.from(file, prompts: ["best_ever_one", "response"]))
        XCTAssertEqual(error?.description, "study/big2_rewards_Skywork_Skywork-Reward-Gemma-2-27B.parquet: column \"response\": expected numbers, found text (BYTE_ARRAY)")
        let missing = assertDataError(try RewardScoreTable.from(ParquetFixtures.open("plain-none-v1.parquet"), prompts: ["score"]))
        XCTAssertEqual(missing?.description, "plain-none-v1.parquet: expected a column named \"response\"; the file has \"token\", \"raw\", \"score\", \"f32\", \"i32\", \"i64\", \"flag\", \"fixed\", …")
    }

    /// A null score is the Parquet form of an empty CSV field: refused at its column and row, never read as a number.
    func testMissingScoreIsAnErrorAtItsColumnAndRow() throws {
        let file = try ParquetFixtures.open("scores/missing-score.parquet")
        let complete = try RewardScoreTable.from(file, prompts: ["best_ever_one"])
        XCTAssertEqual(complete.scores, [[1.5, -0.25, 3.0, 0.5]])
        let error = assertDataError(try RewardScoreTable.from(file, prompts: ["best_ever_one", "best_ever_single"]))
        XCTAssertEqual(error?.description, "scores/missing-score.parquet: column \"best_ever_single\", row 3: expected a number, found a missing value or NaN")
    }

    func testCheckpointTableFromParquetEqualsItsCSVTwin() throws {
        let folder = ParquetFixtures.url("checkpoints")
        let csv = try CheckpointTableReader.read(Data(contentsOf: folder.appendingPathComponent("checkpoint.csv")), family: "Gemma", path: "c.csv")
        let parquet = try CheckpointTableReader.read(ParquetFile.open(url: folder.appendingPathComponent("checkpoint.parquet"), displayPath: "c.parquet"),
                                                     family: "Gemma")
        XCTAssertEqual(parquet.steps, [1000, 2000, 3000, 9578])
        XCTAssertEqual(parquet.steps, csv.steps)
        XCTAssertTrue(TokenIndex.sameBytes(parquet.tokens, csv.tokens))
        XCTAssertEqual(parquet.tokens.count, 40)
        for (a, b) in zip(parquet.scores.joined(), csv.scores.joined()) {
            XCTAssertTrue(a == b || (a.isNaN && b.isNaN), "\(a) vs \(b)")
        }
        XCTAssertTrue(parquet.scores.joined().contains { $0.isNaN }, "the fixture has missing scores")
    }

    func testCheckpointFolderOfParquetFilesLoadsAndSaysSo() throws {
        let source = try XCTUnwrap(ManifestLoader.load(from: ContentFolder(root: Repo.content)).training?.tokenDynamics)
        let dir = try Scratch.folder("ParquetLoaderTests")
        for table in source.tables {
            try FileManager.default.copyItem(at: ParquetFixtures.url("checkpoints/checkpoint.parquet"),
                                             to: dir.appendingPathComponent(table.name + ".parquet"))
        }
        let loaded = try CheckpointLoader.load(source, directory: dir, display: "ckpt")
        XCTAssertEqual(loaded.tables.map(\.family), source.tables.map(\.family))
        XCTAssertEqual(loaded.missing, [])
        XCTAssertEqual(loaded.inputs.map(\.format), ["Parquet", "Parquet", "Parquet"])
        XCTAssertEqual(loaded.inputs.first?.path, "ckpt/\(source.tables[0].name).parquet")
    }
}
