import Foundation
import TestSupport
import XCTest
@testable import SVGCharts

/// The SVG parsed by the shared `XMLScan`, failing the test when it is not well-formed.
func parse(_ svg: String, file: StaticString = #filePath, line: UInt = #line) -> XMLScan {
    let scan = XMLScan(svg)
    XCTAssertTrue(scan.isWellFormed, "SVG does not parse: \(String(describing: scan.error))", file: file, line: line)
    return scan
}

/// Compares a rendering with its committed baseline `Snapshots/<name>.svg`
/// (re-record on purpose with BACKBONE_RECORD_SNAPSHOTS=1; see CONTRIBUTING.md).
func assertSnapshot(_ svg: String, named name: String, file: StaticString = #filePath, line: UInt = #line) {
    let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    assertMatchesSnapshot(svg, named: name + ".svg", in: directory, file: file, line: line)
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
