import ArgumentParser
import Foundation
import SVGCharts

/// `backbone bench-chart`: draws the scaling benchmark's measurements
/// (`Benchmarks/speed/scaling.sh`) as two SVG charts, wall time and peak RSS
/// against the number of models, with the same chart code as the report.
struct BenchChartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-chart",
        abstract: "Draw scaling measurements (models, GB read, Fig. 3 pairs, median/min/max wall s, peak RSS MB; tab-separated) as SVG.",
        discussion: "Writes scaling-time.svg and scaling-rss.svg into --out.",
        shouldDisplay: false)

    @Argument(help: "Tab-separated file: models, GB read, pairs, median s, min s, max s, peak RSS MB; one line per study size.")
    var measurements: String

    @OptionGroup var out: OutputFolderOptions

    struct Row { var models, gigabytes, pairs, median, low, high, rss: Double }

    func run() throws {
        let text = try String(contentsOfFile: measurements, encoding: .utf8)
        var rows: [Row] = []
        for (n, line) in text.split(separator: "\n").enumerated() where !line.hasPrefix("#") {
            let v = line.split(separator: "\t").compactMap { Double($0) }
            guard v.count == 7 else { throw CLIFailure(message: "\(measurements):\(n + 1): expected 7 tab-separated numbers") }
            rows.append(Row(models: v[0], gigabytes: v[1], pairs: v[2], median: v[3], low: v[4], high: v[5], rss: v[6]))
        }
        guard !rows.isEmpty else { throw CLIFailure(message: "\(measurements): no measurements") }
        let dir = out.url
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let xMax = (rows.map(\.models).max()! * 1.1).rounded(.up)
        let ticks = rows.map(\.models)
        func label(_ r: Row) -> String {
            "\(Int(r.models)) models, \(String(format: "%.1f", r.gigabytes)) GB, \(Int(r.pairs)) Fig. 3 pairs: " +
            "median \(String(format: "%.2f", r.median)) s (\(String(format: "%.2f", r.low))–\(String(format: "%.2f", r.high))), " +
            "peak RSS \(Int(r.rss)) MB"
        }
        let time = LineFacetFigure(
            id: "scaling-time", title: "Wall time of backbone build against the number of models",
            description: "Median wall time (whiskers not drawn; min and max in each point's tooltip) of the whole build with the generated log-prob tables.",
            panelLabels: ["backbone build --permutations 1"], xAxisTitle: "models (log-prob tables)", xDomain: 0...xMax, xTicks: ticks,
            yAxisTitle: "wall time (s)", yDomain: 0...(rows.map(\.high).max()! * 1.1), reversedY: false,
            series: [GroupStyle(name: "median of the runs", color: "#1F77B4", marker: .circle),
                     GroupStyle(name: "slowest run", color: "#D62728", marker: .triangle)],
            panels: [LinePanel(lines: [rows.map { LinePoint(x: $0.models, y: $0.median, label: label($0)) },
                                       rows.map { LinePoint(x: $0.models, y: $0.high, label: label($0)) }])])
        let rss = LineFacetFigure(
            id: "scaling-rss", title: "Peak RSS of backbone build against the number of models",
            description: "Largest peak resident set size over the runs of the whole build with the generated log-prob tables.",
            panelLabels: ["backbone build --permutations 1"], xAxisTitle: "models (log-prob tables)", xDomain: 0...xMax, xTicks: ticks,
            yAxisTitle: "peak RSS (MB)", yDomain: 0...max(600, rows.map(\.rss).max()! * 1.1), reversedY: false,
            series: [GroupStyle(name: "peak RSS", color: "#2CA02C", marker: .square)],
            panels: [LinePanel(lines: [rows.map { LinePoint(x: $0.models, y: $0.rss, label: label($0)) }])])
        try time.svg().write(to: dir.appendingPathComponent("scaling-time.svg"), atomically: true, encoding: .utf8)
        try rss.svg().write(to: dir.appendingPathComponent("scaling-rss.svg"), atomically: true, encoding: .utf8)
    }
}
