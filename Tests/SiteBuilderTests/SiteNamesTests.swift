@testable import SiteBuilder
import XCTest

/// Every hostile string, in every context it can reach, comes out inert: a
/// slug is a plain name, a path stays confined, an attribute stays one value.
final class SiteNamesTests: XCTestCase {
    func testSlugsAreSafeDistinctAndStable() {
        var seen: [String: String] = [:]
        for s in HostileStrings.all + ["Table 1", "table 1", "Table 1!", "Table 1?", "../../etc/passwd", "a\"b\tonfocus=x"] {
            let slug = SiteNames.slug(s)
            XCTAssertFalse(slug.isEmpty, s)
            XCTAssertTrue(slug.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" },
                          "\(s) → \(slug)")
            XCTAssertTrue(SiteNames.isConfinedRelativePath("downloads/\(slug).csv"), slug)
            if let other = seen[slug] { XCTAssertEqual(other, s, "two names share the slug \(slug)") }
            seen[slug] = s
            XCTAssertEqual(SiteNames.slug(s), slug, "deterministic")
        }
        XCTAssertEqual(SiteNames.slug("table a2"), "table_a2", "plain names keep their readable form")
        XCTAssertEqual(SiteNames.slug("fig2a_positive"), "fig2a_positive")
    }

    func testAttributesStayOneValue() {
        for s in HostileStrings.all {
            let value = SiteNames.attribute(s)
            XCTAssertFalse(value.contains("\"") || value.contains("'") || value.contains("<") || value.contains(">"), value)
        }
    }

    func testOnlyConfinedRelativePathsPass() {
        for bad in ["", "/etc/passwd", "../x", "a/../../x", "a//b", "./a", "a/.", "a\\..\\b", "a\0b"] {
            XCTAssertFalse(SiteNames.isConfinedRelativePath(bad), bad)
        }
        for good in ["index.html", "figures/old/fig1a.svg", "downloads/a-b_c.csv"] {
            XCTAssertTrue(SiteNames.isConfinedRelativePath(good), good)
        }
    }
}
