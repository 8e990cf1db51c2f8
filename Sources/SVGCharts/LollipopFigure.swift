/// Input model for paired-difference charts (e.g. per-word log-probability
/// or reward differences between two models): one row per label, two open
/// circles (series A and B) joined by a grey segment, and a vertical
/// reference line (usually 0) so sign is visible at a glance.
public struct LollipopFigure: Sendable {
    public var id: String
    public var title: String
    /// Generated sentence for `<desc>`.
    public var description: String
    public var xAxisTitle: String
    /// `nil` = from the data and the reference value, widened to nice ticks.
    public var xDomain: ClosedRange<Double>?
    public var referenceValue: Double
    /// Series A (first circle) and B (second); the marker shapes are drawn
    /// open so overlapping circles stay visible.
    public var seriesA: GroupStyle
    public var seriesB: GroupStyle
    public var rows: [LollipopRow]

    public init(id: String, title: String, description: String, xAxisTitle: String,
                xDomain: ClosedRange<Double>? = nil, referenceValue: Double = 0,
                seriesA: GroupStyle, seriesB: GroupStyle, rows: [LollipopRow]) {
        self.id = id; self.title = title; self.description = description; self.xAxisTitle = xAxisTitle
        self.xDomain = xDomain; self.referenceValue = referenceValue
        self.seriesA = seriesA; self.seriesB = seriesB; self.rows = rows
    }
}

/// One labelled row with the two values.
public struct LollipopRow: Sendable, Equatable {
    public var label: String
    public var a: Double
    public var b: Double
    public init(label: String, a: Double, b: Double) { self.label = label; self.a = a; self.b = b }
}

extension LollipopFigure {
    /// Same as `render(_:)`.
    public func svg() -> String { render(self) }

    /// The shown x interval: the caller's, or the data range (with the
    /// reference value) widened to whole nice-tick steps.
    var effectiveXDomain: ClosedRange<Double> {
        if let domain = xDomain, domain.lowerBound.isFinite, domain.upperBound.isFinite { return domain }
        let values = rows.flatMap { [$0.a, $0.b] }.filter(\.isFinite) + [referenceValue].filter(\.isFinite)
        guard var lo = values.min(), var hi = values.max() else { return 0...1 }
        if lo == hi { lo -= 1; hi += 1 }
        let step = NiceTicks.step(span: hi - lo, approximately: 5)
        return ((lo / step).rounded(.down) * step)...((hi / step).rounded(.up) * step)
    }
}

/// Renders a `LollipopFigure` as a standalone SVG document.
public func render(_ figure: LollipopFigure) -> String {
    let rowHeight = 20.0
    let labelWidth = min(260, max(60, figure.rows.map { estimatedTextWidth($0.label, fontSize: FontSize.tick) }.max() ?? 0))
    let plot = Rect(x: 10 + labelWidth + 10, y: 8 + 24 + 8, width: 440,
                    height: max(rowHeight, Double(figure.rows.count) * rowHeight) + 8)
    let domain = figure.effectiveXDomain
    let scale = LinearScale(domain: domain, range: (plot.minX + 6)...(plot.maxX - 6))
    let ticks = NiceTicks.values(in: domain, approximately: 5)
    let axis = Axis(.bottom, scale: scale, ticks: ticks)
    let xTitleLines = Double(textLines(figure.xAxisTitle).count)
    let width = (plot.maxX + 16).rounded(.up)
    let height = (plot.maxY + 24 + xTitleLines * FontSize.title * 1.25 + 10).rounded(.up)

    var rows: [SVGNode] = []
    var labels: [SVGNode] = []
    let colorA = figure.seriesA.hexColor.hex, colorB = figure.seriesB.hexColor.hex
    for (index, row) in figure.rows.enumerated() {
        let y = plot.minY + 4 + rowHeight * (Double(index) + 0.5)
        labels.append(.element(SVGElement("text", [("x", num(plot.minX - 8)), ("y", num(y + FontSize.tick * 0.35)),
                                                   ("text-anchor", "end")], text: row.label)))
        var children: [SVGNode] = []
        if row.a.isFinite && row.b.isFinite {
            children.append(.element(SVGElement("line", [("x1", num(scale(row.a))), ("y1", num(y)),
                                                         ("x2", num(scale(row.b))), ("y2", num(y)),
                                                         ("stroke", "currentColor"), ("stroke-opacity", "0.35"),
                                                         ("stroke-width", "2")])))
        }
        for (value, style, color) in [(row.a, figure.seriesA, colorA), (row.b, figure.seriesB, colorB)] where value.isFinite {
            let marker = style.marker.element(x: scale(value), y: y, radius: 4.2)
                .with("fill", "none").with("stroke", color).with("stroke-width", "1.8")
                .appending([.element(SVGElement("title", text: "\(row.label) — \(style.name): \(SVGNumber.label(value, maxDecimals: 2))"))])
            children.append(.element(marker))
        }
        rows.append(.element(SVGElement("g", [("class", "row")], children: children)))
    }
    var body: [SVGElement] = [
        axis.gridElement(plot: plot),
        SVGElement("g", [("class", "row-labels"), ("font-size", num(FontSize.tick)), ("fill", "currentColor")], children: labels),
    ]
    if figure.referenceValue.isFinite && domain.contains(figure.referenceValue) {
        let x = scale(figure.referenceValue)
        body.append(SVGElement("line", [("class", "reference"), ("x1", num(x)), ("y1", num(plot.minY)), ("x2", num(x)),
                                        ("y2", num(plot.maxY)), ("stroke", "currentColor"), ("stroke-opacity", "0.6"),
                                        ("stroke-dasharray", "4 3")]))
    }
    body.append(SVGElement("g", [("class", "data")], children: rows))
    body.append(axis.axisElement(plot: plot))
    let xTitleY = plot.maxY + 24 + xTitleLines * FontSize.title * 1.25 / 2
    body.append(Axis.titleElement(figure.xAxisTitle, edge: .bottom, at: xTitleY, span: plot.minX...plot.maxX))
    let legend = Legend(entries: [LegendEntry(name: figure.seriesA.name, shape: figure.seriesA.marker, color: figure.seriesA.hexColor, hollow: true),
                                  LegendEntry(name: figure.seriesB.name, shape: figure.seriesB.marker, color: figure.seriesB.hexColor, hollow: true)])
    body.append(legend.element(x: plot.minX, y: 8 + 12))
    return SVGDocument(id: figure.id, width: width, height: height, title: figure.title,
                       description: figure.description, body: body).serialized()
}
