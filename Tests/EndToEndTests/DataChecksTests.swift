import Foundation
import SiteBuilder
import XCTest

/// Incomplete or impossible data is an error through the real CLI — naming
/// the file (and line and column where there is one) and what to do — never
/// a quietly different study; the previous site stays untouched.
final class DataChecksTests: XCTestCase {
    let fm = FileManager.default
    let bad = BadInputTests.self
    let scoreFile = "data/reward_model_scores/dict_big2_nouns/big2_rewards_nicolinho_QRM-Gemma-2-27B.csv"
    static let logprobTables = SiteFixture.repoRoot.appendingPathComponent("Tests/Fixtures/reference/logprobs/tables")
    static let checkpointTables = SiteFixture.repoRoot.appendingPathComponent("Tests/Fixtures/reference/training/checkpoints")

    func build(_ content: URL, _ site: URL, _ extra: [String] = []) throws -> CLIRun {
        try CLIRun.run(["build", "--content", content.path, "--out", site.path, "--templates", SiteFixture.templates.path,
                        "--permutations", "9"] + extra)
    }

    func expectError(_ result: CLIRun, _ says: String, site: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(result.status, 1, result.stderr, file: file, line: line)
        XCTAssertTrue(result.stderr.contains(says), result.stderr, file: file, line: line)
        XCTAssertFalse(result.stderr.contains("Error Domain"), result.stderr, file: file, line: line)
        try bad.assertPreviousSiteUntouched(site, file: file, line: line)
    }

    func edit(_ url: URL, _ change: (String) -> String) throws {
        try change(try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
    }

    func testScoreTablesMustBeCompleteAndNumeric() throws {
        let (content, site) = try bad.workspace("scores")
        let url = content.appendingPathComponent(scoreFile)
        let original = try String(contentsOf: url, encoding: .utf8)
        let lines = original.components(separatedBy: "\n")

        try (lines[0] + "\n").write(to: url, atomically: true, encoding: .utf8)
        try expectError(try build(content, site), "content/\(scoreFile):1: expected scored responses after the header, found none", site: site)

        // One dictionary word's row gone from one RM's table while the others score it.
        let word = try XCTUnwrap(lines.dropFirst().first { l in l.hasPrefix("capability,") })
        try lines.filter { $0 != word }.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        try expectError(try build(content, site), "content/\(scoreFile): expected a score for \"capability\"", site: site)

        // One number grammar: what the log-prob reader rejects, the score reader rejects.
        for text in ["0x1p3", " 1.5", "inf", "1_000"] {
            try original.write(to: url, atomically: true, encoding: .utf8)
            try bad.replaceField(in: url, line: 3, column: 2, with: text)
            try expectError(try build(content, site), "content/\(scoreFile):3:2: expected a number", site: site)
        }

        try original.write(to: url, atomically: true, encoding: .utf8)
        try bad.replaceField(in: url, line: 1, column: 3, with: "best_ever_one")
        try expectError(try build(content, site), "content/\(scoreFile):1:3: expected each column name once, found \"best_ever_one\" in columns 2 and 3", site: site)
    }

    func testDictionariesMustBeWellSpelt() throws {
        let (content, site) = try bad.workspace("dictionary")
        let dict = content.appendingPathComponent("data/corpora/dict_big2_nouns.csv")
        let original = try String(contentsOf: dict, encoding: .utf8)
        try edit(dict) { $0 + "\"Agency\",\n" }
        try expectError(try build(content, site), "expected a word, found an empty field", site: site)
        try original.write(to: dict, atomically: true, encoding: .utf8)
        try edit(dict) { $0 + "\"Agensy\",\"zeal\"\n" }
        try expectError(try build(content, site), "expected one of the categories study.yaml lists for big2 (Agency, Communion), found \"Agensy\"", site: site)
    }

    func testCheckpointTablesMustHaveRowsAndEachTokenOnce() throws {
        let (content, site) = try bad.workspace("checkpoints")
        let tables = try SiteFixture.temporaryFolder("data-checks-checkpoints").appendingPathComponent("checkpoints")
        try fm.copyItem(at: Self.checkpointTables, to: tables)
        let gemma = tables.appendingPathComponent("greatest_ever_one_across_checkpoints_gemma.csv")
        let original = try String(contentsOf: gemma, encoding: .utf8)
        let lines = original.components(separatedBy: "\n")
        try (lines[0] + "\n").write(to: gemma, atomically: true, encoding: .utf8)
        try expectError(try build(content, site, ["--checkpoints", tables.path]), "expected one row per token after the header, found none", site: site)
        try (lines + [lines[1]]).joined(separator: "\n").write(to: gemma, atomically: true, encoding: .utf8)
        try expectError(try build(content, site, ["--checkpoints", tables.path]), "expected each token once, found \"accuracy\" again (first on line 2)", site: site)
    }

    func testLogprobsAboveZeroAndMissingFoldersAreErrors() throws {
        let (content, site) = try bad.workspace("logprobs")
        let tables = try SiteFixture.temporaryFolder("data-checks-logprobs").appendingPathComponent("tables")
        try fm.copyItem(at: Self.logprobTables, to: tables)
        let file = tables.appendingPathComponent("google--gemma-2-2b-it.csv")
        let original = try String(contentsOf: file, encoding: .utf8)
        for value in ["0.5", "inf", "+1e999"] {
            try original.write(to: file, atomically: true, encoding: .utf8)
            try bad.replaceField(in: file, line: 2, column: 4, with: value)
            try expectError(try build(content, site, ["--logprobs", tables.path]), "google--gemma-2-2b-it.csv:2:4: expected a log-probability (0 or below, or -inf)", site: site)
        }
        try expectError(try build(content, site, ["--logprobs", tables.path + "-typo"]), "--logprobs: expected a folder", site: site)
        try expectError(try build(content, site, ["--logprobs", file.path]), "--logprobs: expected a folder holding the <org>--<model>.csv log-prob tables, found a file", site: site)
    }

    func testPagesAreConfinedAndASymlinkedContentFolderWorks() throws {
        let (content, site) = try bad.workspace("pages")
        let secret = try SiteFixture.temporaryFolder("data-checks-secret").appendingPathComponent("secret.md")
        try "# Secret\n\nprivate text".write(to: secret, atomically: true, encoding: .utf8)
        let page = content.appendingPathComponent("pages/methods.md")
        let methods = try Data(contentsOf: page)
        try fm.removeItem(at: page)
        try fm.createSymbolicLink(at: page, withDestinationURL: secret)
        try expectError(try build(content, site), "content/pages/methods.md: a link to a file outside the content folder", site: site)
        try fm.removeItem(at: page)
        try methods.write(to: page)

        let alias = try SiteFixture.temporaryFolder("data-checks-alias").appendingPathComponent("content-link")
        try fm.createSymbolicLink(at: alias, withDestinationURL: content)
        let result = try build(alias, site)
        XCTAssertEqual(result.status, 0, result.stderr)
    }
}
