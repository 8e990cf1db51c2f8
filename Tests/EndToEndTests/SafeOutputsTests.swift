import Foundation
import XCTest

/// Outputs safe to open anywhere, and errors a person can act on, through
/// the real CLI.
final class SafeOutputsTests: XCTestCase {
    /// A spreadsheet must not run a token as a formula: `mwlr --format csv`.
    func testMWLRCSVNeutralisesFormulasAndControls() throws {
        let root = try SiteFixture.temporaryFolder("mwlr-csv")
        let tokens = ["=1+1", "@SUM(A1)", "+cmd", "-x", "\u{0}nul", "\u{FFFE}", "plain"] + (0..<20).map { "w\($0)" }
        func table(_ name: String, shift: Double) throws -> String {
            var text = "token_id,token_name,token_decoded,greatest_ever_one\n"
            for (i, t) in tokens.enumerated() {
                let quoted = "\"" + t.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                text += "\(i),id\(i),\(quoted),\(-1.0 - Double(i) * 0.1 - shift * Double(i % 3))\n"
            }
            let url = root.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }
        let a = try table("a.csv", shift: 0), b = try table("b.csv", shift: 0.5)
        let result = try CLIRun.run(["mwlr", a, b, "--format", "csv", "--top", "10"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let fields = result.stdout.components(separatedBy: "\r\n").flatMap { $0.components(separatedBy: ",") }
        for field in fields {
            let text = field.hasPrefix("\"") ? String(field.dropFirst()) : field
            if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
                XCTAssertNotNil(Double(text), "a formula reached the CSV: \(text.debugDescription)")
            }
        }
        XCTAssertTrue(result.stdout.contains("'=1+1") || result.stdout.contains("'@SUM(A1)") || result.stdout.contains("'+cmd"), result.stdout)
        XCTAssertFalse(result.stdout.unicodeScalars.contains { $0.value == 0 || $0.value == 0xFFFE }, "no raw control or noncharacter")
    }

    /// A p-value that became infinite is a change, not "within tolerance".
    func testDiffCountsChangesToAndFromInfinity() throws {
        let root = try SiteFixture.temporaryFolder("diff-inf")
        func write(_ name: String, _ p: String) throws -> String {
            let url = root.appendingPathComponent(name)
            try "{\"schema\": \"1\", \"reward_models\": {\"p\": \(p), \"q\": 1e999}}".write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }
        let finite = try write("a.json", "0.5"), infinite = try write("b.json", "1e999"), negative = try write("c.json", "-1e999")
        XCTAssertEqual(try CLIRun.run(["diff", finite, finite]).status, 0, "unchanged ±∞ is unchanged")
        for (old, new) in [(finite, infinite), (infinite, finite), (infinite, negative)] {
            let result = try CLIRun.run(["diff", old, new])
            XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
            XCTAssertFalse(result.stdout.contains("No changes"), result.stdout)
        }
    }

    func testNumericOptionsSayWhatIsWrong() throws {
        let negative = try CLIRun.run(["build", "--permutations", "-5", "--out", SiteFixture.temporaryFolder("neg").appendingPathComponent("site").path])
        XCTAssertNotEqual(negative.status, 0)
        XCTAssertTrue(negative.stderr.contains("--permutations must be at least 1, found -5"), negative.stderr)
        XCTAssertFalse(negative.stderr.contains("Missing value"), negative.stderr)
        let huge = try CLIRun.run(["build", "--permutations", "1000000000000"])
        XCTAssertNotEqual(huge.status, 0)
        XCTAssertTrue(huge.stderr.contains("--permutations must be at most 10000000"), huge.stderr)
        let limit = try CLIRun.run(["diff", "a", "b", "--limit", "-3"])
        XCTAssertEqual(limit.status, 2)
        XCTAssertFalse(limit.stderr.contains("Missing value"), limit.stderr)
        let top = try CLIRun.run(["mwlr", "a", "b", "--top", "-1"])
        XCTAssertTrue(top.stderr.contains("--top must be at least 1"), top.stderr)
    }
}
