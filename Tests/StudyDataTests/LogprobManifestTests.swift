import Foundation
import XCTest
@testable import StudyData

/// The manifest's optional §3 section: the real one, and the mistakes its validation catches.
final class LogprobManifestTests: XCTestCase {
    func testRealManifestNamesTwelveModelsTwoPairsThreeTablesAndTheGrid() throws {
        let m = try ManifestLoader.load(from: ContentFolder(root: Repo.content))
        let section = try XCTUnwrap(m.logprobs)
        XCTAssertEqual(section.models.count, 12)
        XCTAssertEqual(section.dataset, "Oxford-HIPlab/iclr2026-lm-logprobs")
        XCTAssertEqual(section.model(named: "google/gemma-2-2b-it")?.file, "google--gemma-2-2b-it.csv")
        XCTAssertEqual(section.rankPairs.map(\.modelA), ["google/gemma-2-2b", "google/gemma-2-2b-it"])
        XCTAssertEqual(section.implicitRewards.tables.map(\.title), ["Table 1", "Table A2", "Table A3"])
        XCTAssertEqual(section.implicitRewards.grid.sources.count * section.implicitRewards.grid.targets.count, 21)
        XCTAssertEqual(section.implicitRewards.prompt, "greatest_ever_one")
    }

    func testAManifestWithoutTheSectionStillLoads() throws {
        let text = try String(contentsOf: Repo.content.appendingPathComponent("study.yaml"), encoding: .utf8)
        let withoutSection = String(text[..<text.range(of: "\n# §3:")!.lowerBound])
        XCTAssertNil(try ManifestLoader.decode(withoutSection, displayPath: "study.yaml").logprobs)
    }

    func testUnknownModelsPromptsAndBadFileNamesAreReported() throws {
        let text = try String(contentsOf: Repo.content.appendingPathComponent("study.yaml"), encoding: .utf8)
        func message(_ from: String, _ to: String) -> String {
            do { _ = try ManifestLoader.decode(text.replacingOccurrences(of: from, with: to), displayPath: "study.yaml"); return "" }
            catch { return "\(error)" }
        }
        // The position is the edited value's: its line, and its column on that line.
        func line(of fragment: String) -> Int {
            text[..<text.range(of: fragment)!.lowerBound].filter { $0 == "\n" }.count + 1
        }
        XCTAssertEqual(message("model_b: meta-llama/Llama-3.2-3B, dictionary", "model_b: meta-llama/Llama-9, dictionary"),
                       "study.yaml:\(line(of: "model_b: meta-llama/Llama-3.2-3B, dictionary")):65: logprobs.rank_pairs[0].model_b: \"meta-llama/Llama-9\" is not one of logprobs.models")
        XCTAssertEqual(message("prompt: greatest_ever_one", "prompt: greatest_ever"),
                       "study.yaml:\(line(of: "prompt: greatest_ever_one")):13: logprobs.implicit_rewards.prompt: \"greatest_ever\" is not a prompt key")
        XCTAssertTrue(message("file: google--gemma-2-9b-it.csv", "file: ../x.csv").contains("expected a plain file name"))
        XCTAssertTrue(message("file: google--gemma-2-9b-it.csv", "file: google--gemma-2-2b-it.csv").contains("appears twice"))
        XCTAssertTrue(message("family: Gemma, type: pretrained", "family: Mistral, type: pretrained").contains("expected one of Gemma, Llama, Qwen"))
    }
}
