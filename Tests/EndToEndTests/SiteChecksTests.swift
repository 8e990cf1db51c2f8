import Foundation
import SiteBuilder
import TestSupport
import XCTest

/// The checks every build runs before swapping its site in.
final class SiteChecksTests: XCTestCase {
    func testTheRealSitePasses() async throws {
        let files = SiteFixture.allFiles(under: try await SiteFixture.site)
        let problems = await SiteChecks.run(root: try await SiteFixture.site, files: files,
                                      entryPoints: ["index.html", "reward-models.html", "methods.html", "data.html", "style.css", "results.json", "manifest.json"])
        XCTAssertEqual(problems, [])
    }

    func testBrokenSitesAreCaught() async throws {
        let root = try SiteFixture.temporaryFolder("checks")
        func write(_ name: String, _ text: String) throws {
            let url = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try write("index.html", """
            <!DOCTYPE html><html><head><link rel="stylesheet" href="style.css" /></head><body>
            <a href="missing.html">x</a><a href="#nowhere">y</a><a href="https://example.org/">z</a>
            <img src="figures/a.svg" /><a href="page.html#here">ok</a></body></html>
            """)
        try write("page.html", "<html><body><p id=\"here\">unclosed</body></html>")
        try write("figures/a.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>t</title></svg>")
        try write("orphan.csv", "a\n1\n")
        try write("style.css", "body { background: url(https://cdn.example/x.png); }")
        let problems = await SiteChecks.run(root: root, files: ["figures/a.svg", "index.html", "orphan.csv", "page.html", "style.css"],
                                      entryPoints: ["index.html", "style.css"])
        let text = problems.map(\.description)
        XCTAssertTrue(text.contains("index.html: link to a missing file: missing.html"), "\(text)")
        XCTAssertTrue(text.contains("index.html: link to a missing anchor: #nowhere"), "\(text)")
        XCTAssertTrue(text.contains("index.html: links outside the site: https://example.org/"), "\(text)")
        XCTAssertTrue(text.contains { $0.hasPrefix("page.html: not well-formed") }, "\(text)")
        XCTAssertTrue(text.contains("orphan.csv: no page links to this file"), "\(text)")
        XCTAssertTrue(text.contains("style.css: the stylesheet loads other resources"), "\(text)")
        XCTAssertFalse(text.contains { $0.contains("figures/a.svg") && $0.contains("missing") }, "\(text)")
    }

    /// libcmark leaves a pipe table as a paragraph of `|` lines: the check
    /// fails on it, not on a one-line data string or a real table's cells.
    func testUnrenderedMarkdownTablesAreCaught() async throws {
        let root = try SiteFixture.temporaryFolder("checks-markdown")
        try "<html><body><p>| option | value |\n|---|---|\n| a | b |</p><p>token |a|b| and |---|</p><table><tr><td>|---|---|</td></tr></table></body></html>"
            .write(to: root.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        try "<html><body><p>token |a|b| and x</p><table><tr><td>\n|---|---|\n</td></tr></table></body></html>"
            .write(to: root.appendingPathComponent("fine.html"), atomically: true, encoding: .utf8)
        let problems = await SiteChecks.run(root: root, files: ["fine.html", "index.html"], entryPoints: ["index.html", "fine.html"]).map(\.description)
        XCTAssertEqual(problems, ["index.html: unrendered Markdown table: |---|---|"])
    }
}
