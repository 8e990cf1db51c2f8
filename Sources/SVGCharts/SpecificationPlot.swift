/// A specification plot: the same quantity estimated under several
/// analyses, one row each — the estimate as a point with its confidence
/// interval, filled when the specification calls it significant, hollow
/// otherwise, and the p-value printed at the right. Rows are grouped by
/// quantity under a bold heading; each group may carry a dashed reference
/// line (0 for "no difference", or the full-data estimate for leave-one-out).
public struct SpecificationPlot: Sendable {
    public var id: String
    public var title: String
    /// Generated sentence for `<desc>`.
    public var description: String
    public var xAxisTitle: String
    public var groups: [SpecificationGroup]

    public init(id: String, title: String, description: String, xAxisTitle: String, groups: [SpecificationGroup]) {
        self.id = id; self.title = title; self.description = description; self.xAxisTitle = xAxisTitle; self.groups = groups
    }

    public func svg() -> String { render(self) }
}

public struct SpecificationGroup: Sendable, Equatable {
    public var heading: String
    /// Dashed vertical line over the group's rows; nil for none.
    public var reference: Double?
    public var rows: [SpecificationPlotRow]
    public init(heading: String, reference: Double?, rows: [SpecificationPlotRow]) {
        self.heading = heading; self.reference = reference; self.rows = rows
    }
}

public struct SpecificationPlotRow: Sendable, Equatable {
    public var label: String
    public var estimate: Double
    /// Interval ends; nil when the specification has no interval.
    public var low: Double?
    public var high: Double?
    public var filled: Bool
    /// Printed at the right, e.g. "p = .003".
    public var note: String
    public init(label: String, estimate: Double, low: Double?, high: Double?, filled: Bool, note: String) {
        self.label = label; self.estimate = estimate; self.low = low; self.high = high; self.filled = filled; self.note = note
    }
}

/// Renders a `SpecificationPlot` as a standalone SVG document.
public func render(_ figure: SpecificationPlot) -> String {
    let rowHeight = 18.0, headingHeight = 22.0
    let allLabels = figure.groups.flatMap { $0.rows.map(\.label) }
    let labelWidth = min(300, max(80, allLabels.map { estimatedTextWidth($0, fontSize: FontSize.tick) }.max() ?? 0))
    let noteWidth = max(60, figure.groups.flatMap { $0.rows.map { estimatedTextWidth($0.note, fontSize: FontSize.tick) } }.max() ?? 0)
    let contentHeight = figure.groups.reduce(0.0) { $0 + headingHeight + Double($1.rows.count) * rowHeight }
    let plot = Rect(x: 10 + labelWidth + 10, y: 10, width: 420, height: max(rowHeight, contentHeight) + 6)

    var values: [Double] = []
    for g in figure.groups {
        if let r = g.reference, r.isFinite { values.append(r) }
        for row in g.rows { values += [row.estimate, row.low, row.high].compactMap { $0 }.filter(\.isFinite) }
    }
    var lo = values.min() ?? 0, hi = values.max() ?? 1
    if lo == hi { lo -= 1; hi += 1 }
    let step = NiceTicks.step(span: hi - lo, approximately: 5)
    let domain = ((lo / step).rounded(.down) * step)...((hi / step).rounded(.up) * step)
    let scale = LinearScale(domain: domain, range: (plot.minX + 6)...(plot.maxX - 6))
    let axis = Axis(.bottom, scale: scale, ticks: NiceTicks.values(in: domain, approximately: 5))
    let xTitleLines = Double(textLines(figure.xAxisTitle).count)
    let width = (plot.maxX + 12 + noteWidth + 10).rounded(.up)
    let height = (plot.maxY + 24 + xTitleLines * FontSize.title * 1.25 + 10).rounded(.up)

    var body: [SVGElement] = [axis.gridElement(plot: plot)]
    var y = plot.minY
    for group in figure.groups {
        var children: [SVGNode] = [.element(SVGElement("text", [("x", num(10)), ("y", num(y + headingHeight * 0.7)),
                                                                 ("font-weight", "bold"), ("font-size", num(FontSize.label))],
                                                        text: group.heading))]
        let top = y + headingHeight
        y = top
        for row in group.rows {
            let cy = y + rowHeight / 2
            children.append(.element(SVGElement("text", [("x", num(plot.minX - 8)), ("y", num(cy + FontSize.tick * 0.35)),
                                                         ("text-anchor", "end"), ("font-size", num(FontSize.tick))], text: row.label)))
            var marks: [SVGNode] = []
            if let l = row.low, let h = row.high, l.isFinite, h.isFinite {
                marks.append(.element(SVGElement("line", [("x1", num(scale(l))), ("y1", num(cy)), ("x2", num(scale(h))), ("y2", num(cy)),
                                                          ("stroke", "currentColor"), ("stroke-width", "1.5")])))
            }
            if row.estimate.isFinite {
                let interval = row.low.flatMap { l in row.high.map { h in ", 95% CI \(SVGNumber.label(l, maxDecimals: 2)) to \(SVGNumber.label(h, maxDecimals: 2))" } } ?? ""
                marks.append(.element(SVGElement("circle", [("cx", num(scale(row.estimate))), ("cy", num(cy)), ("r", "4"),
                                                            ("fill", row.filled ? "currentColor" : "none"),
                                                            ("stroke", "currentColor"), ("stroke-width", "1.5")],
                                                 children: [.element(SVGElement("title", text: "\(group.heading) — \(row.label): \(SVGNumber.label(row.estimate, maxDecimals: 2))\(interval), \(row.note)"))])))
            }
            children.append(.element(SVGElement("g", [("class", row.filled ? "row significant" : "row")], children: marks)))
            children.append(.element(SVGElement("text", [("x", num(plot.maxX + 12)), ("y", num(cy + FontSize.tick * 0.35)),
                                                         ("font-size", num(FontSize.tick))], text: row.note)))
            y += rowHeight
        }
        if let r = group.reference, r.isFinite, domain.contains(r) {
            children.insert(.element(SVGElement("line", [("class", "reference"), ("x1", num(scale(r))), ("y1", num(top)),
                                                         ("x2", num(scale(r))), ("y2", num(y)), ("stroke", "currentColor"),
                                                         ("stroke-opacity", "0.6"), ("stroke-dasharray", "4 3")])), at: 1)
        }
        body.append(SVGElement("g", [("class", "group"), ("fill", "currentColor")], children: children))
    }
    body.append(axis.axisElement(plot: plot))
    let xTitleY = plot.maxY + 24 + xTitleLines * FontSize.title * 1.25 / 2
    body.append(Axis.titleElement(figure.xAxisTitle, edge: .bottom, at: xTitleY, span: plot.minX...plot.maxX))
    return SVGDocument(id: figure.id, width: width, height: height, title: figure.title,
                       description: figure.description, body: body).serialized()
}
