/// Horizontal bars from zero, one labelled row each, coloured per row by a
/// group that the legend names (Fig. 5 / A6: the words whose rank changed
/// most, coloured Agency / Communion). Values come from the caller.
public struct BarFigure: Sendable {
    public var id: String
    public var title: String
    public var description: String
    public var xAxisTitle: String
    public var groups: [GroupStyle]
    public var rows: [BarRow]

    public init(id: String, title: String, description: String, xAxisTitle: String, groups: [GroupStyle], rows: [BarRow]) {
        self.id = id; self.title = title; self.description = description; self.xAxisTitle = xAxisTitle
        self.groups = groups; self.rows = rows
    }

    public func svg() -> String { render(self) }
}

public struct BarRow: Sendable, Equatable {
    public var label: String
    public var value: Double
    /// Index into `BarFigure.groups`.
    public var group: Int
    public init(label: String, value: Double, group: Int) { self.label = label; self.value = value; self.group = group }
}

/// Renders a `BarFigure` as a standalone SVG document.
public func render(_ figure: BarFigure) -> String {
    let values = figure.rows.map(\.value).filter(\.isFinite)
    let low = min(0, values.min() ?? 0), high = max(0, values.max() ?? 1)
    let domain = low == high ? (low - 1)...(high + 1) : low...high
    let ticks = NiceTicks.values(in: domain, approximately: 6)
    let span = (min(domain.lowerBound, ticks.first ?? 0))...(max(domain.upperBound, ticks.last ?? 1))
    let labelWidth = figure.rows.map { estimatedTextWidth($0.label, fontSize: FontSize.label) }.max() ?? 0
    let rowHeight = 18.0
    let plot = Rect(x: 12 + min(labelWidth, 220) + 8, y: 34, width: 420, height: max(rowHeight, rowHeight * Double(figure.rows.count)))
    let scale = LinearScale(domain: span, range: plot.minX...plot.maxX)
    var body: [SVGElement] = []
    body.append(XAxis(scale: scale, ticks: ticks).gridElement(plot: plot))
    var bars: [SVGNode] = []
    var labels: [SVGNode] = []
    for (i, row) in figure.rows.enumerated() {
        let y = plot.minY + rowHeight * Double(i)
        let zero = scale(0), end = scale(row.value.isFinite ? row.value : 0)
        let style = figure.groups.indices.contains(row.group) ? figure.groups[row.group] : nil
        var bar = SVGElement("rect", [("x", num(min(zero, end))), ("y", num(y + 3)), ("width", num(abs(end - zero))), ("height", num(rowHeight - 6)),
                                      ("fill", (style?.hexColor ?? HexColor.fallback).hex), ("stroke", "currentColor"), ("stroke-width", "0.5")])
        bar = bar.appending([.element(SVGElement("title", text: "\(row.label): \(SVGNumber.label(row.value))\(style.map { " (\($0.name))" } ?? "")"))])
        bars.append(.element(bar))
        labels.append(.element(SVGElement("text", [("x", num(plot.minX - 6)), ("y", num(y + rowHeight / 2 + 4)), ("text-anchor", "end"),
                                                   ("font-size", num(FontSize.label)), ("fill", "currentColor")], text: row.label)))
    }
    body.append(SVGElement("g", [("class", "data")], children: bars))
    body.append(SVGElement("g", [("class", "row-labels")], children: labels))
    body.append(SVGElement("line", [("x1", num(scale(0))), ("y1", num(plot.minY)), ("x2", num(scale(0))), ("y2", num(plot.maxY)),
                                    ("stroke", "currentColor"), ("stroke-width", "1")]))
    body.append(XAxis(scale: scale, ticks: ticks).axisElement(plot: plot))
    body.append(XAxis.titleElement(figure.xAxisTitle, y: plot.maxY + 34, span: plot.minX...plot.maxX))
    body.append(Legend(entries: figure.groups.map { LegendEntry(name: $0.name, shape: .square, color: $0.hexColor) }).element(x: plot.minX, y: 16))
    return SVGDocument(id: figure.id, width: (plot.maxX + 20).rounded(.up), height: (plot.maxY + 48).rounded(.up),
                       title: figure.title, description: figure.description, body: body).serialized()
}
