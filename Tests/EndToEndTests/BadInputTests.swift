import Foundation
import SiteBuilder
import TestSupport
import XCTest

/// Bad input through the real CLI: one clear line naming file, line and
/// column; a non-zero exit; and the previous site left exactly as it was.
final class BadInputTests: XCTestCase {

    let scoreFile = "data/reward_model_scores/dict_big2_nouns/big2_rewards_nicolinho_QRM-Gemma-2-27B.csv"

    /// A copy of content/ to break, and an existing site (an earlier Backbone
    /// output: its marker lists its one file) whose page says "previous build".
    static func workspace(_ name: String) throws -> (content: URL, site: URL) {
        let content = try SiteFixture.copyOfContent("bad-\(name)")
        let root = content.deletingLastPathComponent()
        let site = root.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        try "previous build".write(to: site.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        try OutputFolder.marker(files: ["index.html"]).write(to: site.appendingPathComponent(OutputFolder.markerName), atomically: true, encoding: .utf8)
        return (content, site)
    }

    func run(content: URL, site: URL) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = try SiteFixture.backbone()
        process.arguments = ["build", "--content", content.path, "--out", site.path,
                             "--templates", SiteFixture.templates.path, "--permutations", "99"]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func assertPreviousSiteUntouched(_ site: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8), "previous build", file: file, line: line)
        XCTAssertEqual(Set(try FileManager.default.contentsOfDirectory(atPath: site.path)), ["index.html", OutputFolder.markerName], file: file, line: line)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: site.deletingLastPathComponent().path)
        XCTAssertEqual(Set(siblings).subtracting([".site.lock"]), ["content", "site"], "no staging folder left behind", file: file, line: line)
    }

    /// Replaces one field (1-based line and column) of a CSV file.
    static func replaceField(in url: URL, line: Int, column: Int, with value: String) throws {
        var lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        var fields = lines[line - 1].components(separatedBy: ",")
        fields[column - 1] = value
        lines[line - 1] = fields.joined(separator: ",")
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    func testNonNumericScore() throws {
        let (content, site) = try Self.workspace("number")
        try Self.replaceField(in: content.appendingPathComponent(scoreFile), line: 12, column: 7, with: "abc")
        let result = try run(content: content, site: site)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("content/\(scoreFile):12:7: expected a number, found \"abc\""), result.stderr)
        try Self.assertPreviousSiteUntouched(site)
    }

    func testMissingColumn() throws {
        let (content, site) = try Self.workspace("column")
        try Self.replaceField(in: content.appendingPathComponent(scoreFile), line: 1, column: 11, with: "greatest_ever_typo")
        let result = try run(content: content, site: site)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("content/\(scoreFile):1: expected a column named \"greatest_ever_one\""), result.stderr)
        try Self.assertPreviousSiteUntouched(site)
    }

    func testMalformedCSV() throws {
        let (content, site) = try Self.workspace("malformed")
        let url = content.appendingPathComponent(scoreFile)
        try Self.replaceField(in: url, line: 5, column: 3, with: "\"2.5\"x")
        let result = try run(content: content, site: site)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("content/\(scoreFile):5:3: expected a comma or the end of the line after a closing quote"), result.stderr)
        try Self.assertPreviousSiteUntouched(site)

        try Self.replaceField(in: url, line: 5, column: 3, with: "2.5,7")
        let extra = try run(content: content, site: site)
        XCTAssertNotEqual(extra.status, 0)
        XCTAssertTrue(extra.stderr.contains("content/\(scoreFile):5:56: expected 55 fields as in the header, found 56"), extra.stderr)
        try Self.assertPreviousSiteUntouched(site)
    }

    /// Type and value errors in the manifests name the line and column of
    /// the offending value ({L}: the line where the edited text starts).
    func testManifestTypeAndValueErrorsCarryLineAndColumn() throws {
        let cases: [(file: String, from: String, to: String, expected: String)] = [
            ("study.yaml", "    family: Gemma\n    size: 27B", "    family: Gema\n    size: 27B",
             "content/study.yaml:{L}:13: reward_models.N-Gem-27B.family: expected one of Gemma, Llama, Qwen, found \"Gema\""),
            ("study.yaml", "    family: Gemma\n    size: 27B", "    family: [Gemma]\n    size: 27B",
             "content/study.yaml:{L}:13: reward_models[0].family: expected a single value, found a list"),
            ("study.yaml", "key: best_ever_one, framing: positive,", "key: best_ever_one, framing: positiv,",
             "content/study.yaml:{L}:36: prompts[0].framing: expected one of positive, negative, found \"positiv\""),
            ("study.yaml", "family: Gemma, type: pretrained, version: \"2\", size_b: 2,", "family: Gemma, type: pretrained, version: \"2\", size_b: two,",
             "content/study.yaml:{L}:134: logprobs.models[0].size_b: expected a number, found \"two\""),
            ("claims.yaml", "  - id: s2-prompts", "  - id: s2-rms",
             "content/claims.yaml:{L}:9: claim id \"s2-rms\" is used twice"),
            ("claims.yaml", "check: { kind: count, quantity: reward-models", "check: { kind: tally, quantity: reward-models",
             "content/claims.yaml:{L}:20: claims[0].check.kind: expected one of"),
        ]
        for (i, c) in cases.enumerated() {
            let (content, site) = try Self.workspace("manifest-\(i)")
            let url = content.appendingPathComponent(c.file)
            let text = try String(contentsOf: url, encoding: .utf8)
            guard let found = text.range(of: c.from) else { return XCTFail("not in \(c.file): \(c.from)") }
            let line = text[..<found.lowerBound].filter { $0 == "\n" }.count + 1
            let expected = c.expected.replacingOccurrences(of: "{L}", with: "\(line)")
            try text.replacingOccurrences(of: c.from, with: c.to).write(to: url, atomically: true, encoding: .utf8)
            let result = try run(content: content, site: site)
            XCTAssertEqual(result.status, 1, expected)
            let shown = result.stderr.replacingOccurrences(of: content.path, with: "content")
            XCTAssertTrue(shown.contains(expected), "\(shown) does not contain \(expected)")
            try Self.assertPreviousSiteUntouched(site)
        }
    }

    func testManifestPathMayNotLeaveTheContentFolder() throws {
        let (content, site) = try Self.workspace("escape")
        let manifest = content.appendingPathComponent("study.yaml")
        let text = try String(contentsOf: manifest, encoding: .utf8)
            .replacingOccurrences(of: "file: data/corpora/dict_big2_nouns.csv", with: "file: ../../etc/passwd")
        try text.write(to: manifest, atomically: true, encoding: .utf8)
        let result = try run(content: content, site: site)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("leaves the content folder"), result.stderr)
        try Self.assertPreviousSiteUntouched(site)
    }

    func testSuccessfulBuildReplacesTheSite() throws {
        let (content, site) = try Self.workspace("ok")
        let result = try run(content: content, site: site)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertNotEqual(try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8), "previous build")
        XCTAssertTrue(FileManager.default.fileExists(atPath: site.appendingPathComponent("results.json").path))
    }
}
