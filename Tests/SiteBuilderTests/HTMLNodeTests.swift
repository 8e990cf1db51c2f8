import Foundation
import OutputFormat
@testable import SiteBuilder
import TestSupport
import XCTest

/// The HTML tree: text and attribute values are escaped by construction,
/// void elements close themselves, and the same tree gives the same bytes.
final class HTMLNodeTests: XCTestCase {
    func testRendersElementsAttributesInOrderAndText() {
        let node = HTMLNode.element("p", ["class": "notice", "id": "x"], [.strong("Bold."), " then ", .a(href: "methods.html#a", ["a link"]), "."])
        XCTAssertEqual(node.rendered(), "<p class=\"notice\" id=\"x\"><strong>Bold.</strong> then <a href=\"methods.html#a\">a link</a>.</p>")
        XCTAssertEqual(HTMLNode.element("ul", [:], []).rendered(), "<ul></ul>", "an empty non-void element keeps its end tag")
        XCTAssertEqual(HTMLNode.element("td", ["class": ""], ["x"]).rendered(), "<td class=\"\">x</td>", "an empty value stays a value")
        XCTAssertEqual(HTMLNode.element("a", ["title": "a\nb\tc"], ["a\nb\tc"]).rendered(), "<a title=\"a&#10;b&#9;c\">a\nb\tc</a>",
                       "newline and tab survive in an attribute read as XML")
    }

    func testTextIsEscapedLikeTheCharts() {
        XCTAssertEqual(HTMLNode.text("& < > \" '").rendered(), "&amp; &lt; &gt; &quot; &#39;")
        XCTAssertEqual(HTMLNode.text("&amp;").rendered(), "&amp;amp;", "an entity in data is shown as typed, not decoded")
        XCTAssertEqual(HTMLNode.text("a\u{0}b\rc\nd\te").rendered(), "a\\u{0}b\\u{D}c\nd\te")
        var nonCharacters = ""
        nonCharacters.unicodeScalars.append(contentsOf: [Unicode.Scalar(0xFFFE)!, Unicode.Scalar(0xFDD0)!])
        XCTAssertEqual(HTMLNode.text(nonCharacters).rendered(), "\\u{FFFE}\\u{FDD0}")
        // The cases above pin the rule; on the whole corpus a text node is
        // escaped exactly as the charts' SVG text (one rule for all markup).
        for value in HostileStrings.corpus {
            XCTAssertEqual(HTMLNode.text(value).rendered(), xmlEscaped(value), value.prefix(40).debugDescription)
        }
    }

    func testHostileTextStaysTextAndReadsBackUnchanged() throws {
        for value in HostileStrings.corpus {
            let markup = HTMLNode.element("p", [:], [.text(value), .code(value)]).rendered()
            let scan = try wellFormed(markup, value.prefix(40).debugDescription)
            XCTAssertEqual(scan.names, ["p", "code"], "no element from \(value.prefix(40).debugDescription)")
            XCTAssertEqual(Array(scan.text.unicodeScalars), Array((HTMLEscapeTests.expectedText(value) + HTMLEscapeTests.expectedText(value)).unicodeScalars),
                           value.prefix(40).debugDescription)
        }
    }

    func testHostileAttributeValuesStayOneValue() throws {
        for value in HostileStrings.corpus {
            let node = HTMLNode.element("a", ["href": value, "title": value], ["x"])
            let rendered = node.rendered()
            let scan = try wellFormed(rendered, value.prefix(40).debugDescription)
            XCTAssertEqual(scan.names, ["a"])
            XCTAssertEqual(scan.elements.first?.attributes.count, 2, "no attribute injected by \(value.prefix(40).debugDescription)")
            XCTAssertEqual(scan.elements.first?.attributes["title"].map { Array($0.unicodeScalars) },
                           Array(HTMLEscapeTests.expectedText(value).unicodeScalars), value.prefix(40).debugDescription)
            // The quote that ends the value can only be the renderer's own.
            let single = HTMLNode.element("a", ["title": value], ["x"]).rendered()
            let escaped = single.dropFirst("<a title=\"".count).dropLast("\">x</a>".count)
            XCTAssertFalse(escaped.contains { $0 == "\"" || $0 == "'" || $0 == "<" || $0 == ">" }, String(escaped.prefix(40)))
        }
    }

    func testVoidElementsCloseThemselves() throws {
        XCTAssertEqual(HTMLNode.element("img", ["src": "figures/a.svg", "alt": "A <b>"]).rendered(), "<img src=\"figures/a.svg\" alt=\"A &lt;b&gt;\" />")
        XCTAssertEqual(HTMLNode.element("br").rendered(), "<br />")
        let scan = try wellFormed(HTMLNode.element("p", [:], ["a", .element("br"), "b", .element("hr")]).rendered())
        XCTAssertEqual(scan.names, ["p", "br", "hr"])
    }

    func testTrustedMarkupIsInsertedAsItIs() {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>a &amp; b</title></svg>"
        XCTAssertEqual(HTMLNode.element("figure", [:], [.trusted(.svg(svg))]).rendered(), "<figure>" + svg + "</figure>")
        XCTAssertEqual(HTMLNode.element("h2", ["id": "x"], [.trusted(.prose("A <em>b</em>"))]).rendered(), "<h2 id=\"x\">A <em>b</em></h2>")
    }

    func testSameTreeSameBytes() {
        func build() -> [HTMLNode] {
            let table = ReportTable(id: "t 1", caption: "c", columns: ["a", "b"], rows: [[.text("x"), .number(1.5, decimals: 1)]])
            return [.ul(HostileStrings.seeds.map { [.code($0)] }), table.node(), .p(class: "k", HTMLNode.listed(["a", "b", "c"]))]
        }
        let a = build().rendered(), b = build().rendered()
        XCTAssertEqual(a, b)
        XCTAssertEqual(build(), build(), "trees compare by value")
    }

    func testJoinedAndListed() {
        XCTAssertEqual(HTMLNode.joined([.code("a"), .code("b")], separator: ", ").rendered(), "<code>a</code>, <code>b</code>")
        XCTAssertEqual(HTMLNode.listed(["a"]).rendered(), "a")
        XCTAssertEqual(HTMLNode.listed(["a", "b"]).rendered(), "a and b")
        XCTAssertEqual(HTMLNode.listed(["a", "b", "c"]).rendered(), "a, b and c")
        XCTAssertEqual(HTMLNode.joined([], separator: ", "), [])
    }

    func testNamesAreCodeConstants() {
        XCTAssertTrue(HTMLElement.isName("figcaption"))
        XCTAssertTrue(HTMLElement.isName("aria-label"))
        XCTAssertTrue(HTMLElement.isName("h2"))
        for bad in ["", "P", "a b", "a\"", "onclick=x", "2h", "x>"] { XCTAssertFalse(HTMLElement.isName(bad), bad) }
    }
}
