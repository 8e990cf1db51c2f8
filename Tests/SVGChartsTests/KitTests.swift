import Foundation
import XCTest
@testable import SVGCharts

final class KitTests: XCTestCase {
    func testNiceTicks() {
        XCTAssertEqual(NiceTicks.values(in: 0...10, approximately: 5), [0, 2, 4, 6, 8, 10])
        XCTAssertEqual(NiceTicks.values(in: 1...263, approximately: 5), [50, 100, 150, 200, 250])
        XCTAssertEqual(NiceTicks.values(in: 0...1, approximately: 5), [0, 0.2, 0.4, 0.6, 0.8, 1])
        XCTAssertEqual(NiceTicks.values(in: -3...3, approximately: 6), [-3, -2, -1, 0, 1, 2, 3])
        XCTAssertEqual(NiceTicks.values(in: 0.3...0.71, approximately: 4), [0.3, 0.4, 0.5, 0.6, 0.7])
        XCTAssertEqual(NiceTicks.values(in: 1...2040, approximately: 5), [500, 1000, 1500, 2000])
        XCTAssertEqual(NiceTicks.values(in: 100...150, approximately: 2), [100, 120, 140])
        XCTAssertEqual(NiceTicks.values(in: 5...5, approximately: 5), [5])
        XCTAssertEqual(NiceTicks.step(span: 50, approximately: 10), 5)
        XCTAssertEqual(NiceTicks.step(span: 0.03, approximately: 3), 0.01)
        for ticks in [NiceTicks.values(in: -0.5...0.5, approximately: 10)] {
            XCTAssertFalse(ticks.map { SVGNumber.label($0) }.contains { $0.contains("0000") })
        }
    }

    /// Widths come from per-character metrics (checked against real
    /// rendering by scripts/site-check.sh), not a flat 0.6 em per character.
    func testTextWidthEstimate() {
        XCTAssertEqual(estimatedTextWidth("", fontSize: 10), 0)
        XCTAssertEqual(estimatedTextWidth("m", fontSize: 10), 9.8, accuracy: 1e-9)
        XCTAssertEqual(estimatedTextWidth(" ", fontSize: 10), 3.2, accuracy: 1e-9)
        XCTAssertEqual(estimatedTextWidth("~", fontSize: 10), 8.4, accuracy: 1e-9, "the last printable ASCII character is in the table")
        XCTAssertGreaterThan(estimatedTextWidth("Gemma", fontSize: 11), estimatedTextWidth("Illil", fontSize: 11) * 2)
        XCTAssertEqual(estimatedTextWidth("漢字", fontSize: 10), 20, accuracy: 1e-9)
        XCTAssertEqual(estimatedTextWidth("é", fontSize: 10), 7, accuracy: 1e-9)
        XCTAssertEqual(estimatedTextWidth("ab\nmmmm", fontSize: 10), estimatedTextWidth("mmmm", fontSize: 10), "the longest line")
    }

    func testLinearScale() {
        let scale = LinearScale(domain: 0...10, range: 100...200)
        XCTAssertEqual(scale(0), 100); XCTAssertEqual(scale(10), 200); XCTAssertEqual(scale(5), 150)
        XCTAssertEqual(LinearScale(domain: 0...10, range: 100...200, reversed: true)(0), 200)
        XCTAssertEqual(scale.niceTicks(approximately: 5), [0, 2, 4, 6, 8, 10])
        // Vertical SVG scales: normal puts the minimum at the bottom; reversed at the top.
        let normal = LinearScale.vertical(domain: 1...263, top: 20, bottom: 270)
        XCTAssertEqual(normal(1), 270); XCTAssertEqual(normal(263), 20)
        let ranks = LinearScale.vertical(domain: 1...263, top: 20, bottom: 270, reversed: true)
        XCTAssertEqual(ranks(1), 20); XCTAssertEqual(ranks(263), 270)
        XCTAssertLessThan(ranks(50), ranks(100))
        XCTAssertEqual(LinearScale(domain: 3...3, range: 0...10)(3), 5)
    }

    func testNumberFormatting() {
        XCTAssertEqual(SVGNumber.coordinate(12.345), "12.35")
        XCTAssertEqual(SVGNumber.coordinate(12.5), "12.5")
        XCTAssertEqual(SVGNumber.coordinate(100), "100")
        XCTAssertEqual(SVGNumber.coordinate(-0.001), "0")
        XCTAssertEqual(SVGNumber.coordinate(-0.0), "0")
        XCTAssertEqual(SVGNumber.coordinate(-3.999), "-4")
        XCTAssertEqual(SVGNumber.coordinate(0.996), "1")
        XCTAssertEqual(SVGNumber.coordinate(.nan), "0")
        XCTAssertEqual(SVGNumber.coordinate(.infinity), "0")
        XCTAssertEqual(SVGNumber.coordinate(1e300), "1000000000000")
        XCTAssertEqual(SVGNumber.label(125), "125")
        XCTAssertEqual(SVGNumber.label(0.1 + 0.2), "0.3")
        XCTAssertEqual(SVGNumber.label(-2.5), "\u{2212}2.5")
        XCTAssertEqual(SVGNumber.label(-0.0), "0")
    }

    func testHexColor() {
        XCTAssertEqual(HexColor("#DB4437")?.hex, "#db4437")
        XCTAssertEqual(HexColor(" #abc ")?.hex, "#aabbcc")
        for bad in ["DB4437", "#DB443", "#GG0000", "red", "url(#x)", "#db4437\" onload=\"x", "", "#", "#１２３"] {
            XCTAssertNil(HexColor(bad), bad)
        }
        XCTAssertEqual(HexColor.sanitized("nope"), HexColor.fallback)
    }

    func testEscapingInElementTree() {
        let element = SVGElement("text", [("data-x", "a\"<b>&")], text: "<section>&</section>")
        XCTAssertEqual(element.serialized(), "<text data-x=\"a&quot;&lt;b&gt;&amp;\">&lt;section&gt;&amp;&lt;/section&gt;</text>\n")
    }

    func testBeeswarmIsDeterministicAndNonOverlapping() {
        let ys = (0..<200).map { Double(($0 * 37) % 50) * 0.8 }
        let a = Beeswarm.offsets(for: ys, radius: 2, maxOffset: 1000)
        XCTAssertEqual(a, Beeswarm.offsets(for: ys, radius: 2, maxOffset: 1000))
        for i in ys.indices {
            for j in ys.indices where j > i {
                let dx = a[i] - a[j], dy = ys[i] - ys[j]
                XCTAssertGreaterThanOrEqual((dx * dx + dy * dy).squareRoot(), 4 - 1e-6)
            }
        }
        let bounded = Beeswarm.offsets(for: ys, radius: 2, maxOffset: 10)
        XCTAssertTrue(bounded.allSatisfy { abs($0) <= 10 })
    }

    func testDodge() {
        XCTAssertEqual(Dodge.offsets(count: 3, maxOffset: 10), [-10, 0, 10])
        let gapped = Dodge.offsets(count: 5, maxOffset: 20, centerGap: 5)
        XCTAssertTrue(gapped.allSatisfy { abs($0) >= 5 && abs($0) <= 20 })
        XCTAssertEqual(Set(gapped).count, 5)
        XCTAssertEqual(gapped, gapped.sorted())
    }

    func testMultilineTextUsesTspans() {
        let element = multilineText("a\nb<", x: 10, y: 20, fontSize: 12)
        let xml = element.serialized()
        XCTAssertEqual(xml.components(separatedBy: "<tspan").count - 1, 2)
        XCTAssertTrue(xml.contains("b&lt;</tspan>"))
    }
}
