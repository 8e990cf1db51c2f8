import Foundation
import OutputFormat
@testable import SiteBuilder
import StudyData
import TestSupport
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
        XCTAssertEqual(doc.records.map(\.fields), [["<script>x</script>", "-0.0001", "2.51e-06"], ["a,\"b\"\n\\u{0}", "1.23456", "0"]])
    }
}

/// ReportTable in more detail: structure, escaping of every hostile string,
/// and the page and the download agreeing cell by cell.
final class ReportTableStructureTests: XCTestCase {
    static let cells: [[ReportTable.Cell]] = [
        [.text("Care"), .number(0.1 + 0.2, decimals: 2), .integer(1080), .pValue(0.0212)],
        [.text("Fairness"), .number(-0.0001, decimals: 3), .integer(12_345), .pValue(2.51e-06)],
        [.text("Loyalty & <b>"), .number(1.0 / 3.0, decimals: 4), .integer(-2), .pValue(0)],
        [.text(""), .number(.nan, decimals: 2), .integer(0), .pValue(.infinity)],
        [.text("Sanctity"), .number(2, decimals: 0), .integer(7), .pAtMost(4.0e-05)],
    ]
    let table = ReportTable(id: "tab-mfd", caption: "Foundations by model", columns: ["Foundation", "Estimate", "n", "p"], rows: cells)

    func testStructureIsAccessible() throws {
        let html = table.html()
        XCTAssertTrue(html.hasPrefix("<figure class=\"table\" id=\"tab-mfd\">"), html)
        XCTAssertTrue(html.contains("<caption>Foundations by model</caption>"))
        XCTAssertTrue(html.contains("<thead><tr><th scope=\"col\">Foundation</th><th scope=\"col\">Estimate</th><th scope=\"col\">n</th><th scope=\"col\">p</th></tr></thead>"), html)
        XCTAssertTrue(html.contains("<tr><th scope=\"row\">Care</th><td class=\"num\">0.30</td><td class=\"num\">1080</td><td class=\"num\">0.0212</td></tr>"), html)
        XCTAssertTrue(html.contains("<td class=\"num\">-0.000</td>") == false, "no negative zero")
        XCTAssertTrue(html.contains("<td class=\"num\">0.000</td>"), html)
        XCTAssertTrue(html.contains("<td class=\"num\">NA</td>"), html)
        XCTAssertTrue(html.contains("<td class=\"num\">&lt; 1e-300</td>"), html)
        XCTAssertTrue(html.contains("<p class=\"downloads\"><a href=\"downloads/tab-mfd.csv\">Data (CSV)</a> · <a href=\"downloads/tab-mfd.tex\">LaTeX</a></p>"), html)
        XCTAssertEqual(table.downloadPath, "downloads/tab-mfd.csv")
        XCTAssertTrue(html.hasSuffix("</figure>"))

        let parsed = try wellFormed(html, "well-formed markup")
        XCTAssertEqual(parsed.names.filter { $0 == "caption" }.count, 1)
        XCTAssertEqual(parsed.names.filter { $0 == "tr" }.count, 1 + Self.cells.count)
        XCTAssertEqual(parsed.names.filter { $0 == "th" }.count, table.columns.count + Self.cells.count, "one header per column and per row")
        XCTAssertEqual(parsed.names.filter { $0 == "td" }.count, Self.cells.count * (table.columns.count - 1))
        // Text cells are not marked numeric; every number cell is.
        XCTAssertEqual(html.components(separatedBy: "class=\"num\"").count - 1, Self.cells.count * 3)
    }

    func testWithoutRowHeadersOrDownloadLink() {
        var plain = table
        plain.rowHeaderColumn = false
        let html = plain.html(includeDownloadLink: false)
        XCTAssertFalse(html.contains("scope=\"row\""))
        XCTAssertTrue(html.contains("<tr><td>Care</td><td class=\"num\">0.30</td>"), html)
        XCTAssertFalse(html.contains("downloads/"))
        XCTAssertFalse(html.contains("<a "))
    }

    func testNumericRowHeaderIsRightAligned() {
        let ranks = ReportTable(id: "r", caption: "Ranks", columns: ["Rank", "Token"], rows: [[.integer(1), .text("Freedom")]])
        XCTAssertTrue(ranks.html().contains("<tr><th scope=\"row\" class=\"num\">1</th><td>Freedom</td></tr>"), ranks.html())
    }

    func testHostileCellTextIsEscaped() throws {
        let strings = HostileStrings.corpus
        let hostile = ReportTable(id: "hostile", caption: "Tokens <section> & \"quotes\" \u{0}", columns: ["Token <th>", "Note"],
                                  rows: strings.map { [.text($0), .text("x" + $0 + "y")] })
        let html = hostile.html()
        XCTAssertFalse(html.contains("<section"))
        XCTAssertFalse(html.contains("<!--"))
        XCTAssertFalse(html.contains("<b>"))
        XCTAssertFalse(html.contains("\u{0}"))
        XCTAssertFalse(html.contains("\r"))
        XCTAssertTrue(html.contains("<caption>Tokens &lt;section&gt; &amp; &quot;quotes&quot; \\u{0}</caption>"), html)
        let parsed = try wellFormed(html, "hostile text must not break the markup")
        XCTAssertEqual(Set(parsed.names), ["figure", "div", "table", "caption", "thead", "tbody", "tr", "th", "td", "p", "a"])
        let rowHeaders = parsed.texts(of: "th").dropFirst(2)
        XCTAssertEqual(Array(rowHeaders), strings.map(HTMLEscapeTests.expectedText))
        let notes = parsed.texts(of: "td")
        XCTAssertEqual(notes, strings.map { HTMLEscapeTests.expectedText("x" + $0 + "y") })
    }

    func testPageAndDownloadComeFromTheSameCells() throws {
        let html = try wellFormed(table.html())
        let shown = html.elements.filter { $0.name == "th" || $0.name == "td" }.map(\.text)
        let header = Array(shown.prefix(table.columns.count))
        let body = Array(shown.dropFirst(table.columns.count))
        let csv = try CSVReader.parse(Data(table.csv.utf8), path: "tab-mfd.csv")
        XCTAssertEqual(csv.header, table.columns)
        XCTAssertEqual(header, table.columns)
        XCTAssertEqual(csv.records.count, Self.cells.count)
        XCTAssertEqual(body.count, Self.cells.count * table.columns.count)
        for (r, row) in Self.cells.enumerated() {
            for (c, cell) in row.enumerated() {
                let page = body[r * table.columns.count + c]
                let download = csv.records[r].fields[c]
                XCTAssertEqual(page, ReportTable.display(cell))
                switch cell {
                case .text(let s):
                    XCTAssertEqual(download, s)
                    XCTAssertEqual(page, s)
                case .integer(let i):
                    XCTAssertEqual(download, String(i))
                    XCTAssertEqual(page, String(i))
                case .number(let x, let d):
                    XCTAssertEqual(download, x.isFinite ? CanonicalJSON.number(x) : "NA", "full precision in the download")
                    if x.isFinite { XCTAssertEqual(NumberText.fixed(Double(download)!, decimals: d), page, "the page rounds the download's value") }
                case .pValue(let p):
                    XCTAssertEqual(download, p.isFinite ? CanonicalJSON.number(p) : "NA")
                    XCTAssertEqual(page, NumberText.pValue(p))
                case .pAtMost(let p):
                    XCTAssertEqual(download, CanonicalJSON.number(p), "the download keeps the number")
                    XCTAssertEqual(page, "≤ " + NumberText.pValue(p), "the page shows it as a bound")
                }
            }
        }
    }
}
