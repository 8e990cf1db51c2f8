import Foundation
import XCTest
@testable import SVGCharts

final class LollipopFigureTests: XCTestCase {
    func demo(hostile h: String = "") -> LollipopFigure {
        let words = ["freedom", "love", "power", "kindness", "success", "honesty", "ambition", "family"]
        return LollipopFigure(
            id: "fig2", title: "Log-probability differences" + h, description: "Most words favour Llama." + h,
            xAxisTitle: "Δ log-probability (Llama − Gemma)" + h,
            seriesA: GroupStyle(name: "Positive prompts" + h, color: "#DB4437", marker: .circle),
            seriesB: GroupStyle(name: "Negative prompts", color: "#0064E0", marker: .circle),
            rows: words.enumerated().map { i, w in
                LollipopRow(label: w + h, a: 1.7 * sin(Double(i) * 1.3), b: 1.1 * cos(Double(i) * 0.9) - 0.4)
            })
    }

    func testRendersRowsAxisAndReference() {
        let svg = render(demo())
        let doc = parse(svg)
        XCTAssertEqual(doc.elements.filter { $0.attributes["class"] == "row" }.count, 8)
        XCTAssertEqual(doc.elements.filter { $0.attributes["class"] == "reference" }.count, 1)
        XCTAssertTrue(doc.texts(of: "text").contains("0"))
        XCTAssertEqual(svg, render(demo()))
        XCTAssertNil(svg.range(of: #"\d+\.\d{3,}"#, options: .regularExpression))
    }

    func testNiceDomainIncludesReference() {
        var figure = demo()
        figure.rows = [LollipopRow(label: "a", a: 3.2, b: 7.9)]
        XCTAssertEqual(figure.effectiveXDomain, 0...8)
    }

    func testHostileLabels() {
        let h = "<section & '\"' <!--[ x"
        let doc = parse(render(demo(hostile: h)))
        XCTAssertFalse(doc.elements.contains { $0.name == "section" })
        XCTAssertTrue(doc.texts(of: "text").contains("freedom" + h))
        XCTAssertTrue(doc.texts(of: "text").contains("Δ log-probability (Llama − Gemma)" + h))
    }

    func testMatchesSnapshot() {
        assertSnapshot(render(demo()), named: "lollipop")
    }
}
