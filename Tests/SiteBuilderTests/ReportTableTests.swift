import Foundation
@testable import SiteBuilder
import StudyData
import XCTest

/// Tables: one set of cells, rendered as accessible HTML and as CSV.
final class ReportTableTests: XCTestCase {
    let table = ReportTable(id: "t1", caption: "Caption <&>", columns: ["Term", "Estimate", "p"],
                            rows: [[.text("<script>x</script>"), .number(-0.0001, decimals: 2), .pValue(2.51e-6)],
                                   [.text("a,\"b\"\n\u{0}"), .number(1.23456, decimals: 3), .pValue(0)]])

    func testHTMLIsAccessibleAndEscaped() {
        let html = table.html()
        XCTAssertTrue(html.contains("<caption>Caption &lt;&amp;&gt;</caption>"))
        XCTAssertTrue(html.contains("<th scope=\"col\">Estimate</th>"))
        XCTAssertTrue(html.contains("<th scope=\"row\">&lt;script&gt;x&lt;/script&gt;</th>"))
        XCTAssertTrue(html.contains("<td class=\"num\">0.00</td>"), "no -0.00")
        XCTAssertTrue(html.contains("<td class=\"num\">2.51e-06</td>"))
        XCTAssertTrue(html.contains("<td class=\"num\">&lt; 1e-300</td>"))
        XCTAssertTrue(html.contains("a,&quot;b&quot;\n\\u{0}"))
        XCTAssertTrue(html.contains("<a href=\"downloads/t1.csv\">Data (CSV)</a>"))
    }

    func testCSVRoundTripsThroughOurReader() throws {
        let doc = try CSVReader.parse(Data(table.csv.utf8), path: "t1.csv")
        XCTAssertEqual(doc.header, ["Term", "Estimate", "p"])
        XCTAssertEqual(doc.records.map(\.fields), [["<script>x</script>", "-0.0001", "2.51e-06"], ["a,\"b\"\n\u{0}", "1.23456", "0"]])
    }

    func testNumberText() {
        XCTAssertEqual(NumberText.fixed(-0.004, decimals: 2), "0.00")
        XCTAssertEqual(NumberText.fixed(2.5, decimals: 0), "2")
        XCTAssertEqual(NumberText.pValue(0.0212), "0.0212")
        XCTAssertEqual(NumberText.pValue(0.00009), "9.00e-05")
        XCTAssertEqual(NumberText.pValue(.nan), "NA")
        XCTAssertEqual(NumberText.integer(99999), "99,999")
        XCTAssertEqual(NumberText.integer(1080), "1080")
    }
}
