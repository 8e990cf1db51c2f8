import Foundation
import XCTest
@testable import SVGCharts

final class HeatMapFigureTests: XCTestCase {
    func demo(hostile h: String = "") -> HeatMapFigure {
        let rows = ["G2-2b → L3.2-1b", "G2-9b → L3.2-1b", "G2-27b → L3.2-1b", "G2-2b → L3-8b" + h]
        func panel(_ title: String, _ prefix: String, _ phase: Double) -> HeatMapPanel {
            let columns = (0..<6).map { "\(prefix)_ever_\(["one", "single", "please"][$0 % 3])\($0 / 3)" + h }
            return HeatMapPanel(title: title + h, columnLabels: columns, cells: rows.indices.map { r in
                columns.indices.map { c in
                    let v = r == 3 && c == 5 ? Double.nan : 0.4 * sin(Double(r) * 1.7 + Double(c) * 0.9 + phase)
                    return HeatMapCell(value: v, note: "\(rows[r]), \(columns[c]): \(SVGNumber.label(v, maxDecimals: 2))" + h)
                }
            })
        }
        return HeatMapFigure(
            id: "r5", title: "Freedom − Love under every prompt" + h, description: "Freedom above Love in most cells." + h,
            rowLabels: rows, panels: [panel("Positive prompts", "best", 0), panel("Negative prompts", "worst", 2)],
            colorTitle: "MWLR(Freedom) − MWLR(Love)" + h, positiveMeaning: "Freedom above Love" + h, negativeMeaning: "Love above Freedom")
    }

    func testEveryCellHasColourSignAndNote() {
        let figure = demo()
        let svg = render(figure)
        let doc = parse(svg)
        let cells = doc.elements.filter { $0.attributes["class"] == "cell" }
        XCTAssertEqual(cells.count, 2 * 4 * 6)
        let marks = doc.texts(of: "text")
        let values = figure.panels.flatMap { $0.cells.flatMap { $0.map(\.value) } }
        XCTAssertEqual(marks.filter { $0 == "+" }.count, values.filter { $0 > 0 }.count + 1, "one + per positive cell, one in the legend")
        XCTAssertEqual(marks.filter { $0 == "\u{2212}" }.count, values.filter { $0 < 0 }.count + 1)
        XCTAssertEqual(marks.filter { $0 == "\u{00B7}" }.count, 3, "the blank cell of each panel and its legend key")
        XCTAssertTrue(marks.contains("no value"))
        XCTAssertEqual(svg, render(demo()), "deterministic")
        XCTAssertNil(svg.range(of: #"\d+\.\d{3,}"#, options: .regularExpression))
    }

    func testScaleIsSymmetricAndCentredAtZero() {
        let scale = demo().effectiveScale
        XCTAssertEqual(scale.extent, 0.4)
        XCTAssertEqual(scale.color(0), scale.neutral)
        XCTAssertEqual(scale.color(0.4), scale.positive)
        XCTAssertEqual(scale.color(-9), scale.negative, "clamped")
        XCTAssertNil(scale.color(.nan))
        XCTAssertEqual(DivergingColorScale.niceExtent([0.013, -0.27]), 0.3, accuracy: 1e-12)
        XCTAssertEqual(DivergingColorScale.niceExtent([.nan]), 1)
    }

    func testHostileLabels() {
        let h = "<section & '\"' <!--[ x"
        let doc = parse(render(demo(hostile: h)))
        XCTAssertFalse(doc.elements.contains { $0.name == "section" })
        XCTAssertTrue(doc.texts(of: "text").contains("G2-2b → L3-8b" + h))
        XCTAssertTrue(doc.texts(of: "text").contains("MWLR(Freedom) − MWLR(Love)" + h))
    }

    func testMatchesSnapshot() {
        assertSnapshot(render(demo()), named: "heat-map")
    }
}
