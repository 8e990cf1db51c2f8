/// Renders a `LineFacetFigure` as a standalone SVG document: shared y axis
/// on the left, one panel per strip label, x axis under every panel, legend
/// on top. Lines break at non-finite values rather than inventing points.
public func render(_ figure: LineFacetFigure) -> String {
    let columns = max(1, figure.panels.count, figure.panelLabels.count)
    let yDomain = ViolinFacetLayout.safeDomain(figure.yDomain)
    let xDomain = ViolinFacetLayout.safeDomain(figure.xDomain)
    let yTicks = (figure.yTicks ?? NiceTicks.values(in: yDomain, approximately: 5)).filter { $0.isFinite && yDomain.contains($0) }
    let xTicks = (figure.xTicks ?? NiceTicks.values(in: xDomain, approximately: 5)).filter { $0.isFinite && xDomain.contains($0) }
    let tickWidth = yTicks.map { estimatedTextWidth(SVGNumber.label($0), fontSize: FontSize.tick) }.max() ?? 0
    let titleBlock = Double(textLines(figure.yAxisTitle).count) * FontSize.title * 1.25
    let left = 6 + titleBlock + 8 + tickWidth + 10
    let panelWidth: Double = columns <= 2 ? 300 : (columns == 3 ? 220 : 180)
    let grid = FacetGrid(rows: 1, columns: columns, origin: (x: left, y: 8 + 24 + 8 + 22 + 2),
                         panelWidth: panelWidth, panelHeight: 240, horizontalGap: 16)
    let bounds = grid.panelsBounds
    let xTitleLines = Double(textLines(figure.xAxisTitle).count)
    let width = (bounds.maxX + 16).rounded(.up)
    let height = (bounds.maxY + 24 + xTitleLines * FontSize.title * 1.25 + 10).rounded(.up)

    var body: [SVGElement] = []
    var content: [SVGNode] = []
    for column in 0..<columns {
        let rect = grid.panel(row: 0, column: column)
        let yScale = LinearScale.vertical(domain: yDomain, top: rect.minY + 8, bottom: rect.maxY - 8, reversed: figure.reversedY)
        let xScale = LinearScale(domain: xDomain, range: (rect.minX + 10)...(rect.maxX - 10))
        var labels: [Double: String] = [:]
        if let given = figure.xTickLabels, let ticks = figure.xTicks, given.count == ticks.count {
            for (t, l) in zip(ticks, given) { labels[t] = l }
        }
        let xAxis = Axis(.bottom, scale: xScale, ticks: xTicks, tickLabel: { [labels] v in labels[v] ?? SVGNumber.label(v) })
        content.append(.element(Axis(.left, scale: yScale, ticks: yTicks).gridElement(plot: rect)))
        content.append(.element(xAxis.gridElement(plot: rect)))
        content.append(.element(xAxis.axisElement(plot: rect)))
        if column == 0 { content.append(.element(Axis(.left, scale: yScale, ticks: yTicks).axisElement(plot: rect))) }
        guard column < figure.panels.count else { continue }
        var lines: [SVGNode] = []
        for (index, points) in figure.panels[column].lines.enumerated() {
            let style = index < figure.series.count ? figure.series[index]
                : GroupStyle(name: "", color: HexColor.fallback.hex, marker: .circle)
            let color = style.hexColor.hex
            var segments: [[(Double, Double)]] = [[]]
            var markers: [SVGNode] = []
            for point in points.sorted(by: { $0.x < $1.x }) {
                guard point.x.isFinite, point.y.isFinite else {
                    if !(segments.last?.isEmpty ?? true) { segments.append([]) }
                    continue
                }
                let position = (xScale(point.x), yScale(point.y))
                segments[segments.count - 1].append(position)
                var marker = style.marker.element(x: position.0, y: position.1, radius: 3.4)
                if let label = point.label { marker = marker.appending([.element(SVGElement("title", text: label))]) }
                markers.append(.element(marker))
            }
            let paths: [SVGNode] = segments.filter { $0.count >= 2 }.map {
                .element(SVGElement("polyline", [("points", pointList($0)), ("fill", "none"), ("stroke-width", "1.6")]))
            }
            lines.append(.element(SVGElement("g", [("class", "series"), ("stroke", color), ("fill", color)],
                                             children: paths + [.element(SVGElement("g", [("fill-opacity", "0.85"),
                                                                                          ("stroke-width", "0.8")],
                                                                                    children: markers))])))
        }
        content.append(.element(SVGElement("g", [("class", "data")], children: lines)))
    }
    body.append(SVGElement("g", [("class", "panels")], children: content))
    body.append(grid.framesElement())
    body.append(grid.stripsElement(rowLabels: [], columnLabels: figure.panelLabels))
    body.append(Axis.titleElement(figure.yAxisTitle, edge: .left, at: 6 + titleBlock / 2, span: bounds.minY...bounds.maxY))
    let xTitleY = bounds.maxY + 24 + xTitleLines * FontSize.title * 1.25 / 2
    body.append(Axis.titleElement(figure.xAxisTitle, edge: .bottom, at: xTitleY, span: bounds.minX...bounds.maxX))
    let legend = Legend(entries: figure.series.map { LegendEntry(name: $0.name, shape: $0.marker, color: $0.hexColor) })
    body.append(legend.element(x: grid.origin.x, y: 8 + 12))
    return SVGDocument(id: figure.id, width: width, height: height, title: figure.title,
                       description: figure.description, body: body).serialized()
}

extension LineFacetFigure {
    /// Same as `render(_:)`.
    public func svg() -> String { render(self) }
}
