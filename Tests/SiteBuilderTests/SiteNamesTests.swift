import OutputFormat
@testable import SiteBuilder
import TestSupport
import XCTest

/// Every hostile string, in every context it can reach, comes out inert: a
/// slug is a plain name, a path stays confined, an attribute stays one value.
final class SiteNamesTests: XCTestCase {
    func testSlugsAreSafeDistinctAndStable() {
        var seen: [String: String] = [:]
        for s in HostileStrings.corpus + ["Table 1", "table 1", "Table 1!", "Table 1?", "../../etc/passwd", "a\"b\tonfocus=x"] {
            let slug = SiteNames.slug(s)
            XCTAssertFalse(slug.isEmpty, s)
            XCTAssertTrue(slug.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" },
                          "\(s) → \(slug)")
            XCTAssertTrue(RelativePath.isConfined("downloads/\(slug).csv"), slug)
            if let other = seen[slug] { XCTAssertEqual(other, s, "two names share the slug \(slug)") }
            seen[slug] = s
            XCTAssertEqual(SiteNames.slug(s), slug, "deterministic")
        }
        XCTAssertEqual(SiteNames.slug("table a2"), "table_a2", "plain names keep their readable form")
        XCTAssertEqual(SiteNames.slug("fig2a_positive"), "fig2a_positive")
    }

    func testOnlyConfinedRelativePathsPass() {
        for bad in ["", "/etc/passwd", "../x", "a/../../x", "a//b", "./a", "a/.", "a\\..\\b", "a\0b"] {
            XCTAssertFalse(RelativePath.isConfined(bad), bad)
        }
        for good in ["index.html", "figures/old/fig1a.svg", "downloads/a-b_c.csv"] {
            XCTAssertTrue(RelativePath.isConfined(good), good)
        }
    }
}

/// Noncharacters and code points XML forbids are shown, like controls, as
/// escapes: a token holding one must not make a page ill-formed.
final class NoncharacterEscapeTests: XCTestCase {
    func testNoncharactersAreMadeVisible() {
        var text = "a"
        for v: UInt32 in [0xFFFE, 0xFFFF, 0xFDD0, 0x1FFFE, 0x10FFFF] { text.unicodeScalars.append(Unicode.Scalar(v)!); text += "x" }
        let escaped = HTML.escape(text)
        for visible in ["\\u{FFFE}", "\\u{FFFF}", "\\u{FDD0}", "\\u{1FFFE}", "\\u{10FFFF}"] {
            XCTAssertTrue(escaped.contains(visible), escaped)
        }
        XCTAssertFalse(escaped.unicodeScalars.contains { $0.value & 0xFFFE == 0xFFFE || (0xFDD0...0xFDEF).contains($0.value) })
        XCTAssertEqual(HTML.escape("é 爱 😀"), "é 爱 😀", "ordinary characters are untouched")
    }
}
