import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
@testable import SVGCharts

/// Parses XML and collects element names, attributes and text per element.
final class XMLCollector: NSObject, XMLParserDelegate {
    struct Element { var name: String; var attributes: [String: String]; var text: String }
    var elements: [Element] = []
    private var stack: [Int] = []
    var error: Error?

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements.append(Element(name: name, attributes: attributes, text: ""))
        stack.append(elements.count - 1)
    }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) {
        for index in stack { elements[index].text += string }
    }
    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }

    /// Text of all elements named `name`, in document order.
    func texts(of name: String) -> [String] { elements.filter { $0.name == name }.map(\.text) }
}

func parse(_ svg: String, file: StaticString = #filePath, line: UInt = #line) -> XMLCollector {
    let collector = XMLCollector()
    let parser = XMLParser(data: Data(svg.utf8))
    parser.delegate = collector
    let ok = parser.parse()
    XCTAssertTrue(ok, "SVG does not parse: \(String(describing: parser.parserError ?? collector.error))",
                  file: file, line: line)
    return collector
}

/// Normal-shaped density curve (made up for tests; the real ones come from Stats).
func normalDensity(mean: Double, sd: Double, steps: Int = 40) -> [DensityPoint] {
    (0...steps).map { i in
        let v = mean - 3 * sd + 6 * sd * Double(i) / Double(steps)
        let z = (v - mean) / sd
        return DensityPoint(value: v, density: exp(-z * z / 2) / (sd * 2.5066))
    }
}

/// A realistic Fig.-1a-like figure: 2×2 panels, Gemma (4 RMs) vs Llama (6 RMs).
func demoFigure(pointStyle: PointStyle = .summaries, hostile: String? = nil) -> ViolinFacetFigure {
    let gemmaRMs = ["N-Gem-27B", "S-Gem-27B-v0.2", "S-Gem-27B", "R-Gem-2B"]
    let llamaRMs = ["S-Lla-8B-v0.2", "N-Lla-8B", "L-Lla-8B", "R-Lla-8B", "R-Lla-3B", "F-Lla-8B-v0.1"]
    let h = hostile ?? ""
    func group(_ names: [String], center: Double, spread: Double, seed: Double) -> ViolinGroup {
        let points: [PointWithError]
        switch pointStyle {
        case .summaries:
            points = names.enumerated().map { i, name in
                let v = center + spread * sin(Double(i) * 1.7 + seed)
                return PointWithError(value: v, lower: v - 4 - Double(i % 3), upper: v + 4 + Double(i % 3), label: name + h)
            }
        case .beeswarm:
            points = (0..<(names.count * 54)).map { i in
                let v = center + spread * 1.6 * sin(Double(i) * 2.39 + seed) * cos(Double(i) * 0.37)
                return PointWithError(value: (v * 2).rounded() / 2, label: names[i % names.count] + h)
            }
        }
        let mean = points.map(\.value).reduce(0, +) / Double(points.count)
        return ViolinGroup(density: normalDensity(mean: center, sd: spread * 1.1), points: points,
                           summary: PointWithError(value: mean, lower: mean - 5, upper: mean + 5, label: "mean" + h))
    }
    let panels: [[ViolinPanel]] = (0..<2).map { row in
        (0..<2).map { column in
            let gemmaCenter = row == 0 ? (column == 0 ? 128 : 112) : (column == 0 ? 118 : 140)
            let llamaCenter = row == 0 ? (column == 0 ? 104 : 122) : (column == 0 ? 126 : 131)
            return ViolinPanel(groups: [
                group(gemmaRMs, center: Double(gemmaCenter), spread: 12, seed: Double(row + column)),
                group(llamaRMs, center: Double(llamaCenter), spread: 14, seed: Double(row * 2 + column)),
            ], annotation: ["**", "n.s.", "*", "***"][row * 2 + column] + h)
        }
    }
    return ViolinFacetFigure(
        id: "fig1a", title: "Figure 1a. Median rank by family" + h,
        description: "Gemma-based reward models rank Agency words lower than Llama-based ones." + h,
        rowLabels: ["Positive prompts" + h, "Negative prompts"], columnLabels: ["Agency" + h, "Communion"],
        yAxisTitle: "Median rank (Big Two)\n#1 = best, #263 = worst" + h, yDomain: 1...263, reversedY: true,
        yTicks: [1, 50, 100, 150, 200, 263],
        groups: [GroupStyle(name: "Gemma" + h, color: "#DB4437", marker: .circle),
                 GroupStyle(name: "Llama", color: "#0064E0", marker: .triangle)],
        pointStyle: pointStyle, summaryLegendLabel: "Family mean ± SE" + h, panels: panels)
}

/// Writes `svg` into an HTML page under $SVGCHARTS_DEMO_DIR (if set), for
/// looking at it in a browser.
func writeDemo(_ svg: String, name: String) throws {
    guard let dir = ProcessInfo.processInfo.environment["SVGCHARTS_DEMO_DIR"] else { return }
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try svg.write(toFile: dir + "/\(name).svg", atomically: true, encoding: .utf8)
    let html = """
    <!doctype html><html><head><meta charset="utf-8"><title>\(name)</title>
    <style>body{margin:16px;font-family:system-ui,sans-serif;background:#fff;color:#1a1a1a}
    .dark{background:#16181d;color:#e8e8e8;padding:8px;margin-top:12px}</style></head>
    <body>\(svg)<div class="dark">\(svg)</div></body></html>
    """
    try html.write(toFile: dir + "/\(name).html", atomically: true, encoding: .utf8)
}
