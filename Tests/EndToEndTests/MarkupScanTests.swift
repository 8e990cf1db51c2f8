import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import SiteBuilder
import TestSupport
import XCTest

/// The site check's scan (libxml2's SAX2 driven directly) against the scan
/// it replaced, kept here as the reference: FoundationXML's `XMLParser` with
/// the same delegate. Both must see the same links, ids and prose on every
/// page and figure of the real site and on documents made to differ.
final class MarkupScanTests: XCTestCase {
    func testEveryPageAndFigureOfTheRealSiteScansAsWithXMLParser() async throws {
        let root = try await SiteFixture.site
        let files = SiteFixture.allFiles(under: root).filter { $0.hasSuffix(".html") || $0.hasSuffix(".svg") }
        XCTAssertGreaterThan(files.count, 20)
        for file in files {
            let data = try Data(contentsOf: root.appendingPathComponent(file))
            assertSameScan(data, file)
        }
    }

    func testTrickyDocumentsScanAsWithXMLParser() {
        let documents = [
            // Link attributes are listed in a fixed order per element, whatever their order in the tag.
            #"<p><a poster="p.png" action="a.cgi" xlink:href="x.svg" xmlns:xlink="http://www.w3.org/1999/xlink" src="s.png" href="h.html">t</a></p>"#,
            // Entities and character references are substituted in attributes and text.
            #"<p id="a&amp;b"><a href="x.html?a=1&amp;b=2&#38;c">Tom &amp; Jerry &#x2212; &lt;3 &#233;</a></p>"#,
            // Prose leaves out tables, code, figures, SVG, scripts and styles, however deep.
            "<div><p>keep |a|</p><table><tr><td>| --- | --- |</td></tr></table><pre><code>x</code></pre>"
                + "<figure><svg xmlns=\"http://www.w3.org/2000/svg\"><text>no</text></svg></figure><p>again</p></div>",
            // A Markdown table left as text is prose.
            "<div><p>| a | b |\n|---|---|\n| 1 | 2 |</p></div>",
            // CDATA is not prose; comments and processing instructions are skipped.
            "<div><![CDATA[| --- | --- |]]><!-- c --><?pi data?><p>after</p></div>",
            // Prefixed names are not the unprefixed ones: x:table is prose, x:id is no id.
            #"<div xmlns:x="urn:x"><x:table x:id="n" id="y">in x:table</x:table></div>"#,
            // Whitespace between elements, and non-ASCII text.
            "<div>\n  <p>  α β  </p>\n\t<p>γ</p>\n</div>",
        ]
        for document in documents { assertSameScan(Data(document.utf8), document) }
    }

    func testMalformedDocumentsAreErrorsWithALineAndColumn() {
        for document in ["<html><body><p>unclosed</body></html>", "<p a=\"1\" a=\"2\">x</p>", "<p>&nbsp;</p>",
                         "<p>x</p><p>y</p>", "<p>\u{1}</p>", ""] {
            let scan = MarkupScan.scan(Data(document.utf8))
            XCTAssertNotNil(scan.error, document)
            if !document.isEmpty {
                XCTAssertTrue(scan.error?.hasPrefix("line ") == true && scan.error?.contains(", column ") == true, "\(document): \(String(describing: scan.error))")
                XCTAssertNotNil(ReferenceScan(Data(document.utf8)).error, "the reference agrees that \(document) is malformed")
            }
        }
        XCTAssertEqual(MarkupScan.scan(Data("<p>a\n<b>b</p>".utf8)).error?.hasPrefix("line 2, column "), true)
    }

    /// A page cut short: the old scan never told libxml2 the document had
    /// ended, so it let this pass; the check now fails it.
    func testADocumentCutShortIsAnError() {
        XCTAssertNotNil(MarkupScan.scan(Data("<html><body><p>text</p>".utf8)).error)
        XCTAssertNil(MarkupScan.scan(Data("<html><body><p>text</p></body></html>".utf8)).error)
    }

    private func assertSameScan(_ data: Data, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        let scan = MarkupScan.scan(data), reference = ReferenceScan(data)
        XCTAssertNil(scan.error, label, file: file, line: line)
        XCTAssertNil(reference.error, label, file: file, line: line)
        XCTAssertEqual(scan.links, reference.links, label, file: file, line: line)
        XCTAssertEqual(scan.ids, reference.ids, label, file: file, line: line)
        XCTAssertEqual(scan.prose, reference.prose, label, file: file, line: line)
        XCTAssertEqual(UnrenderedMarkdown.firstTableLine(scan.prose), UnrenderedMarkdown.firstTableLine(reference.prose), label, file: file, line: line)
    }
}

/// The scan as the site check made it before: `XMLParser` and this delegate.
private final class ReferenceScan: NSObject, XMLParserDelegate {
    var links: [String] = []
    var ids: Set<String> = []
    var error: Error?
    var prose = ""
    private static let notProse: Set<String> = ["table", "code", "pre", "svg", "script", "style", "figure"]
    private var notProseDepth = 0

    init(_ data: Data) {
        super.init()
        let parser = XMLParser(data: data)
        parser.delegate = self
        if !parser.parse() { error = error ?? parser.parserError ?? NSError(domain: "ReferenceScan", code: 1) }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if let id = attributes["id"] { ids.insert(id) }
        for key in ["href", "src", "xlink:href", "action", "poster"] { if let v = attributes[key] { links.append(v) } }
        if Self.notProse.contains(name) { notProseDepth += 1 }
        prose += "\n"
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if Self.notProse.contains(name) { notProseDepth -= 1 }
        prose += "\n"
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if notProseDepth == 0 { prose += string }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        if error == nil { error = parseError }
    }
}
