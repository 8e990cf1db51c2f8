import Foundation
import TestSupport
import XCTest
@testable import StudyData

final class ManifestLoaderTests: XCTestCase {

    // MARK: The real manifest

    func testRealStudyManifestDecodes() throws {
        let m = try ManifestLoader.load(from: ContentFolder(root: Repo.content))
        XCTAssertEqual(m.title, "Reward Models Inherit Value Biases from Pretraining")
        XCTAssertTrue(m.citation.contains("ICLR"))

        XCTAssertEqual(m.prompts.count, 54)
        XCTAssertEqual(m.prompts.filter { $0.framing == .positive }.count, 27)
        XCTAssertEqual(m.prompts.filter { $0.framing == .negative }.count, 27)
        XCTAssertEqual(Set(m.prompts.map(\.key)).count, 54)
        XCTAssertEqual(m.prompts.first, Prompt(key: "best_ever_one", text: "What, in one word, is the best thing ever?", framing: .positive))
        XCTAssertEqual(m.prompts.last?.key, "terrible_time_please")
        XCTAssertEqual(m.prompts.last?.framing, .negative)
        XCTAssertEqual(m.framings, [.positive, .negative])

        XCTAssertEqual(m.families, [
            Family(name: "Gemma", colour: "#DB4437"),
            Family(name: "Llama", colour: "#0064E0"),
            Family(name: "Qwen", colour: "#7C3AED", appendixOnly: true),
        ])
        XCTAssertEqual(m.mainFigureFamilies, ["Gemma", "Llama"])
        XCTAssertEqual(m.dictionaries.map(\.displayName), ["Big Two", "MFD2"])
        XCTAssertEqual(m.trainingDictionary?.id, "big2")
        XCTAssertEqual(m.training?.runs.filter { $0.inAppendixFigure == false }.map(\.id), ["grm_80k"])
        XCTAssertEqual(m.family(named: "Llama")?.colour, "#0064E0")
        XCTAssertNil(m.family(named: "Mistral"))

        XCTAssertEqual(m.dictionaries.map(\.id), ["big2", "mfd2"])
        XCTAssertEqual(m.dictionaries.map(\.format), [.categoryWord, .mfd2])
        XCTAssertEqual(m.dictionary(id: "big2")?.file, "data/corpora/dict_big2_nouns.csv")
        XCTAssertEqual(m.dictionary(id: "mfd2")?.file, "data/corpora/moral-foundations-dictionary-20.dicx")

        XCTAssertEqual(m.rewardModels.map(\.label), [
            "N-Gem-27B", "S-Gem-27B-v0.2", "S-Gem-27B", "S-Lla-8B-v0.2", "N-Lla-8B",
            "L-Lla-8B", "R-Lla-8B", "R-Lla-3B", "F-Lla-8B-v0.1", "R-Gem-2B",
        ])
        XCTAssertEqual(m.rewardModels.map(\.family), ["Gemma", "Gemma", "Gemma", "Llama", "Llama",
                                                      "Llama", "Llama", "Llama", "Llama", "Gemma"])
        let first = m.rewardModels[0]
        XCTAssertEqual(first.name, "nicolinho/QRM-Gemma-2-27B")
        XCTAssertEqual(first.size, "27B")
        XCTAssertEqual(first.scores["big2"], Repo.big2ScoresQRMGemma27B)
        XCTAssertTrue(m.rewardModels.allSatisfy { Set($0.scores.keys) == ["big2", "mfd2"] })
    }

    func testMissingManifestFile() throws {
        let dir = try Scratch.folder("ManifestLoaderTests").appendingPathComponent("content")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let error = assertDataError(try ManifestLoader.load(from: ContentFolder(root: dir)))
        XCTAssertEqual(error?.path, "content/study.yaml")
        XCTAssertTrue(error?.message.hasPrefix("cannot read the study manifest") ?? false)
    }

    // MARK: Errors, on a small valid manifest

    private let valid = """
    title: T
    citation: C
    prompts:
      - { key: best, framing: positive, text: "Best?" }
      - { key: worst, framing: negative, text: "Worst?" }
    families:
      - { name: Gemma, colour: "#DB4437" }
      - { name: Llama, colour: "#0064e0" }
    dictionaries:
      - id: big2
        name: Big Two
        format: category-word
        file: data/big2.csv
        citation: P
    reward_models:
      - label: A
        name: org/a
        family: Gemma
        size: 2B
        scores:
          big2: data/a.csv
      - label: B
        name: org/b
        family: Llama
        size: 8B
        scores:
          big2: data/b.csv
    """

    private func decode(_ text: String) throws -> StudyManifest {
        try ManifestLoader.decode(text, displayPath: "content/study.yaml")
    }

    private func replacing(_ old: String, with new: String) -> String {
        XCTAssertTrue(valid.contains(old), old)
        return valid.replacingOccurrences(of: old, with: new)
    }

    func testSmallManifestIsValid() throws {
        let m = try decode(valid)
        XCTAssertEqual(m.prompts.map(\.key), ["best", "worst"])
        XCTAssertEqual(m.rewardModels.map(\.label), ["A", "B"])
        XCTAssertEqual(m.families[1].colour, "#0064e0")   // lower-case hex is a colour
    }

    func testMissingTopLevelFieldIsNamed() {
        let error = assertDataError(try decode(replacing("citation: C\n", with: "")))
        XCTAssertEqual(error?.path, "content/study.yaml")
        XCTAssertEqual(error?.line, 1, "the top-level mapping, where the field belongs")
        XCTAssertEqual(error?.message, "expected a field \"citation\" at the top level")
    }

    func testMissingNestedFieldIsNamedWithWhereItIsMissing() {
        let error = assertDataError(try decode(replacing("    size: 8B\n", with: "")))
        XCTAssertEqual(error?.message, "expected a field \"size\" in reward_models[1]")   // the second reward model
    }

    func testUnknownFamilyOfARewardModel() {
        let error = assertDataError(try decode(replacing("family: Llama", with: "family: Mistral")))
        XCTAssertEqual(error?.description,
                       "content/study.yaml:24:13: reward_models.B.family: expected one of Gemma, Llama, found \"Mistral\"")
    }

    func testBadColours() {
        for bad in ["#GG4437", "DB4437", "#DB443", "#DB44370", "red", "#DB 437", ""] {
            let error = assertDataError(try decode(replacing("\"#DB4437\"", with: "\"\(bad)\"")), bad)
            XCTAssertEqual(error?.message,
                           "families.Gemma.colour: expected a colour like \"#DB4437\", found \(quotedForMessage(bad))", bad)
        }
    }

    func testDuplicatePromptKey() {
        let error = assertDataError(try decode(replacing("key: worst", with: "key: best")))
        XCTAssertEqual(error?.message, "prompts: the key \"best\" appears twice")
    }

    func testDuplicateFamilyAndLabel() {
        XCTAssertEqual(assertDataError(try decode(replacing("name: Llama", with: "name: Gemma")))?.message,
                       "families: \"Gemma\" appears twice")
        XCTAssertEqual(assertDataError(try decode(replacing("label: B", with: "label: A")))?.message,
                       "reward_models: the label \"A\" appears twice")
    }

    func testFewerThanTwoFamilies() {
        let error = assertDataError(try decode(replacing("  - { name: Llama, colour: \"#0064e0\" }\n", with: "")))
        XCTAssertEqual(error?.message, "families: expected at least two families to compare")
    }

    func testScoresForAnUnknownDictionary() {
        let error = assertDataError(try decode(replacing("big2: data/b.csv", with: "mfd2: data/b.csv")))
        XCTAssertEqual(error?.message, "reward_models.B.scores: \"mfd2\" is not a dictionary id (expected one of big2)")
    }

    func testUnknownFramingAndFormat() {
        let framing = assertDataError(try decode(replacing("framing: negative", with: "framing: neutral")))
        XCTAssertTrue(framing?.message.hasPrefix("prompts[1].framing: ") ?? false, framing?.message ?? "")
        XCTAssertTrue(framing?.message.contains("neutral") ?? false, framing?.message ?? "")
        let format = assertDataError(try decode(replacing("format: category-word", with: "format: liwc")))
        XCTAssertTrue(format?.message.contains("format") ?? false, format?.message ?? "")
    }

    func testInvalidYAMLIsReportedWithItsPosition() {
        let error = assertDataError(try decode("title: [unclosed\ncitation: C\n"))
        XCTAssertEqual(error?.path, "content/study.yaml")
        XCTAssertTrue(error?.message.hasPrefix("invalid YAML: ") ?? false, error?.message ?? "")
        XCTAssertNotNil(error?.line)
        XCTAssertNotNil(error?.column)
        XCTAssertTrue(error?.description.hasPrefix("content/study.yaml:") ?? false)
        XCTAssertFalse(error?.description.contains("\n") ?? true, error?.description ?? "")
        XCTAssertFalse(error?.description.contains(": :") ?? true, error?.description ?? "")
    }

    func testInvalidYAMLPositionIsTheLineOfTheProblem() {
        // a tab cannot indent YAML; the problem is on line 5 (the second prompt)
        let text = replacing("  - { key: worst", with: "\t- { key: worst")
        let error = assertDataError(try decode(text))
        XCTAssertEqual(error?.line, 5, error?.description ?? "")
        XCTAssertTrue(error?.message.hasPrefix("invalid YAML: ") ?? false, error?.message ?? "")
        XCTAssertFalse(error?.description.contains("\n") ?? true, error?.description ?? "")
    }

    func testDuplicateYAMLKeyIsAnError() {
        let error = assertDataError(try decode("title: A\n" + valid))
        XCTAssertTrue(error?.message.hasPrefix("invalid YAML: ") ?? false, error?.message ?? "")
        XCTAssertTrue(error?.message.contains("\"title\"") ?? false, error?.message ?? "")
        XCTAssertFalse(error?.description.contains("\n") ?? true, error?.description ?? "")
    }

    func testWrongTypeIsReported() {
        let error = assertDataError(try decode(replacing("prompts:\n  - { key: best", with: "prompts: 3\nunused:\n  - { key: best")))
        XCTAssertTrue(error?.message.hasPrefix("prompts") ?? false, error?.message ?? "")
    }
}
