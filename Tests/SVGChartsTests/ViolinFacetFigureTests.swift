import Foundation
import TestSupport
import XCTest
@testable import SVGCharts

final class ViolinFacetFigureTests: XCTestCase {
    static let hostile = "<section & \"q\" 'a' <!--[ ]]> \u{1}\u{7F}</svg><script>x</script>"

    func testParsesAndHasAccessibleRoot() throws {
        let svg = render(demoFigure())
        let doc = parse(svg)
        let root = try XCTUnwrap(doc.elements.first)
        XCTAssertEqual(root.name, "svg")
        XCTAssertEqual(root.attributes["xmlns"], "http://www.w3.org/2000/svg")
        XCTAssertEqual(root.attributes["role"], "img")
        XCTAssertEqual(root.attributes["aria-labelledby"], "fig1a-title fig1a-desc")
        XCTAssertNotNil(root.attributes["viewBox"])
        XCTAssertNotNil(root.attributes["width"])
        XCTAssertNotNil(root.attributes["height"])
        XCTAssertEqual(root.attributes["font-family"], "system-ui, sans-serif")
        XCTAssertEqual(doc.elements.first { $0.name == "title" }?.attributes["id"], "fig1a-title")
        XCTAssertEqual(doc.elements.first { $0.name == "desc" }?.attributes["id"], "fig1a-desc")
        XCTAssertEqual(doc.texts(of: "title").first, "Figure 1a. Median rank by family")
        XCTAssertFalse(svg.contains("http://") && svg.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http"))
        XCTAssertFalse(svg.contains("@import"))
    }

    func testTwoColumnFigureIsAbout720Wide() throws {
        let root = parse(render(demoFigure())).elements[0]
        let width = try XCTUnwrap(Double(root.attributes["width"] ?? ""))
        XCTAssertGreaterThan(width, 650)
        XCTAssertLessThan(width, 800)
    }

    func testDrawsExpectedMarks() {
        let doc = parse(render(demoFigure()))
        XCTAssertEqual(doc.elements.filter { $0.attributes["class"] == "panel" }.count, 4)
        // One violin polygon per group per panel, one connector per panel.
        XCTAssertEqual(doc.elements.filter { $0.attributes["class"] == "connector" }.count, 4)
        XCTAssertEqual(doc.elements.filter { $0.attributes["class"] == "summary" }.count, 8)
        XCTAssertEqual(doc.elements.filter { $0.attributes["class"] == "point" }.count, 4 * 10)
        XCTAssertEqual(doc.texts(of: "text").filter { $0 == "**" }.count, 1)
        XCTAssertTrue(doc.texts(of: "title").contains("N-Gem-27B"))
        // Group labels on the x axis of each bottom panel + legend entries.
        XCTAssertEqual(doc.texts(of: "text").filter { $0 == "Gemma" }.count, 3)
        XCTAssertTrue(doc.texts(of: "tspan").contains("#1 = best, #263 = worst"))
    }

    func testHostileStringsStayText() {
        let h = Self.hostile
        for style in [PointStyle.summaries, .beeswarm] {
            let svg = render(demoFigure(pointStyle: style, hostile: h))
            let doc = parse(svg)
            let names = Set(doc.elements.map(\.name))
            XCTAssertFalse(names.contains("section"))
            XCTAssertFalse(names.contains("script"))
            XCTAssertEqual(doc.elements.filter { $0.name == "svg" }.count, 1)
            XCTAssertFalse(svg.contains("<!--"))
            XCTAssertFalse(svg.contains("<section"))
            // Control characters become visible escapes; the rest round-trips.
            let expected = h.replacingOccurrences(of: "\u{1}", with: "\\u{1}")
                .replacingOccurrences(of: "\u{7F}", with: "\\u{7F}")
            let allText = doc.texts(of: "title") + doc.texts(of: "desc") + doc.texts(of: "text") + doc.texts(of: "tspan")
            XCTAssertTrue(doc.texts(of: "title").first?.hasSuffix(expected) ?? false)
            XCTAssertTrue(doc.texts(of: "desc").first?.hasSuffix(expected) ?? false)
            for label in ["Gemma", "**", "Agency", "Positive prompts", "Family mean ± SE",
                          "#1 = best, #263 = worst", "N-Gem-27B", "mean"] {
                XCTAssertTrue(allText.contains(label + expected), "missing \(label)")
            }
        }
    }

    func testDeterministic() {
        XCTAssertEqual(render(demoFigure()), render(demoFigure()))
        XCTAssertEqual(render(demoFigure(pointStyle: .beeswarm)), render(demoFigure(pointStyle: .beeswarm)))
    }

    func testFixedPrecisionNumbers() throws {
        var figure = demoFigure(pointStyle: .beeswarm)
        figure.panels[0][0].groups[0].points.append(PointWithError(value: .nan, lower: .infinity, upper: -.infinity))
        figure.panels[0][0].groups[0].density.append(DensityPoint(value: .nan, density: .infinity))
        figure.panels[0][1].groups[1].summary = PointWithError(value: -0.0001, lower: -1e300, upper: .nan)
        for svg in [render(demoFigure()), render(figure)] {
            let lower = svg.lowercased()
            XCTAssertFalse(lower.contains("nan"))
            XCTAssertFalse(lower.contains("inf"))
            XCTAssertFalse(svg.contains("-0.00"))
            XCTAssertFalse(svg.range(of: #"[\s,"(MVHL]-0(?![.\d])"#, options: .regularExpression) != nil, "negative zero printed")
            let regex = try NSRegularExpression(pattern: #"\d+\.\d{3,}"#)
            let match = regex.firstMatch(in: svg, range: NSRange(svg.startIndex..., in: svg))
            XCTAssertNil(match, match.map { String(svg[Range($0.range, in: svg)!]) } ?? "")
            _ = parse(svg)
        }
    }

    func testInvalidColoursAreSanitised() {
        var figure = demoFigure()
        figure.groups[0].color = "red\" onload=\"alert(1)"
        figure.groups[1].color = "url(https://evil.example/x)"
        let svg = render(figure)
        let doc = parse(svg)
        XCTAssertFalse(svg.contains("evil"))
        XCTAssertFalse(doc.elements.contains { $0.attributes["onload"] != nil })
        let fills = Set(doc.elements.compactMap { $0.attributes["fill"] }.filter { $0.hasPrefix("#") })
        XCTAssertEqual(fills, [HexColor.fallback.hex])
    }

    func testFigureIDIsSanitisedForIDs() {
        var figure = demoFigure()
        figure.id = "fig 1\"a<"
        let root = parse(render(figure)).elements[0]
        XCTAssertEqual(root.attributes["aria-labelledby"], "fig_1_a_-title fig_1_a_-desc")
    }

    func testReversedAxisPutsSmallRanksOnTop() {
        let doc = parse(render(demoFigure()))
        // Tick label "1" must be above tick label "263" (smaller y).
        let labels = doc.elements.filter { $0.name == "text" && ($0.text == "1" || $0.text == "263") }
        let y1 = labels.first { $0.text == "1" }.flatMap { Double($0.attributes["y"] ?? "") }
        let y263 = labels.first { $0.text == "263" }.flatMap { Double($0.attributes["y"] ?? "") }
        XCTAssertNotNil(y1); XCTAssertNotNil(y263)
        XCTAssertLessThan(y1 ?? 0, y263 ?? 0)
    }

    func testFiveColumnsIsWider() throws {
        var figure = demoFigure()
        figure.columnLabels = ["Authority", "Care", "Fairness", "Loyalty", "Sanctity"]
        figure.panels = figure.panels.map { row in (0..<5).map { row[$0 % 2] } }
        let root = parse(render(figure)).elements[0]
        let width = try XCTUnwrap(Double(root.attributes["width"] ?? ""))
        XCTAssertGreaterThan(width, 950)
        XCTAssertEqual(parse(render(figure)).elements.filter { $0.attributes["class"] == "panel" }.count, 10)
    }

    /// Fig. 1a (summaries), Fig. A1a (beeswarm), a five-column MFD2-like
    /// figure, and the summaries figure with hostile labels (escaping).
    func testMatchesSnapshots() {
        assertSnapshot(render(demoFigure()), named: "violin-facet-summaries")
        assertSnapshot(render(demoFigure(pointStyle: .beeswarm)), named: "violin-facet-beeswarm")
        assertSnapshot(render(demoFigure(hostile: " <b>&amp;\"'\u{1}\r\u{202E}")), named: "violin-facet-hostile")
        var mfd = demoFigure(pointStyle: .summaries)
        mfd.id = "fig1b"
        mfd.columnLabels = ["Authority", "Care", "Fairness", "Loyalty", "Sanctity"]
        mfd.yAxisTitle = "Median rank (MFD2)\n#1 = best, #989 = worst"
        mfd.yDomain = 1...989
        mfd.yTicks = nil
        mfd.panels = mfd.panels.map { row in (0..<5).map { row[$0 % 2] } }
        assertSnapshot(render(mfd), named: "violin-facet-five-columns")
    }
}
