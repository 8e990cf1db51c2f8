import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import SiteBuilder
import TestSupport
import XCTest

/// `HTML.escape`: markup characters become entities, control characters
/// become visible `\u{…}` text, and nothing a value holds becomes markup.
final class HTMLEscapeTests: XCTestCase {
    func testMarkupCharactersAreEscaped() {
        XCTAssertEqual(HTML.escape("& < > \" '"), "&amp; &lt; &gt; &quot; &#39;")
        XCTAssertEqual(HTML.escape("<script>alert('x')</script>"), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        XCTAssertEqual(HTML.escape("&amp;"), "&amp;amp;", "an entity in data is shown as typed, not decoded")
        XCTAssertEqual(HTML.escape("<!--["), "&lt;!--[")
        XCTAssertEqual(HTML.escape("plain text 爱 😀"), "plain text 爱 😀")
        XCTAssertEqual(HTML.escape(""), "")
    }

    func testControlCharactersBecomeVisible() {
        XCTAssertEqual(HTML.escape("a\u{0}b"), "a\\u{0}b")
        XCTAssertEqual(HTML.escape("\u{1}\u{8}\u{B}\u{C}\u{1B}\u{1F}"), "\\u{1}\\u{8}\\u{B}\\u{C}\\u{1B}\\u{1F}")
        XCTAssertEqual(HTML.escape("\u{7F}"), "\\u{7F}")
        XCTAssertEqual(HTML.escape("\u{80}\u{85}\u{9F}"), "\\u{80}\\u{85}\\u{9F}")
        // A bare CR (the CSV reader keeps it as data) would be turned into a
        // newline by every HTML parser, so it has to be shown.
        XCTAssertEqual(HTML.escape("a\rb"), "a\\u{D}b")
        XCTAssertEqual(HTML.escape("a\r\nb"), "a\\u{D}\nb")
        // Newline and tab are ordinary HTML whitespace.
        XCTAssertEqual(HTML.escape("a\nb\tc"), "a\nb\tc")
        // Visible, printable, non-control characters pass through.
        XCTAssertEqual(HTML.escape("\u{A0}\u{202E}\u{E000}"), "\u{A0}\u{202E}\u{E000}")
    }

    func testVisibleControlsLeavesMarkupAlone() {
        XCTAssertEqual(HTML.visibleControls("<b>&\u{0}\r"), "<b>&\\u{0}\\u{D}")
        XCTAssertEqual(HTML.visibleControls("a\nb\tc"), "a\nb\tc")
    }

    func testEscapedTextParsesBackAsTheSameTextAndNoElement() throws {
        for value in HostileStrings.corpus + ["<p>nested</p>", "<![CDATA[x]]>", "<?xml version=\"1.0\"?>", "&#60;", "&lt;", "a & b < c > d"] {
            let escaped = HTML.escape(value)
            let result = try wellFormed("<p>" + escaped + "</p>", value.debugDescription)
            XCTAssertEqual(result.names, ["p"], "no element from \(value.prefix(40).debugDescription)")
            XCTAssertEqual(Array(result.text.unicodeScalars), Array(Self.expectedText(value).unicodeScalars), value.prefix(40).debugDescription)
        }
    }

    func testEscapedTextIsSafeInsideAnAttribute() throws {
        for value in HostileStrings.corpus {
            let result = try wellFormed("<a title=\"" + HTML.escape(value) + "\" class='" + HTML.escape(value) + "'>x</a>", value.debugDescription)
            XCTAssertEqual(result.names, ["a"])
            XCTAssertEqual(result.elements.first?.attributes.count, 2, "no attribute injected by \(value.prefix(40).debugDescription)")
        }
    }

    /// What a reader sees: the value with each control character (other than
    /// newline and tab) written as `\u{HEX}`.
    static func expectedText(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            let v = scalar.value
            if (v < 0x20 && scalar != "\n" && scalar != "\t") || v == 0x7F || (0x80...0x9F).contains(v) {
                out += "\\u{" + String(v, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
