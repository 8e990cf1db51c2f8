import Foundation
import XCTest

/// Inputs built to exhaust memory fail early with a clear message: a 100 MB
/// line of one-character fields in a score table or a log-prob table, and a
/// `results.json` far larger than any run. Each runs under an address-space
/// limit (`ulimit -v`, 1.5 GB) that the old readers broke (they held every
/// field: 1.2 GB for the score-table case), so "bounded" is tested, not timed.
final class PathologicalInputTests: XCTestCase {
    private static let megabytes100 = 50_000_000   // "a," pairs

    func testHundredMegabyteLineInAScoreTable() throws {
        let content = try SiteFixture.copyOfContent("patho-scores")
        let root = content.deletingLastPathComponent()
        let table = "data/reward_model_scores/dict_big2_nouns/big2_rewards_nicolinho_QRM-Gemma-2-27B.csv"
        let url = content.appendingPathComponent(table)
        var lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        lines[5] = Self.oneCharacterFields()
        try lines.joined(separator: "\n").write(to: url, atomically: false, encoding: .utf8)
        let result = try run(["build", "--content", content.path, "--templates", SiteFixture.templates.path,
                              "--permutations", "9", "--out", root.appendingPathComponent("site").path])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("\(table):6:56: expected 55 fields as in the header, found at least 57"), result.stderr)
    }

    func testHundredMegabyteHeaderInALogprobTable() throws {
        let root = try SiteFixture.temporaryFolder("patho-logprobs")
        let tables = root.appendingPathComponent("logprobs")
        try FileManager.default.copyItem(at: SiteFixture.logprobTables, to: tables)
        try Self.oneCharacterFields().write(to: tables.appendingPathComponent("google--gemma-2-2b.csv"), atomically: false, encoding: .utf8)
        let result = try run(["build", "--content", SiteFixture.content.root.path, "--templates", SiteFixture.templates.path,
                              "--permutations", "9", "--logprobs", tables.path, "--out", root.appendingPathComponent("site").path])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("google--gemma-2-2b.csv:1:10001: expected a header of at most 10000 columns, found more"), result.stderr)
    }

    func testOversizedResultsFileInDiff() async throws {
        let root = try SiteFixture.temporaryFolder("patho-diff")
        let big = root.appendingPathComponent("results.json")
        try Data(repeating: UInt8(ascii: " "), count: 65 << 20).write(to: big)
        let result = try run(["diff", big.path, try await SiteFixture.site.appendingPathComponent("results.json").path])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("results.json: 65 MB is larger than any run Backbone writes; expected at most 64 MB"), result.stderr)
    }

    private static func oneCharacterFields() -> String {
        String(repeating: "a,", count: megabytes100 - 1) + "a"
    }

    private func run(_ arguments: [String]) throws -> CLIRun {
        try CLIRun.run(arguments, ulimit: "-v 1500000")
    }
}
