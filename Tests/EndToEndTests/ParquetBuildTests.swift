@testable import Analyses
import Foundation
import SiteBuilder
import StudyData
import TestSupport
import XCTest

/// §2 built from the study's own Parquet copies of three RM score tables
/// (vendored in Tests/Fixtures/parquet/study) gives the same results as the
/// build from their CSV form, and the inputs say which format was read.
final class ParquetBuildTests: XCTestCase {
    static let tables = ["big2_rewards_Skywork_Skywork-Reward-Gemma-2-27B-v0.2", "big2_rewards_Skywork_Skywork-Reward-Gemma-2-27B",
                         "big2_rewards_Skywork_Skywork-Reward-Llama-3.1-8B-v0.2"]
    static let folder = "data/reward_model_scores/dict_big2_nouns/"

    /// A copy of content/ whose manifest names the Parquet form of the three tables.
    static func parquetContent() throws -> ContentFolder {
        let root = try SiteFixture.temporaryFolder("parquet").appendingPathComponent("content")
        try FileManager.default.copyItem(at: SiteFixture.content.root, to: root)
        let manifestURL = root.appendingPathComponent("study.yaml")
        var yaml = try String(contentsOf: manifestURL, encoding: .utf8)
        for name in tables {
            let fixture = SiteFixture.repoRoot.appendingPathComponent("Tests/Fixtures/parquet/study/\(name).parquet")
            try FileManager.default.copyItem(at: fixture, to: root.appendingPathComponent(folder + name + ".parquet"))
            let before = yaml
            yaml = yaml.replacingOccurrences(of: folder + name + ".csv", with: folder + name + ".parquet")
            XCTAssertNotEqual(yaml, before, "the manifest names \(name)")
        }
        try yaml.write(to: manifestURL, atomically: true, encoding: .utf8)
        return ContentFolder(root: root)
    }

    func testSection2FromParquetEqualsTheCSVBuild() async throws {
        let csv = try await StudyLoader.load(folder: SiteFixture.content)
        let parquet = try await StudyLoader.load(folder: try Self.parquetContent())
        let options = AnalysisOptions(permutations: 199, seed: 42)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // §2 alone: the rest of the analysis does not read the score tables.
        let a = try encoder.encode(await StudyAnalysis.rewardModelSection(csv, options: options))
        let b = try encoder.encode(await StudyAnalysis.rewardModelSection(parquet, options: options))
        XCTAssertEqual(a.count, b.count)
        XCTAssertTrue(a == b, "§2 results differ between the CSV and the Parquet build")

        let read = parquet.inputs.filter { $0.path.hasSuffix(".parquet") }
        XCTAssertEqual(read.map(\.format), ["Parquet", "Parquet", "Parquet"])
        XCTAssertEqual(read.map(\.rows), [265, 265, 265])
        XCTAssertTrue(parquet.inputs.filter { $0.path.hasSuffix("_rewards_nicolinho_QRM-Gemma-2-27B.csv") }.allSatisfy { $0.format == "CSV" })
    }

    func testABrokenParquetTableStopsTheBuildNamingIt() async throws {
        let content = try Self.parquetContent()
        let url = content.root.appendingPathComponent(Self.folder + Self.tables[1] + ".parquet")
        let data = try Data(contentsOf: url)
        try data.prefix(data.count / 2).write(to: url)
        await assertThrowsAsync(try await StudyLoader.load(folder: content)) { error in
            XCTAssertEqual((error as? DataError)?.path, "content/" + Self.folder + Self.tables[1] + ".parquet", "\(error)")
            XCTAssertTrue("\(error)".contains("expected a Parquet file starting and ending with the magic bytes PAR1"), "\(error)")
        }
    }
}
