import Foundation
import RunDiff
@testable import SiteBuilder
import TestSupport
import XCTest

/// The diff page as a node tree: run labels, figure names, pointers and
/// values that look like markup are text and attribute values on the page,
/// read back unchanged, and never become elements.
final class DiffPageTests: XCTestCase {
    static let oldLabel = "runs/<old>\n'a' & \"b\""
    static let newLabel = "</p><script>alert(1)</script>"
    static let figureLabel = "Fig \"<i>x</i>\"\tone"

    func diff() throws -> RunDiff {
        let manifest = """
        {"figures":[{"id":"f<1>","file":"figures/f&1.svg","label":\(Self.json(Self.figureLabel)),"depends_on":["/x"]}]}
        """
        let old = try RunSnapshot.inMemory(label: Self.oldLabel, resultsJSON: #"{"schema":"1.0","x":1,"s":"<b>bold</b>"}"#,
                                           manifestJSON: manifest, files: ["figures/f&1.svg": "<svg/>"])
        let new = try RunSnapshot.inMemory(label: Self.newLabel, resultsJSON: #"{"schema":"1.0","x":2,"s":"</td><td>&amp;"}"#,
                                           manifestJSON: manifest, files: ["figures/f&1.svg": "<svg></svg>"])
        return try RunDiff.compare(old, new)
    }

    static func json(_ s: String) -> String { String(decoding: try! JSONEncoder().encode(s), as: UTF8.self) }

    /// The file name the page gives the figure's copies: its id as a slug.
    let svg = SiteNames.slug("f<1>") + ".svg"

    func testHostileStringsStayTextOnTheDiffSitePage() throws {
        let page = DiffPage(try diff(), heading: "What <changed>", assetFolder: "")
        XCTAssertEqual(page.body, page.nodes.rendered())
        let scan = XMLScan(DiffSite.shell(title: "T <&> '", body: page.nodes))
        XCTAssertNil(scan.error)
        XCTAssertEqual(Set(scan.names).subtracting(["html", "head", "meta", "title", "link", "body", "header", "p", "a", "main", "footer", "h1", "h2",
                                                     "figure", "div", "img", "figcaption", "strong", "code", "table", "caption", "thead",
                                                     "tbody", "tr", "th", "td"]), [], "only the page's own elements")
        XCTAssertEqual(scan.texts(of: "title"), ["T <&> ' — Backbone diff"])
        XCTAssertEqual(scan.texts(of: "h1"), ["What <changed>"])
        XCTAssertTrue(scan.text.contains("\(Self.oldLabel) → \(Self.newLabel): results changed."), "labels read back as typed")
        XCTAssertTrue(scan.text.contains("\"<b>bold</b>\"") && scan.text.contains("\"</td><td>&amp;\""), "values read back as typed")
        let images = scan.elements.filter { $0.name == "img" }
        XCTAssertEqual(images.map { $0.attributes["alt"] }, ["\(Self.figureLabel) in \(Self.oldLabel)", "\(Self.figureLabel) in \(Self.newLabel)"],
                       "attribute values with quotes, newline and tab read back unchanged")
        XCTAssertEqual(images.map { $0.attributes["src"] }, ["figures/old/" + svg, "figures/new/" + svg].map { Optional($0) })
        XCTAssertEqual(Set(page.files.keys), ["downloads/changes.csv", "figures/old/" + svg, "figures/new/" + svg])
    }

    func testCompareToPageLinksTheNewFigureInTheSite() throws {
        let page = DiffPage(try diff(), heading: "Changes", assetFolder: "changes/", newFigurePath: { $0.source.file })
        let scan = XMLScan("<main>" + page.body + "</main>")
        XCTAssertNil(scan.error)
        XCTAssertEqual(scan.elements.filter { $0.name == "img" }.map { $0.attributes["src"] }, ["changes/figures/old/" + svg, "figures/f&1.svg"])
        XCTAssertEqual(Set(page.files.keys), ["changes/downloads/changes.csv", "changes/figures/old/" + svg], "the new figure is not copied")
    }
}
