import Foundation
import XCTest
@testable import SVGCharts

final class DivergingBarFigureTests: XCTestCase {
    func demo(hostile h: String = "") -> DivergingBarFigure {
        DivergingBarFigure(
            id: "fig5", title: "Rank changes" + h, description: "Choice rises most." + h, xAxisTitle: "Rank change\n+ = rose" + h,
            styles: [GroupStyle(name: "Agency" + h, color: "#3CB371", marker: .square),
                     GroupStyle(name: "Communion", color: "#FFCE1B", marker: .square)],
            panels: [DivergingBarPanel(title: "Gemma" + h, rows: [DivergingBarRow(label: "choice" + h, value: 143, style: 0),
                                                                  DivergingBarRow(label: "neighbors", value: -235, style: 1)]),
                     DivergingBarPanel(title: "A much longer panel title than its plot is wide, for sure", rows: [
                        DivergingBarRow(label: "families", value: 60.5, style: 1), DivergingBarRow(label: "nan", value: .nan, style: 0)])])
    }

    func testBarsGoToTheirSideOfZeroInTheirClassColour() {
        let svg = render(demo())
        let doc = parse(svg)
        let bars = doc.elements.filter { $0.name == "rect" && $0.attributes["stroke-width"] == "0.6" }
        XCTAssertEqual(bars.count, 3, "a NaN value draws no bar")
        XCTAssertEqual(bars.map { $0.attributes["fill"] }, ["#3cb371", "#ffce1b", "#ffce1b"])
        let zero = doc.elements.filter { $0.attributes["class"] == "reference" }.map { Double($0.attributes["x1"]!)! }
        XCTAssertEqual(zero.count, 2)
        XCTAssertEqual(Double(bars[0].attributes["x"]!)!, zero[0], accuracy: 0.01, "a riser starts at zero")
        XCTAssertLessThan(Double(bars[1].attributes["x"]!)!, zero[0], "a faller ends at zero")
        XCTAssertTrue(doc.texts(of: "text").contains("+200"))
        XCTAssertEqual(svg, render(demo()), "deterministic")
        XCTAssertNil(svg.range(of: #"\d+\.\d{3,}"#, options: .regularExpression), "fixed precision")
        // The long title fits in the document.
        let width = Double(doc.elements.first { $0.name == "svg" }!.attributes["width"]!)!
        XCTAssertGreaterThan(width, 2 * 220 + 24 + 100)
    }

    func testHostileLabels() {
        let h = "<section & '\"' <!--[ x"
        let doc = parse(render(demo(hostile: h)))
        XCTAssertFalse(doc.elements.contains { $0.name == "section" })
        XCTAssertTrue(doc.texts(of: "text").contains("choice" + h))
        XCTAssertTrue(doc.texts(of: "title").contains("Rank changes" + h))
    }

    func testMatchesSnapshot() {
        assertSnapshot(render(demo()), named: "diverging-bar")
    }
}
