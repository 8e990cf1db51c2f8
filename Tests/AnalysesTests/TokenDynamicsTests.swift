import Analyses
import Foundation
import StudyData
import XCTest

/// Fig. 5 / App. G on SIMULATED checkpoint tables with planted drift.
final class TokenDynamicsTests: XCTestCase {
    func testNormalisation() {
        XCTAssertEqual(TokenDynamics.normalise(" Love"), "love")
        XCTAssertEqual(TokenDynamics.normalise("lov\u{E9}"), "lov")
        XCTAssertEqual(TokenDynamics.normalise("\u{7231}Freedom\n"), "freedom")
        XCTAssertEqual(TokenDynamics.normalise("  FAMILY\t"), "family")
    }

    func testPlantedRiserAndFallerAndKendall() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("checkpoints-\(ProcessInfo.processInfo.processIdentifier)")
        let words = Fixtures.study.dictionaries["big2"]![.virtue]!.categoryOfWord
        let steps = [1000, 2000, 3000, 4000]
        try CheckpointGenerator(words: words.keys.sorted(), steps: steps, riser: "success", faller: "love", seed: 3)
            .write(to: dir.appendingPathComponent("greatest_ever_one_across_checkpoints_llama.csv"))
        let (tables, expected) = try CheckpointTable.loadAll(directory: dir, displayFolder: "sim", families: ["Gemma", "Llama"])
        XCTAssertEqual(tables.map(\.family), ["Llama"])
        let result = TokenDynamics.analyse(tables, expected: expected, categoryOfWord: words)
        XCTAssertEqual(result.status, "partial")
        XCTAssertEqual(result.missing, ["greatest_ever_one_across_checkpoints_gemma.csv"])
        let llama = try XCTUnwrap(result.families.first)
        XCTAssertEqual(llama.words, words.count, "variants normalise to the dictionary's words")
        XCTAssertEqual(llama.steps, steps)
        XCTAssertEqual(llama.risers.first?.word, "success")
        XCTAssertEqual(llama.risers.first?.category, "Agency")
        XCTAssertEqual(llama.risers.first?.lastRank, 1)
        XCTAssertEqual(llama.fallers.first?.word, "love")
        XCTAssertEqual(llama.fallers.first?.lastRank, Double(words.count))
        XCTAssertLessThanOrEqual(llama.risers.count, 10)
        XCTAssertEqual(llama.kendall.last?.vsFinal ?? 0, 1, accuracy: 1e-12)
        XCTAssertNil(llama.kendall.first?.vsPrevious)
        XCTAssertLessThan(llama.kendall.first!.vsFinal, 1)
    }
}
