import Foundation
import XCTest
@testable import SVGCharts

final class SplitViolinFigureTests: XCTestCase {
    func demo(hostile h: String = "") -> SplitViolinFigure {
        let labels = ["Authority", "Care", "Fairness", "Loyalty", "Sanctity"]
        func half(_ center: Double, _ seed: Double) -> SplitViolinHalf {
            let points = (0..<40).map { i in
                PointWithError(value: center + 20 * sin(Double(i) * 2.1 + seed) * cos(Double(i) * 0.3), label: "p\(i)" + h)
            }
            return SplitViolinHalf(density: normalDensity(mean: center, sd: 16), points: points,
                                   summary: PointWithError(value: center, lower: center - 6, upper: center + 6, label: "mean" + h))
        }
        return SplitViolinFigure(
            id: "figA3", title: "Split violins" + h, description: "Per foundation, Gemma left and Llama right." + h,
            yAxisTitle: "Median rank\n#1 = best" + h, yDomain: 1...263, reversedY: true, yTicks: [1, 50, 100, 150, 200, 263],
            groupA: GroupStyle(name: "Gemma" + h, color: "#DB4437", marker: .circle),
            groupB: GroupStyle(name: "Llama", color: "#0064E0", marker: .triangle),
            categories: labels.enumerated().map { i, label in
                SplitViolinCategory(label: label + h, left: half(110 + Double(i) * 8, Double(i)),
                                    right: half(130 - Double(i) * 5, Double(i) + 0.5),
                                    annotation: ["***", "n.s.", "*", "**", "n.s."][i] + h)
            })
    }

    func testRendersAndIsSafe() {
        let h = "<section & '\"' <!--[ x"
        let svg = render(demo(hostile: h))
        let doc = parse(svg)
        XCTAssertFalse(doc.elements.contains { $0.name == "section" })
        XCTAssertTrue(doc.texts(of: "text").contains("Care" + h))
        XCTAssertTrue(doc.texts(of: "text").contains("***" + h))
        XCTAssertEqual(doc.elements.filter { $0.attributes["class"] == "summary" }.count, 10)
        XCTAssertEqual(doc.elements.first?.attributes["aria-labelledby"], "figA3-title figA3-desc")
        XCTAssertEqual(svg, render(demo(hostile: h)))
        XCTAssertNil(svg.range(of: #"\d+\.\d{3,}"#, options: .regularExpression))
    }

    func testMatchesSnapshot() {
        assertSnapshot(render(demo()), named: "split-violin")
    }
}
