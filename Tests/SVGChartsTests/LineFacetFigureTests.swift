import Foundation
import XCTest
@testable import SVGCharts

final class LineFacetFigureTests: XCTestCase {
    func demo(hostile h: String = "") -> LineFacetFigure {
        let checkpoints: [Double] = [0, 500, 1000, 1500, 2000, 2500, 3000]
        func line(_ start: Double, _ slope: Double, _ name: String) -> [LinePoint] {
            checkpoints.enumerated().map { i, x in
                LinePoint(x: x, y: start + slope * Double(i) + 6 * sin(Double(i)), label: "\(name) step \(Int(x))" + h)
            }
        }
        return LineFacetFigure(
            id: "fig4", title: "Training dynamics" + h, description: "Ranks converge during training." + h,
            panelLabels: ["Agency" + h, "Communion"], xAxisTitle: "Training step" + h, xDomain: 0...3000,
            yAxisTitle: "Median rank\n#1 = best" + h, yDomain: 1...263, reversedY: true, yTicks: [1, 50, 100, 150, 200, 263],
            series: [GroupStyle(name: "Gemma base" + h, color: "#DB4437", marker: .circle),
                     GroupStyle(name: "Llama base", color: "#0064E0", marker: .triangle),
                     GroupStyle(name: "Qwen base", color: "#7C3AED", marker: .square)],
            panels: [LinePanel(lines: [line(130, -4, "g"), line(110, 3, "l"), line(150, -2, "q")]),
                     LinePanel(lines: [line(100, 2, "g"), line(140, -5, "l"), line(120, 0, "q")])])
    }

    func testParsesWithAccessibleRootAndText() throws {
        let svg = render(demo())
        let doc = parse(svg)
        XCTAssertEqual(doc.elements.first?.attributes["aria-labelledby"], "fig4-title fig4-desc")
        XCTAssertEqual(doc.elements.filter { $0.attributes["class"] == "series" }.count, 6)
        XCTAssertTrue(doc.texts(of: "text").contains("Training step"))
        XCTAssertTrue(doc.texts(of: "text").contains("3000"))
        XCTAssertEqual(svg, render(demo()))
    }

    func testHostileAndPrecision() throws {
        let h = "<section & '\"' <!--[ x"
        var figure = demo(hostile: h)
        figure.panels[0].lines[0].append(LinePoint(x: .nan, y: .infinity))
        figure.series[0].color = "javascript:alert(1)"
        let svg = render(figure)
        let doc = parse(svg)
        XCTAssertFalse(doc.elements.contains { $0.name == "section" })
        XCTAssertFalse(svg.contains("javascript"))
        XCTAssertTrue(doc.texts(of: "text").contains("Training step" + h))
        XCTAssertTrue(doc.texts(of: "title").contains("g step 0" + h))
        XCTAssertFalse(svg.lowercased().contains("nan"))
        XCTAssertNil(svg.range(of: #"\d+\.\d{3,}"#, options: .regularExpression))
    }

    func testMatchesSnapshot() {
        assertSnapshot(render(demo()), named: "line-facet")
    }
}
