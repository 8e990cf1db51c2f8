import Foundation
import StudyData
import TestSupport
import XCTest

/// Every exit path of every command, through the real executable: 0 success
/// (and help, `--version`), 1 a failure the command reports (for `diff`:
/// results changed), 2 a usage error (for `diff`: every error). A failure is
/// one "Error: …" message on stderr that never carries Foundation's domain text.
final class CommandExitStatusTests: XCTestCase {
    struct Case {
        var arguments: [String]
        var status: Int32
        /// Text stderr must contain (failures) or stdout must contain (successes); "" checks nothing more.
        var says: String = ""
    }

    /// A folder with the small inputs the cases need, made once.
    private static let workspaceResult = Result { () throws -> URL in
        let root = try SiteFixture.temporaryFolder("exit-status")
        func write(_ name: String, _ text: String) throws {
            try text.write(to: root.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try write("old.json", "{\"schema\": \"1\", \"reward_models\": {\"p\": 0.5}}")
        try write("new.json", "{\"schema\": \"1\", \"reward_models\": {\"p\": 0.7}}")
        try write("notes.txt", "a person's notes")
        try write("scaling.tsv", "# models, GB, pairs, median s, min s, max s, peak RSS MB\n2\t0.5\t1\t10\t9\t11\t300\n4\t1.0\t3\t19\t18\t21\t420\n")
        try write("bad.tsv", "2\t0.5\n")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("empty"), withIntermediateDirectories: true)
        return root
    }
    static var workspace: URL { get throws { try workspaceResult.get() } }

    func check(_ cases: [Case], file: StaticString = #filePath, line: UInt = #line) throws {
        for c in cases {
            let result = try CLIRun.run(c.arguments)
            let shown = c.arguments.joined(separator: " ")
            XCTAssertEqual(result.status, c.status, "\(shown)\n\(result.stderr)", file: file, line: line)
            for domainText in ["NSCocoaErrorDomain", "Error Domain", "could not be completed", "CommandError("] {
                XCTAssertFalse(result.stderr.contains(domainText), "\(shown): \(result.stderr)", file: file, line: line)
            }
            if c.status == 0 || c.arguments.first == "diff" && c.status == 1 {
                XCTAssertTrue(c.says.isEmpty || result.stdout.contains(c.says), "\(shown): \(result.stdout)", file: file, line: line)
            } else {
                XCTAssertTrue(result.stderr.hasPrefix("Error: "), "\(shown): \(result.stderr)", file: file, line: line)
                XCTAssertTrue(result.stderr.contains(c.says), "\(shown): expected \(c.says)\n\(result.stderr)", file: file, line: line)
            }
        }
    }

    func path(_ name: String) throws -> String { try Self.workspace.appendingPathComponent(name).path }

    var content: [String] { ["--content", Repository.content.path] }

    func testDiff() throws {
        let old = try path("old.json"), new = try path("new.json"), templates = ["--templates", Repository.templates.path]
        try check([
            Case(arguments: ["diff", old, old], status: 0, says: "No changes"),
            Case(arguments: ["diff", old, new], status: 1, says: "/p: 0.5 → 0.7"),
            Case(arguments: ["diff", old, old, "--html", path("diff-same")] + templates, status: 0),
            Case(arguments: ["diff", old, new, "--html", path("diff-changed")] + templates, status: 1),
            Case(arguments: ["diff", old, "/nonexistent/site"], status: 2, says: "no such file or folder"),
            Case(arguments: ["diff", old, path("notes.txt")], status: 2, says: "notes.txt"),
            // --html that cannot be written is an error (2) even when results changed (1).
            Case(arguments: ["diff", old, new, "--html", path("notes.txt")] + templates, status: 2, says: "is a file, not a folder"),
            Case(arguments: ["diff", old, new, "--html", "/proc/backbone-diff-site"] + templates, status: 2, says: "cannot create the lock file"),
            Case(arguments: ["diff", old, new, "--html", path("diff-no-css"), "--templates", path("empty")], status: 2,
                 says: "pass --templates DIR"),
            Case(arguments: ["diff", old], status: 2, says: "Missing expected argument '<new>'"),
            Case(arguments: ["diff", old, new, "--format", "xml"], status: 2, says: "'text', 'markdown' or 'json'"),
            Case(arguments: ["diff", old, new, "--limit", "-3"], status: 2, says: "--limit must be 0 (all) or more"),
            Case(arguments: ["diff", old, new, "--rel-tol", "-1"], status: 2, says: "must be finite and not negative"),
        ])
        XCTAssertTrue(FileManager.default.fileExists(atPath: try path("diff-changed/index.html")))
        XCTAssertFalse(FileManager.default.fileExists(atPath: try path("diff-no-css")))
        XCTAssertEqual(try String(contentsOfFile: path("notes.txt"), encoding: .utf8), "a person's notes")
    }

    func testBuild() throws {
        let templates = ["--templates", Repository.templates.path]
        try check([
            Case(arguments: ["build", "--out", path("site"), "--permutations", "9"] + content + templates, status: 0, says: "index.html"),
            Case(arguments: ["build", "--content", path("empty"), "--out", path("site-2")] + templates, status: 1, says: "study.yaml"),
            Case(arguments: ["build", "--out", path("notes.txt")] + content + templates, status: 1, says: "is a file, not a folder"),
            Case(arguments: ["build", "--compare-to", "/nonexistent/site", "--out", path("site-3")] + content + templates, status: 1,
                 says: "--compare-to: /nonexistent/site: no such file or folder"),
            Case(arguments: ["build", "--no-such-option"], status: 2, says: "Unknown option '--no-such-option'"),
            Case(arguments: ["build", "--panel-test", "ttest"], status: 2, says: "'ttest' is invalid"),
            Case(arguments: ["build", "--mfd-columns", "both"], status: 2, says: "'both' is invalid"),
            Case(arguments: ["build", "--permutations", "0"], status: 2, says: "--permutations must be at least 1"),
        ])
    }

    func testMWLR() throws {
        let a = SiteFixture.logprobTables.appendingPathComponent("google--gemma-2-2b-it.csv").path
        let b = SiteFixture.logprobTables.appendingPathComponent("google--gemma-2-9b-it.csv").path
        try check([
            Case(arguments: ["mwlr", a, b, "--top", "3"], status: 0, says: "MWLR"),
            Case(arguments: ["mwlr", a, b, "--top", "3", "--measure", "jslr"], status: 0, says: "JSLR of"),
            Case(arguments: ["mwlr", a, b, "--top", "3", "--format", "csv"], status: 0, says: "simulated,end,rank,token,score"),
            Case(arguments: ["mwlr", a, "/nonexistent/b.csv"], status: 1, says: "/nonexistent/b.csv"),
            Case(arguments: ["mwlr", a, b, "--prompt", "no_such_prompt"], status: 1, says: "expected a column named \"no_such_prompt\""),
            Case(arguments: ["mwlr", a, b, "--measure", "nope"], status: 2, says: "'nope' is invalid"),
            Case(arguments: ["mwlr", a, b, "--format", "xml"], status: 2, says: "'xml' is invalid"),
            Case(arguments: ["mwlr", a, b, "--top", "0"], status: 2, says: "--top must be at least 1"),
        ])
    }

    func testGenerators() throws {
        let small = ["--rows-gemma", "40", "--rows-llama", "40"]
        try check([
            Case(arguments: ["generate-logprobs", "--out", path("logprobs")] + small + content, status: 0),
            Case(arguments: ["generate-logprobs", "--out", "/proc/backbone-logprobs"] + small + content, status: 1,
                 says: "/proc/backbone-logprobs: No such file or directory"),
            Case(arguments: ["generate-logprobs", "--out", path("logprobs"), "--content", path("empty")], status: 1, says: "study.yaml"),
            Case(arguments: ["generate-logprobs", "--out", path("logprobs"), "--copies", "0"], status: 2, says: "--copies must be at least 1"),
            Case(arguments: ["generate-logprobs"], status: 2, says: "Missing expected argument '--out <out>'"),
            Case(arguments: ["generate-checkpoints", "--out", path("checkpoints")] + content, status: 0),
            Case(arguments: ["generate-checkpoints", "--out", "/proc/backbone-checkpoints"] + content, status: 1,
                 says: "/proc/backbone-checkpoints"),
            Case(arguments: ["generate-checkpoints", "--out", path("checkpoints"), "--seed", "abc"], status: 2, says: "'abc' is invalid"),
        ])
        XCTAssertTrue(FileManager.default.fileExists(atPath: try path("logprobs/\(LogprobLoader.simulatedMarker)")))
    }

    func testBenchmarks() throws {
        try check([
            Case(arguments: ["bench-logprobs", SiteFixture.logprobTables.path] + content, status: 0, says: "round 1: 12 files"),
            Case(arguments: ["bench-logprobs", path("empty")] + content, status: 1, says: "expected the manifest's log-prob tables, missing"),
            Case(arguments: ["bench-logprobs", SiteFixture.logprobTables.path, "--repeats", "x"], status: 2, says: "'x' is invalid"),
            Case(arguments: ["bench-chart", path("scaling.tsv"), "--out", path("charts")], status: 0),
            Case(arguments: ["bench-chart", path("bad.tsv"), "--out", path("charts-bad")], status: 1, says: "bad.tsv:1: expected 7 tab-separated numbers"),
            Case(arguments: ["bench-chart", "/nonexistent/scaling.tsv", "--out", path("charts-bad")], status: 1,
                 says: "/nonexistent/scaling.tsv: No such file or directory"),
            Case(arguments: ["bench-chart", path("scaling.tsv")], status: 2, says: "Missing expected argument '--out <out>'"),
        ])
        XCTAssertTrue(FileManager.default.fileExists(atPath: try path("charts/scaling-time.svg")))
    }

    func testRoot() throws {
        try check([
            Case(arguments: ["--version"], status: 0, says: "0.1.0"),
            Case(arguments: ["--help"], status: 0, says: "SUBCOMMANDS"),
            Case(arguments: ["help", "diff"], status: 0, says: "OVERVIEW: Compare two builds"),
            Case(arguments: ["no-such-command"], status: 2, says: "Unexpected argument 'no-such-command'"),
        ])
    }
}
