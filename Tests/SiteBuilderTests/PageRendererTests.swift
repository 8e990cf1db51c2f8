import Foundation
@testable import SiteBuilder
import XCTest

/// Page prose: Markdown first, then values; unknown tags fail the build.
final class PageRendererTests: XCTestCase {
    var renderer: PageRenderer {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try! PageRenderer(templatesFolder: root.appendingPathComponent("templates"))
    }

    func testValuesAreInsertedAfterMarkdownSoDataIsNeverMarkup() throws {
        let html = try renderer.body(markdown: "Value: {{x}}\n\n<div>{{{table}}}</div>\n",
                                     sourcePath: "p.md", context: ["x": "**bold** <b>&", "table": "<table><tr><td>1</td></tr></table>"])
        XCTAssertTrue(html.contains("Value: **bold** &lt;b&gt;&amp;"), html)
        XCTAssertFalse(html.contains("<strong>"))
        XCTAssertTrue(html.contains("<div><table><tr><td>1</td></tr></table></div>"), html)
    }

    func testUnknownTagNamesThePageAndLine() {
        XCTAssertThrowsError(try renderer.body(markdown: "# T\n\nok {{known}}\n\n{{nope.value}}\n", sourcePath: "content/pages/p.md", context: ["known": "1"])) { error in
            XCTAssertEqual("\(error)", "content/pages/p.md:5: {{nope.value}} names no computed value")
        }
    }

    func testHeadingsGetStableUniqueIDs() throws {
        let html = try renderer.body(markdown: "## Panel tests: permutation and Welch\n\n## Panel tests: permutation and Welch\n\n### Über §2 <x>\n",
                                     sourcePath: "p.md", context: [:])
        XCTAssertTrue(html.contains("<h2 id=\"panel-tests-permutation-and-welch\">"), html)
        XCTAssertTrue(html.contains("<h2 id=\"panel-tests-permutation-and-welch-2\">"), html)
        XCTAssertTrue(html.contains("<h3 id=\"ber-2-x\">") || html.contains("<h3 id=\"ber-2\">"), html)
    }

    func testLayoutEscapesTitleAndMakesControlsVisible() {
        let page = renderer.page(title: "A <b> \u{0}", body: "<p>x</p>", navigation: [["href": "index.html", "label": "Overview", "current": true]],
                                 siteTitle: "S", citation: "C & D")
        XCTAssertTrue(page.contains("<title>A &lt;b&gt; \\u{0} — S</title>"), page)
        XCTAssertTrue(page.contains("aria-current=\"page\""))
        XCTAssertTrue(page.contains("C &amp; D"))
    }
}
