/// Input model for signed-change bar charts (Fig. 5 / A6: the words whose
/// rank rose or fell most during RM training): one panel per group (e.g. per
/// base-model family), one horizontal bar per labelled row from a zero line,
/// coloured by the row's class (e.g. Agency / Communion) with a legend, so
/// direction reads from the side of zero and class from colour and legend.
public struct DivergingBarFigure: Sendable {
    public var id: String
    public var title: String
    /// Generated sentence for `<desc>`.
    public var description: String
    public var xAxisTitle: String
    /// Colour classes; a row's `style` indexes this list.
    public var styles: [GroupStyle]
    public var panels: [DivergingBarPanel]

    public init(id: String, title: String, description: String, xAxisTitle: String, styles: [GroupStyle], panels: [DivergingBarPanel]) {
        self.id = id; self.title = title; self.description = description; self.xAxisTitle = xAxisTitle
        self.styles = styles; self.panels = panels
    }

    /// Same as `render(_:)`.
    public func svg() -> String { render(self) }
}

public struct DivergingBarPanel: Sendable {
    public var title: String
    /// Top to bottom.
    public var rows: [DivergingBarRow]
    public init(title: String, rows: [DivergingBarRow]) { self.title = title; self.rows = rows }
}

public struct DivergingBarRow: Sendable, Equatable {
    public var label: String
    public var value: Double
    public var style: Int
    public init(label: String, value: Double, style: Int) { self.label = label; self.value = value; self.style = style }
}

/// Renders a `DivergingBarFigure` as a standalone SVG document. All panels
/// share one x scale (symmetric about zero) so bar lengths compare across them.
public func render(_ figure: DivergingBarFigure) -> String {
    let rowHeight = 16.0, plotWidth = 220.0, gap = 24.0
    let allRows = figure.panels.flatMap(\.rows)
    let labelWidth = min(200, max(40, allRows.map { estimatedTextWidth($0.label, fontSize: FontSize.tick) }.max() ?? 0))
    let extent = max(1, allRows.map { abs($0.value) }.filter(\.isFinite).max() ?? 1)
    let step = NiceTicks.step(span: 2 * extent, approximately: 4)
    let bound = (extent / step).rounded(.up) * step
    let ticks = stride(from: -bound, through: bound + step / 2, by: step).map { $0 }
    let maxRows = Double(figure.panels.map(\.rows.count).max() ?? 1)
    let top = 8 + 24 + 8 + 18.0
    let plotHeight = max(rowHeight, maxRows * rowHeight) + 8
    var body: [SVGElement] = []
    var x = 10.0, right = 0.0
    for panel in figure.panels {
        let plot = Rect(x: x + labelWidth + 8, y: top, width: plotWidth, height: plotHeight)
        let scale = LinearScale(domain: -bound...bound, range: (plot.minX + 4)...(plot.maxX - 4))
        let axis = Axis(.bottom, scale: scale, ticks: ticks, tickLabel: { v in (v > 0 ? "+" : "") + SVGNumber.label(v) })
        body.append(multilineText(panel.title, x: plot.midX, y: top - 12, fontSize: FontSize.label, extra: [("class", "panel-title"), ("font-weight", "600")]))
        body.append(axis.gridElement(plot: plot))
        var labels: [SVGNode] = [], bars: [SVGNode] = []
        for (index, row) in panel.rows.enumerated() {
            let y = plot.minY + 4 + rowHeight * (Double(index) + 0.5)
            labels.append(.element(SVGElement("text", [("x", num(plot.minX - 6)), ("y", num(y + FontSize.tick * 0.35)),
                                                       ("text-anchor", "end")], text: row.label)))
            guard row.value.isFinite else { continue }
            let style = figure.styles.indices.contains(row.style) ? figure.styles[row.style] : GroupStyle(name: "", color: "", marker: .square)
            let x0 = scale(0), x1 = scale(row.value)
            bars.append(.element(SVGElement("rect", [("x", num(min(x0, x1))), ("y", num(y - rowHeight * 0.36)),
                                                     ("width", num(abs(x1 - x0))), ("height", num(rowHeight * 0.72)),
                                                     ("fill", style.hexColor.hex), ("stroke", "currentColor"), ("stroke-opacity", "0.45"),
                                                     ("stroke-width", "0.6")],
                                            children: [.element(SVGElement("title", text: "\(panel.title): \(row.label) (\(style.name)) \(row.value > 0 ? "+" : "")\(SVGNumber.label(row.value, maxDecimals: 2))"))])))
        }
        body.append(SVGElement("g", [("class", "row-labels"), ("font-size", num(FontSize.tick)), ("fill", "currentColor")], children: labels))
        body.append(SVGElement("g", [("class", "data")], children: bars))
        body.append(SVGElement("line", [("class", "reference"), ("x1", num(scale(0))), ("y1", num(plot.minY)), ("x2", num(scale(0))),
                                        ("y2", num(plot.maxY)), ("stroke", "currentColor"), ("stroke-opacity", "0.7")]))
        body.append(axis.axisElement(plot: plot))
        let titleLines = Double(textLines(figure.xAxisTitle).count)
        body.append(Axis.titleElement(figure.xAxisTitle, edge: .bottom, at: plot.maxY + 24 + titleLines * FontSize.title * 1.25 / 2, span: plot.minX...plot.maxX))
        // A panel title wider than its plot must still fit in the document.
        right = max(right, plot.maxX, plot.midX + estimatedTextWidth(panel.title, fontSize: FontSize.label) / 2)
        x = max(plot.maxX, plot.midX + estimatedTextWidth(panel.title, fontSize: FontSize.label) / 2) + gap
    }
    let titleLines = Double(textLines(figure.xAxisTitle).count)
    let height = (top + plotHeight + 24 + titleLines * FontSize.title * 1.25 + 10).rounded(.up)
    let legend = Legend(entries: figure.styles.map { LegendEntry(name: $0.name, shape: .square, color: $0.hexColor) })
    body.append(legend.element(x: 10 + labelWidth + 8, y: 8 + 12))
    return SVGDocument(id: figure.id, width: (right + 16).rounded(.up), height: height, title: figure.title,
                       description: figure.description, body: body).serialized()
}
