/// Renders a `BrokenAxisPointFigure` as a standalone SVG document: shared y
/// axis on the left, one panel per strip label, legend on top (colours, then
/// shapes), the axis break drawn as a gap with two slanted strokes.
public func render(_ figure: BrokenAxisPointFigure) -> String {
    let columns = max(1, figure.panels.count, figure.panelLabels.count)
    let yDomain = ViolinFacetLayout.safeDomain(figure.yDomain)
    let yTicks = NiceTicks.values(in: yDomain, approximately: 5).filter { $0.isFinite && yDomain.contains($0) }
    let tickWidth = yTicks.map { estimatedTextWidth(SVGNumber.label($0), fontSize: FontSize.tick) }.max() ?? 0
    let titleBlock = Double(textLines(figure.yAxisTitle).count) * FontSize.title * 1.25
    let left = 6 + titleBlock + 8 + tickWidth + 10
    let grid = FacetGrid(rows: 1, columns: columns, origin: (x: left, y: 8 + 24 + 8 + 22 + 2),
                         panelWidth: 300, panelHeight: 240, horizontalGap: 16)
    let bounds = grid.panelsBounds
    let xTitleLines = Double(textLines(figure.xAxisTitle).count)
    let footLines = Double(figure.footnote.map { textLines($0).count } ?? 0)
    let width = (bounds.maxX + 16).rounded(.up)
    let height = (bounds.maxY + 30 + (xTitleLines + footLines) * FontSize.title * 1.25 + 14).rounded(.up)
    let main = figure.mainX.filter(\.isFinite), broken = figure.brokenX.filter(\.isFinite)
    let slot = 44.0, breakGap = broken.isEmpty ? 0 : 16.0
    let mainLow = min(0, main.min() ?? 0), mainHigh = max(main.max() ?? 1, mainLow + 1)
    let span = mainHigh - mainLow

    var content: [SVGNode] = []
    for column in 0..<columns {
        let rect = grid.panel(row: 0, column: column)
        let yScale = LinearScale.vertical(domain: yDomain, top: rect.minY + 8, bottom: rect.maxY - 8, reversed: figure.reversedY)
        let mainEnd = rect.maxX - 10 - breakGap - slot * Double(broken.count)
        let xScale = LinearScale(domain: mainLow...(mainHigh + 0.04 * span), range: (rect.minX + 10)...mainEnd)
        func x(_ value: Double) -> Double? {
            if let k = broken.firstIndex(of: value) { return mainEnd + breakGap + slot * (Double(k) + 0.5) }
            return main.contains(value) || (mainLow...mainHigh).contains(value) ? xScale(value) : nil
        }
        let yAxis = Axis(.left, scale: yScale, ticks: yTicks)
        content.append(.element(yAxis.gridElement(plot: rect)))
        // Ticks at the data sizes: a linear segment, then one slot per broken-off value.
        var ticks: [SVGNode] = [.element(SVGElement("line", [("x1", num(rect.minX)), ("y1", num(rect.maxY)),
                                                             ("x2", num(broken.isEmpty ? rect.maxX : mainEnd + breakGap / 2 - 4)), ("y2", num(rect.maxY))]))]
        if !broken.isEmpty {
            ticks.append(.element(SVGElement("line", [("x1", num(mainEnd + breakGap / 2 + 4)), ("y1", num(rect.maxY)),
                                                      ("x2", num(rect.maxX)), ("y2", num(rect.maxY))])))
            for dx in [-4.0, 4.0] {
                let cx = mainEnd + breakGap / 2 + dx
                ticks.append(.element(SVGElement("line", [("class", "axis-break"), ("x1", num(cx - 3)), ("y1", num(rect.maxY + 5)),
                                                          ("x2", num(cx + 3)), ("y2", num(rect.maxY - 5))])))
            }
        }
        var labelEnds: [Double] = []
        for value in main + broken {
            guard let px = x(value) else { continue }
            ticks.append(.element(SVGElement("line", [("x1", num(px)), ("y1", num(rect.maxY)), ("x2", num(px)), ("y2", num(rect.maxY + 4))])))
            let text = figure.xTickLabels[value] ?? SVGNumber.label(value)
            // Close ticks (13 and 27) alternate to a second row rather than overlap.
            let half = estimatedTextWidth(text, fontSize: FontSize.tick) / 2
            let row = (labelEnds.last.map { px - half < $0 + 2 } ?? false) ? 1.0 : 0.0
            labelEnds.append(row == 0 ? px + half : (labelEnds.last ?? 0))
            ticks.append(.element(SVGElement("text", [("x", num(px)), ("y", num(rect.maxY + 6 + FontSize.tick + row * FontSize.tick)),
                                                      ("text-anchor", "middle"), ("stroke", "none"), ("fill", "currentColor")], text: text)))
        }
        content.append(.element(SVGElement("g", [("class", "axis x-axis"), ("stroke", "currentColor"), ("stroke-width", "1"),
                                                 ("font-size", num(FontSize.tick))], children: ticks)))
        if column == 0 { content.append(.element(yAxis.axisElement(plot: rect))) }
        guard column < figure.panels.count else { continue }
        let points = figure.panels[column].filter { $0.x.isFinite && $0.y.isFinite && x($0.x) != nil }
        var links: [SVGNode] = [], marks: [SVGNode] = []
        for value in Array(Set(points.map(\.x))).sorted() {
            let ys = points.filter { $0.x == value }.map { yScale($0.y) }
            guard let lo = ys.min(), let hi = ys.max(), hi > lo, let px = x(value) else { continue }
            links.append(.element(SVGElement("line", [("x1", num(px)), ("y1", num(lo)), ("x2", num(px)), ("y2", num(hi))])))
        }
        for point in points {
            let style = figure.colourGroups.indices.contains(point.colourGroup) ? figure.colourGroups[point.colourGroup]
                : GroupStyle(name: "", color: HexColor.fallback.hex, marker: .circle)
            var marker = point.shape.element(x: x(point.x)!, y: yScale(point.y), radius: 4.6)
                .with("fill", style.hexColor.hex).with("stroke", style.hexColor.hex)
            if let label = point.label { marker = marker.appending([.element(SVGElement("title", text: label))]) }
            marks.append(.element(marker))
        }
        content.append(.element(SVGElement("g", [("class", "links"), ("stroke", "currentColor"), ("stroke-opacity", "0.55"),
                                                 ("stroke-width", "1.2"), ("stroke-dasharray", "1.5 2.5")], children: links)))
        content.append(.element(SVGElement("g", [("class", "data"), ("fill-opacity", "0.85"), ("stroke-width", "0.8")], children: marks)))
    }
    var body: [SVGElement] = [SVGElement("g", [("class", "panels")], children: content), grid.framesElement(),
                              grid.stripsElement(rowLabels: [], columnLabels: figure.panelLabels),
                              Axis.titleElement(figure.yAxisTitle, edge: .left, at: 6 + titleBlock / 2, span: bounds.minY...bounds.maxY)]
    let xTitleY = bounds.maxY + 30 + xTitleLines * FontSize.title * 1.25 / 2
    body.append(Axis.titleElement(figure.xAxisTitle, edge: .bottom, at: xTitleY, span: bounds.minX...bounds.maxX))
    if let note = figure.footnote {
        body.append(multilineText(note, x: bounds.midX, y: xTitleY + (xTitleLines + footLines) * FontSize.title * 1.25 / 2 + 4,
                                  fontSize: FontSize.tick, extra: [("class", "footnote")]))
    }
    let legend = Legend(entries: figure.colourGroups.map { LegendEntry(name: $0.name, shape: .circle, color: $0.hexColor) }
                        + figure.shapes.map { LegendEntry(name: $0.name, shape: $0.shape, color: nil, hollow: true) })
    body.append(legend.element(x: grid.origin.x, y: 8 + 12))
    return SVGDocument(id: figure.id, width: width, height: height, title: figure.title,
                       description: figure.description, body: body).serialized()
}
