import Foundation
@testable import SiteBuilder
import TestSupport
import XCTest

/// Page prose: Markdown first, then values; unknown tags fail the build.
final class PageRendererTests: XCTestCase {
    var renderer: PageRenderer!

    override func setUpWithError() throws {
        renderer = try PageRenderer(templatesFolder: Repository.templates)
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

/// PageRenderer in more detail: values after Markdown, tag checks that name
/// the page and line, raw HTML blocks, heading anchors.
final class PageRendererDetailTests: XCTestCase {
    var renderer: PageRenderer!

    override func setUpWithError() throws {
        renderer = try PageRenderer(templatesFolder: Repository.templates)
    }

    func testMarkdownSyntaxInValuesStaysLiteral() throws {
        let values = ["**bold**", "_em_", "<b>x</b>", "[link](javascript:alert(1))", "# heading", "`code`", "&amp;", "'single' \"double\"", "<!--[", "<section"]
        for value in values {
            let html = try renderer.body(markdown: "The *prose* says {{x}}.\n", sourcePath: "p.md", context: ["x": value])
            XCTAssertEqual(html, "<p>The <em>prose</em> says \(Self.mustacheEscaped(value)).</p>\n", value)
            XCTAssertFalse(html.contains("<strong>") || html.contains("<code>") || html.contains("<h1") || html.contains("<a "), html)
        }
    }

    func testEveryHostileValueStaysTextInsideTheParagraph() throws {
        for value in HostileStrings.corpus where !value.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r" }) {
            let html = try renderer.body(markdown: "Value: {{x}}\n", sourcePath: "p.md", context: ["x": value])
            let parsed = try wellFormed(html, value.prefix(40).debugDescription)
            XCTAssertEqual(parsed.names, ["p"], value.prefix(40).debugDescription)
        }
    }

    func testDottedValuesAndSectionsAreFilled() throws {
        let context: [String: Any] = [
            "big2": ["n": "1,080", "model": ["name": "Gemma **2**"]],
            "items": [["label": "a<b"], ["label": "c&d"]],
        ]
        let html = try renderer.body(markdown: "n = {{big2.n}}, {{ big2.model.name }}\n\n{{#items}}- {{label}}\n{{/items}}\n", sourcePath: "p.md", context: context)
        XCTAssertTrue(html.contains("n = 1,080, Gemma **2**"), html)
        XCTAssertTrue(html.contains("a&lt;b") && html.contains("c&amp;d"), html)
    }

    func testUnknownTagsThrowNamingPageAndLine() {
        let cases: [(String, String)] = [
            ("{{nope}}\n", "content/pages/x.md:1: {{nope}} names no computed value"),
            ("# Title\n\nText {{known}}.\n\nMore {{nope}} here.\n", "content/pages/x.md:5: {{nope}} names no computed value"),
            ("{{ nope }}\n", "content/pages/x.md:1: {{nope}} names no computed value"),
            ("<div>{{{nope}}}</div>\n", "content/pages/x.md:1: {{nope}} names no computed value"),
            ("{{known.deeper}}\n", "content/pages/x.md:1: {{known.deeper}} names no computed value"),
            ("a\nb\n{{#nope}}x{{/nope}}\n", "content/pages/x.md:3: the section {{#nope}} names no computed value"),
            ("a\n{{^nope}}x{{/nope}}\n", "content/pages/x.md:2: the section {{^nope}} names no computed value"),
        ]
        for (markdown, message) in cases {
            XCTAssertThrowsError(try renderer.body(markdown: markdown, sourcePath: "content/pages/x.md", context: ["known": "1"]), markdown) { error in
                XCTAssertTrue(error is SiteError, "\(type(of: error))")
                XCTAssertEqual("\(error)", message)
            }
        }
    }

    func testTripleBracesInsertRawHTMLInsideADivBlock() throws {
        let svg = "<svg viewBox=\"0 0 10 10\"><text>**not markdown** &amp; done</text></svg>"
        let markdown = "Intro *text*.\n\n<div class=\"figure-block\">{{{figure}}}</div>\n\nAfter {{figure}}.\n"
        let html = try renderer.body(markdown: markdown, sourcePath: "p.md", context: ["figure": svg])
        XCTAssertTrue(html.contains("<div class=\"figure-block\">\(svg)</div>"), html)
        XCTAssertTrue(html.contains("<p>Intro <em>text</em>.</p>"), html)
        XCTAssertTrue(html.contains("After &lt;svg"), "double braces escape the same value: \(html)")
        XCTAssertEqual(html.components(separatedBy: "<svg").count, 2, "inserted raw exactly once")
    }

    func testAmpersandTagInsertsRawHTMLOrIsRejected() throws {
        // `{{&x}}` is the other Mustache spelling of `{{{x}}}`; checkTags accepts it,
        // so it must not vanish silently where Markdown turns `&` into `&amp;`.
        for (markdown, expected) in [("<div>{{&figure}}</div>\n", "<div><svg></svg></div>\n"), ("Figure: {{&figure}}\n", "<p>Figure: <svg></svg></p>\n")] {
            do {
                let html = try renderer.body(markdown: markdown, sourcePath: "p.md", context: ["figure": "<svg></svg>"])
                XCTAssertEqual(html, expected, markdown)
            } catch let error as SiteError {
                // Rejected with the page named (swift-mustache cannot parse `{{&amp;figure}}`): loud, not silent.
                XCTAssertTrue(error.description.hasPrefix("p.md") && error.description.contains("figure"), error.description)
            }
        }
    }

    func testHeadingsGetSlugIDs() throws {
        let markdown = """
            # Page title

            ## Panel tests: permutation and Welch

            ### The *MWLR* measure

            ## Rank & file

            ## Panel tests: permutation and Welch

            ## Panel tests: permutation and Welch

            ## ???

            ### Über 2 `code`
            """
        let html = try renderer.body(markdown: markdown, sourcePath: "p.md", context: [:])
        XCTAssertTrue(html.contains("<h1>Page title</h1>"), "h1 is the page title, no anchor: \(html)")
        XCTAssertTrue(html.contains("<h2 id=\"panel-tests-permutation-and-welch\">Panel tests: permutation and Welch</h2>"), html)
        XCTAssertTrue(html.contains("<h3 id=\"the-mwlr-measure\">The <em>MWLR</em> measure</h3>"), html)
        XCTAssertTrue(html.contains("<h2 id=\"rank-file\">Rank &amp; file</h2>"), html)
        XCTAssertTrue(html.contains("<h2 id=\"panel-tests-permutation-and-welch-2\">"), html)
        XCTAssertTrue(html.contains("<h2 id=\"panel-tests-permutation-and-welch-3\">"), html)
        XCTAssertTrue(html.contains("<h2 id=\"section\">???</h2>"), html)
        XCTAssertTrue(html.contains("<h3 id=\"ber-2-code\">"), html)
        let ids = html.components(separatedBy: " id=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        XCTAssertEqual(ids.count, Set(ids).count, "ids are unique")
    }

    func testSlugify() {
        XCTAssertEqual(PageRenderer.slugify("Panel tests: permutation and Welch"), "panel-tests-permutation-and-welch")
        XCTAssertEqual(PageRenderer.slugify("  Leading and trailing!  "), "leading-and-trailing")
        XCTAssertEqual(PageRenderer.slugify("<code>MFD 2.0</code> &amp; Big Two &quot;x&quot;"), "mfd-2-0-big-two-x")
        XCTAssertEqual(PageRenderer.slugify("A -- B"), "a-b")
        XCTAssertEqual(PageRenderer.slugify(""), "section")
    }

    /// swift-mustache's escaping of `{{x}}`, for the expected text.
    static func mustacheEscaped(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }
}
