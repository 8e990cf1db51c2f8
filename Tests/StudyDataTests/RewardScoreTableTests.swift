import Foundation
import TestSupport
import XCTest
@testable import StudyData

final class RewardScoreTableTests: XCTestCase {

    private var realURL: URL { Repo.contentFile(Repo.big2ScoresQRMGemma27B) }
    private var realDisplay: String { "content/" + Repo.big2ScoresQRMGemma27B }

    /// The prompt keys in manifest order (the same order as the file's columns).
    private func promptKeys() throws -> [String] {
        try ManifestLoader.load(from: ContentFolder(root: Repo.content)).prompts.map(\.key)
    }

    func testRealBig2FileOfQRMGemma27B() throws {
        let prompts = try promptKeys()
        let table = try RewardScoreTable.load(url: realURL, displayPath: realDisplay, prompts: prompts)
        XCTAssertEqual(table.path, realDisplay)
        XCTAssertEqual(table.responses.count, 265)
        XCTAssertEqual(table.promptKeys.count, 54)
        XCTAssertEqual(table.promptKeys, prompts)
        XCTAssertEqual(table.scores.count, 54)
        XCTAssertTrue(table.scores.allSatisfy { $0.count == 265 })
        XCTAssertEqual(Set(table.responses).count, 265)
        XCTAssertEqual(Array(table.responses.prefix(2)), ["accuracy", "affection"])
        XCTAssertEqual(table.responses.last, "wits")

        func score(_ response: String, _ prompt: String) -> Double? {
            guard let r = table.responses.firstIndex(of: response), let p = prompts.firstIndex(of: prompt) else { return nil }
            return table.scores[p][r]
        }
        // Values copied from the CSV file.
        XCTAssertEqual(score("accuracy", "best_ever_one"), 2.43164062)
        XCTAssertEqual(score("accuracy", "best_world_please"), 2.41137695)
        XCTAssertEqual(score("accuracy", "terrible_time_please"), 2.17834473)
        XCTAssertEqual(score("affection", "best_ever_one"), 3.97167969)
        XCTAssertEqual(score("affection", "terrible_time_please"), 1.97570801)
        XCTAssertEqual(score("ambitions", "best_ever_one"), 2.0871582)
        XCTAssertEqual(score("wits", "best_ever_one"), 2.40124512)
        XCTAssertEqual(score("wits", "terrible_time_please"), 2.1986084)
        XCTAssertTrue(table.scores.allSatisfy { $0.allSatisfy(\.isFinite) })
    }

    func testPromptsAreTakenByNameNotByPosition() throws {
        let table = try RewardScoreTable.load(url: realURL, displayPath: realDisplay,
                                              prompts: ["terrible_time_please", "best_ever_one"])
        XCTAssertEqual(table.promptKeys, ["terrible_time_please", "best_ever_one"])
        XCTAssertEqual(table.scores.count, 2)
        XCTAssertEqual(table.scores[0][0], 2.17834473)   // accuracy, terrible_time_please
        XCTAssertEqual(table.scores[1][0], 2.43164062)   // accuracy, best_ever_one
        XCTAssertEqual(table.scores[1][1], 3.97167969)   // affection, best_ever_one
    }

    /// A temporary copy of the real file with `field` (1-based) of `line`
    /// (1-based, physical) replaced by `value`.
    private func realCopy(replacingLine line: Int, field: Int, with value: String) throws -> URL {
        let text = try String(contentsOf: realURL, encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        var fields = lines[line - 1].components(separatedBy: ",")
        fields[field - 1] = value
        lines[line - 1] = fields.joined(separator: ",")
        let url = try Scratch.folder("RewardScoreTableTests").appendingPathComponent("x.csv")
        try Data(lines.joined(separator: "\n").utf8).write(to: url)
        return url
    }

    func testNonNumericScoreNamesLineAndColumnExactly() throws {
        let url = try realCopy(replacingLine: 12, field: 7, with: "abc")
        let display = "content/data/reward_model_scores/x.csv"
        let error = assertDataError(try RewardScoreTable.load(url: url, displayPath: display, prompts: try promptKeys()))
        XCTAssertEqual(error?.line, 12)
        XCTAssertEqual(error?.column, 7)
        XCTAssertEqual(error?.description, "content/data/reward_model_scores/x.csv:12:7: expected a number, found \"abc\"")
    }

    func testErrorColumnIsTheFileColumnWhateverThePromptOrder() throws {
        let url = try realCopy(replacingLine: 12, field: 7, with: "abc")
        let error = assertDataError(try RewardScoreTable.load(url: url, displayPath: "x.csv",
                                                              prompts: try promptKeys().reversed()))
        XCTAssertEqual(error?.description, "x.csv:12:7: expected a number, found \"abc\"")
    }

    func testMissingPromptColumnNamesTheColumnAndLine1() throws {
        let prompts = try promptKeys() + ["best_universe_one"]
        let error = assertDataError(try RewardScoreTable.load(url: realURL, displayPath: realDisplay, prompts: prompts))
        XCTAssertEqual(error?.path, realDisplay)
        XCTAssertEqual(error?.line, 1)
        XCTAssertTrue(error?.message.hasPrefix("expected a column named \"best_universe_one\"") ?? false, error?.message ?? "")
        XCTAssertTrue(error?.description.hasPrefix(realDisplay + ":1: expected a column named \"best_universe_one\"") ?? false)
    }

    func testMissingResponseColumn() throws {
        let url = try Scratch.folder("RewardScoreTableTests").appendingPathComponent("s.csv")
        try Data("answer,p\nlove,1\n".utf8).write(to: url)
        let error = assertDataError(try RewardScoreTable.load(url: url, displayPath: "s.csv", prompts: ["p"]))
        XCTAssertEqual(error?.line, 1)
        XCTAssertTrue(error?.message.contains("\"response\"") ?? false)
    }

    func testDuplicatedResponseIsAnError() throws {
        let url = try Scratch.folder("RewardScoreTableTests").appendingPathComponent("d.csv")
        try Data("response,p,q\nlove,1,2\nwar,3,4\nlove,5,6\n".utf8).write(to: url)
        let error = assertDataError(try RewardScoreTable.load(url: url, displayPath: "d.csv", prompts: ["p", "q"]))
        XCTAssertEqual(error?.description, "d.csv:4:1: expected each response once, found \"love\" again (first on line 2)")
    }

    func testDuplicatedResponseInARealCopy() throws {
        // line 3 is "affection"; make line 13 say "affection" too
        let url = try realCopy(replacingLine: 13, field: 1, with: "affection")
        let error = assertDataError(try RewardScoreTable.load(url: url, displayPath: "x.csv", prompts: try promptKeys()))
        XCTAssertEqual(error?.line, 13)
        XCTAssertEqual(error?.column, 1)
        XCTAssertTrue(error?.message.contains("first on line 3") ?? false, error?.message ?? "")
    }

    func testNaNAndInfinityScoresAreRejected() throws {
        let dir = try Scratch.folder("RewardScoreTableTests")
        for bad in ["NaN", "nan", "NAN", "inf", "-inf", "+inf", "Inf", "Infinity", "-infinity", "1e400", "NA", "", " ", "null", "1,5", "1.2.3", "--1", " 4.5 ", "0x1p3", "1_000"] {
            let url = dir.appendingPathComponent("n.csv")
            let value = bad.contains(",") ? "\"\(bad)\"" : bad
            try Data("response,p\nlove,\(value)\n".utf8).write(to: url)
            let error = assertDataError(try RewardScoreTable.load(url: url, displayPath: "n.csv", prompts: ["p"]), bad)
            XCTAssertEqual(error?.description, "n.csv:2:2: expected a number, found \(quotedForMessage(bad))", bad)
        }
    }

    func testRealNumberSpellingsAreAccepted() throws {
        let cases: [(String, Double)] = [("1", 1), ("-2.5", -2.5), ("+0.25", 0.25), ("3e2", 300), ("-1.5E-3", -0.0015),
                                         (".5", 0.5), ("0", 0)]
        for (text, value) in cases {
            XCTAssertEqual(try RewardScoreTable.parseScore(text, path: "p", line: 2, column: 3), value, text)
        }
    }
}
