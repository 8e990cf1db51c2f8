import Foundation
import XCTest
@testable import SVGCharts

final class BrokenAxisPointFigureTests: XCTestCase {
    func demo(hostile h: String = "") -> BrokenAxisPointFigure {
        let split = BrokenAxisPointFigure.split([13, 27, 53, 77, 106, 632, 13])
        return BrokenAxisPointFigure(
            id: "fig4b", title: "Ablation" + h, description: "Gap narrows." + h, panelLabels: ["Agency" + h, "Communion"],
            xAxisTitle: "Pairs (k)" + h, mainX: split.main, brokenX: split.broken, xTickLabels: [13: "13*" + h],
            yAxisTitle: "Median rank", yDomain: 550...900, reversedY: true,
            colourGroups: [GroupStyle(name: "Gemma" + h, color: "#DB4437", marker: .circle), GroupStyle(name: "Llama", color: "#0064E0", marker: .circle)],
            shapes: [("UF" + h, .circle), ("Skywork", .triangle), ("UF + Skywork", .diamond)],
            panels: [[BrokenAxisPoint(x: 13, y: 742.5, colourGroup: 0, shape: .circle, label: "g13" + h), BrokenAxisPoint(x: 13, y: 657.5, colourGroup: 1, shape: .circle),
                      BrokenAxisPoint(x: 77, y: 680, colourGroup: 0, shape: .triangle), BrokenAxisPoint(x: 632, y: 720, colourGroup: 0, shape: .diamond),
                      BrokenAxisPoint(x: 632, y: 678, colourGroup: 1, shape: .diamond), BrokenAxisPoint(x: 5000, y: 600, colourGroup: 1, shape: .circle)],
                     []],
            footnote: "* same data" + h)
    }

    func testSplitBreaksBeforeFarValues() {
        XCTAssertEqual(BrokenAxisPointFigure.split([13, 27, 53, 77, 106, 632, 13]).main, [13, 27, 53, 77, 106])
        XCTAssertEqual(BrokenAxisPointFigure.split([13, 27, 53, 77, 106, 632]).broken, [632])
        XCTAssertEqual(BrokenAxisPointFigure.split([13, 27, 53]).broken, [])
    }

    func testPointsLinksAndBreak() {
        let svg = render(demo())
        let doc = parse(svg)
        XCTAssertNil(doc.error)
        XCTAssertEqual(doc.elements.filter { $0.attributes["class"] == "axis-break" }.count, 4, "two strokes per panel")
        XCTAssertEqual(doc.texts(of: "title").filter { $0 == "g13" }.count, 1)
        XCTAssertFalse(svg.contains("5000"), "a value on neither part of the axis is not drawn")
        XCTAssertTrue(doc.texts(of: "text").contains("13*"))
        XCTAssertTrue(doc.texts(of: "text").contains("632"))
        XCTAssertEqual(svg, render(demo()), "deterministic")
        XCTAssertNil(svg.range(of: #"\d+\.\d{3,}"#, options: .regularExpression), "fixed precision")
        // Links at 13 and 632 in the first panel; none in the empty one.
        let groups = svg.components(separatedBy: "class=\"links\"").dropFirst().map { $0.components(separatedBy: "class=\"data\"")[0] }
        XCTAssertEqual(groups.map { $0.components(separatedBy: "<line").count - 1 }, [2, 0])
    }

    func testHostileLabels() {
        let h = "<section & '\"' <!--[ x"
        let doc = parse(render(demo(hostile: h)))
        XCTAssertNil(doc.error)
        XCTAssertFalse(doc.elements.contains { $0.name == "section" })
        XCTAssertTrue(doc.texts(of: "text").contains("13*" + h))
        XCTAssertTrue(doc.texts(of: "title").contains("g13" + h))
    }

    func testMatchesSnapshot() {
        assertSnapshot(render(demo()), named: "broken-axis-point")
    }
}
