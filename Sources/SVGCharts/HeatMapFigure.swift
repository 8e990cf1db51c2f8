/// Input model for a signed heat map (the Robustness page's Fig. 3 under
/// every prompt): rows shared by every panel, one panel per column group,
/// each cell coloured on a diverging scale centred at 0 and marked `+` or
/// `−` by its sign, so the sign reads without colour (greyscale, colour
/// blindness) and the colour adds the size.
public struct HeatMapFigure: Sendable {
    public var id: String
    public var title: String
    /// Generated sentence for `<desc>`.
    public var description: String
    /// Top to bottom, shared by every panel.
    public var rowLabels: [String]
    /// Stacked top to bottom.
    public var panels: [HeatMapPanel]
    /// What the colour shows, e.g. "MWLR(Freedom) − MWLR(Love)".
    public var colorTitle: String
    /// What `+` and `−` mean, e.g. "Freedom above Love".
    public var positiveMeaning: String
    public var negativeMeaning: String
    /// The colour scale; nil = symmetric over every panel's values, blue for +, red for −.
    public var scale: DivergingColorScale?

    public init(id: String, title: String, description: String, rowLabels: [String], panels: [HeatMapPanel],
                colorTitle: String, positiveMeaning: String, negativeMeaning: String, scale: DivergingColorScale? = nil) {
        self.id = id; self.title = title; self.description = description; self.rowLabels = rowLabels; self.panels = panels
        self.colorTitle = colorTitle; self.positiveMeaning = positiveMeaning; self.negativeMeaning = negativeMeaning; self.scale = scale
    }

    /// Same as `render(_:)`.
    public func svg() -> String { render(self) }

    /// The caller's scale, or one symmetric about 0 over every value shown.
    public var effectiveScale: DivergingColorScale {
        scale ?? DivergingColorScale(extent: DivergingColorScale.niceExtent(panels.flatMap { $0.cells.flatMap { $0.map(\.value) } }),
                                     negative: HexColor("#b2182b")!, neutral: HexColor("#f7f7f7")!, positive: HexColor("#2166ac")!)
    }
}

public struct HeatMapPanel: Sendable {
    public var title: String
    public var columnLabels: [String]
    /// `cells[row][column]`; a row shorter than the columns leaves the rest blank.
    public var cells: [[HeatMapCell]]
    public init(title: String, columnLabels: [String], cells: [[HeatMapCell]]) {
        self.title = title; self.columnLabels = columnLabels; self.cells = cells
    }
}

public struct HeatMapCell: Sendable, Equatable {
    public var value: Double
    /// Tooltip text (`<title>`): what the cell is and its numbers.
    public var note: String
    public init(value: Double, note: String) { self.value = value; self.note = note }
}

/// Renders a `HeatMapFigure` as a standalone SVG document.
public func render(_ figure: HeatMapFigure) -> String {
    let cell = 16.0, left = 10.0
    let scale = figure.effectiveScale
    let labelWidth = min(220, max(40, figure.rowLabels.map { estimatedTextWidth($0, fontSize: FontSize.tick) }.max() ?? 0))
    let gridX = left + labelWidth + 8
    let columns = Double(figure.panels.map(\.columnLabels.count).max() ?? 0)
    var body: [SVGElement] = []

    // Legend: a colour bar with its title and ticks, then what each mark means.
    let barWidth = 180.0, steps = 24
    var bar: [SVGNode] = []
    for k in 0..<steps {
        let v = -scale.extent + 2 * scale.extent * (Double(k) + 0.5) / Double(steps)
        bar.append(.element(SVGElement("rect", [("x", num(gridX + barWidth * Double(k) / Double(steps))), ("y", num(30)),
                                                ("width", num(barWidth / Double(steps) + 0.3)), ("height", num(10)),
                                                ("fill", (scale.color(v) ?? .fallback).hex)])))
    }
    for (v, anchor) in [(-scale.extent, TextAnchor.start), (0, .middle), (scale.extent, .end)] {
        let x = gridX + barWidth * (v + scale.extent) / (2 * scale.extent)
        bar.append(.element(SVGElement("line", [("x1", num(x)), ("y1", num(40)), ("x2", num(x)), ("y2", num(44)),
                                                ("stroke", "currentColor")])))
        bar.append(.element(SVGElement("text", [("x", num(x)), ("y", num(54)), ("text-anchor", anchor.rawValue),
                                                ("font-size", num(FontSize.tick)), ("fill", "currentColor")],
                                       text: (v > 0 ? "+" : "") + SVGNumber.label(v, maxDecimals: 4))))
    }
    bar.append(.element(SVGElement("text", [("x", num(gridX)), ("y", num(22)), ("font-size", num(FontSize.label)), ("fill", "currentColor")],
                                   text: figure.colorTitle)))
    let hasBlank = figure.panels.contains { $0.cells.contains { $0.contains { $0.value.isNaN } } }
    var keyX = gridX + barWidth + 24
    var keys: [SVGNode] = []
    for (mark, meaning) in [("+", figure.positiveMeaning), ("\u{2212}", figure.negativeMeaning)] + (hasBlank ? [("\u{00B7}", "no value")] : []) {
        keys.append(.element(SVGElement("text", [("x", num(keyX)), ("y", num(39)), ("font-size", num(FontSize.label)), ("font-weight", "700"),
                                                 ("fill", "currentColor")], text: mark)))
        keys.append(.element(SVGElement("text", [("x", num(keyX + 12)), ("y", num(39)), ("font-size", num(FontSize.label)),
                                                 ("fill", "currentColor")], text: meaning)))
        keyX += 12 + estimatedTextWidth(meaning, fontSize: FontSize.label) + 18
    }
    // The colour bar apart from the marks' key, which (as every legend) alternates mark and name.
    body.append(SVGElement("g", [("class", "color-scale")], children: bar))
    body.append(SVGElement("g", [("class", "legend")], children: keys))

    var y = 72.0
    var right = max(keyX, gridX + barWidth)
    for panel in figure.panels {
        body.append(multilineText(panel.title, x: gridX, y: y + 6, fontSize: FontSize.label, anchor: .start,
                                  extra: [("class", "panel-title"), ("font-weight", "600")]))
        let top = y + 18
        var labels: [SVGNode] = [], cells: [SVGNode] = []
        for (r, label) in figure.rowLabels.enumerated() {
            let cy = top + cell * (Double(r) + 0.5)
            labels.append(.element(SVGElement("text", [("x", num(gridX - 6)), ("y", num(cy + FontSize.tick * 0.35)), ("text-anchor", "end")],
                                              text: label)))
            let row = r < panel.cells.count ? panel.cells[r] : []
            for (c, value) in row.prefix(panel.columnLabels.count).enumerated() {
                let x = gridX + cell * Double(c)
                let fill = scale.color(value.value)
                let mark = value.value.isNaN ? "\u{00B7}" : value.value > 0 ? "+" : value.value < 0 ? "\u{2212}" : "0"
                let ink = fill.map { DivergingColorScale.brightness($0) < 0.55 ? "#ffffff" : "#1a1a1a" } ?? "currentColor"
                cells.append(.element(SVGElement("g", [("class", "cell")], children: [
                    .element(SVGElement("title", text: value.note)),
                    .element(SVGElement("rect", [("x", num(x)), ("y", num(top + cell * Double(r))), ("width", num(cell)), ("height", num(cell)),
                                                 ("fill", fill?.hex ?? "none"), ("stroke", "currentColor"), ("stroke-opacity", "0.25"),
                                                 ("stroke-width", "0.5")])),
                    .element(SVGElement("text", [("x", num(x + cell / 2)), ("y", num(top + cell * (Double(r) + 0.5) + FontSize.tick * 0.35)),
                                                 ("text-anchor", "middle"), ("font-size", num(FontSize.tick)), ("fill", ink)], text: mark)),
                ])))
            }
        }
        let bottom = top + cell * Double(figure.rowLabels.count)
        var columnLabels: [SVGNode] = []
        for (c, label) in panel.columnLabels.enumerated() {
            let x = gridX + cell * (Double(c) + 0.5)
            columnLabels.append(.element(SVGElement("text", [("transform", "translate(\(num(x + FontSize.tick * 0.35)),\(num(bottom + 6))) rotate(-90)"),
                                                             ("x", "0"), ("y", "0"), ("text-anchor", "end")], text: label)))
        }
        body.append(SVGElement("g", [("class", "row-labels"), ("font-size", num(FontSize.tick)), ("fill", "currentColor")], children: labels))
        body.append(SVGElement("g", [("class", "data")], children: cells))
        body.append(SVGElement("g", [("class", "column-labels"), ("font-size", num(FontSize.tick)), ("fill", "currentColor")], children: columnLabels))
        let labelDepth = panel.columnLabels.map { estimatedTextWidth($0, fontSize: FontSize.tick) }.max() ?? 0
        right = max(right, gridX + cell * columns, gridX + estimatedTextWidth(panel.title, fontSize: FontSize.label))
        y = bottom + 6 + labelDepth + 20
    }
    return SVGDocument(id: figure.id, width: (right + 16).rounded(.up), height: (y - 6).rounded(.up), title: figure.title,
                       description: figure.description, body: body).serialized()
}
