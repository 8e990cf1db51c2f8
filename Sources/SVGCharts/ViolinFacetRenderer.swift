/// Renders a `ViolinFacetFigure` as a standalone SVG document.
///
/// Layering, back to front: gridlines → violins → points/error bars →
/// connector and summary diamonds → annotation → frames, axes, strips,
/// labels, legend. Data marks are clipped to their panel so an out-of-domain
/// value cannot draw over neighbouring panels.
public func render(_ figure: ViolinFacetFigure) -> String {
    ViolinFacetLayout(figure).document().serialized()
}

extension ViolinFacetFigure {
    /// Same as `render(_:)`; returns the complete SVG document.
    public func svg() -> String { render(self) }
}

/// Pixel layout of one figure (internal; tests use the public output).
struct ViolinFacetLayout {
    let figure: ViolinFacetFigure
    let rows: Int
    let columns: Int
    let grid: FacetGrid
    let width: Double
    let height: Double
    let ticks: [Double]
    let titleCenterX: Double

    static let legendHeight = 24.0
    static let xLabelHeight = 26.0

    init(_ figure: ViolinFacetFigure) {
        self.figure = figure
        rows = max(1, figure.panels.count)
        columns = max(1, figure.panels.map(\.count).max() ?? 0, figure.columnLabels.count)
        let domain = ViolinFacetLayout.safeDomain(figure.yDomain)
        ticks = (figure.yTicks ?? NiceTicks.values(in: domain, approximately: 5))
            .filter { $0.isFinite && domain.contains($0) }
        let tickWidth = ticks.map { estimatedTextWidth(SVGNumber.label($0), fontSize: FontSize.tick) }.max() ?? 0
        let titleLines = Double(textLines(figure.yAxisTitle).count)
        let titleBlock = titleLines * FontSize.title * 1.25
        titleCenterX = 6 + titleBlock / 2
        let left = 6 + titleBlock + 8 + tickWidth + 10
        let panelWidth: Double = columns <= 2 ? 290 : (columns == 3 ? 230 : 180)
        let panelHeight = 250.0
        let top = 8 + ViolinFacetLayout.legendHeight + 8 + 22 + 2
        grid = FacetGrid(rows: rows, columns: columns, origin: (x: left, y: top),
                         panelWidth: panelWidth, panelHeight: panelHeight, verticalGap: 14)
        let bounds = grid.panelsBounds
        width = (bounds.maxX + 2 + grid.stripHeight + 8).rounded(.up)
        height = (bounds.maxY + ViolinFacetLayout.xLabelHeight + 6).rounded(.up)
    }

    /// A usable domain even if the caller passes NaN or infinities.
    static func safeDomain(_ domain: ClosedRange<Double>) -> ClosedRange<Double> {
        guard domain.lowerBound.isFinite, domain.upperBound.isFinite else { return 0...1 }
        return domain
    }

    var groupCount: Int { max(1, figure.groups.count, figure.panels.flatMap { $0 }.map(\.groups.count).max() ?? 0) }

    func yScale(for panel: Rect) -> LinearScale {
        // Inset so marks and tick labels at the domain ends stay off the frame.
        .vertical(domain: ViolinFacetLayout.safeDomain(figure.yDomain), top: panel.minY + 8, bottom: panel.maxY - 8,
                  reversed: figure.reversedY)
    }

    func bandWidth(_ panel: Rect) -> Double { panel.width / Double(groupCount) }

    func groupCenter(_ index: Int, in panel: Rect) -> Double {
        panel.minX + bandWidth(panel) * (Double(index) + 0.5)
    }

    func style(_ index: Int) -> GroupStyle {
        index < figure.groups.count ? figure.groups[index]
            : GroupStyle(name: "", color: HexColor.fallback.hex, marker: .circle)
    }

    /// Pixels per density unit: the widest violin of the figure fills 84 % of its band.
    var halfWidthPerDensity: Double {
        let maxDensity = figure.panels.flatMap { $0 }.flatMap(\.groups).flatMap(\.density)
            .map(\.density).filter(\.isFinite).max() ?? 0
        guard maxDensity > 0 else { return 0 }
        return bandWidth(grid.panel(row: 0, column: 0)) * 0.42 / maxDensity
    }

    func document() -> SVGDocument {
        let base = SVGDocument.sanitizedID(figure.id)
        var defs: [SVGNode] = []
        var body: [SVGElement] = []
        var panelsContent: [SVGNode] = []
        let perDensity = halfWidthPerDensity
        for row in 0..<rows {
            for column in 0..<columns {
                let rect = grid.panel(row: row, column: column)
                let scale = yScale(for: rect)
                let axis = Axis(.left, scale: scale, ticks: ticks)
                panelsContent.append(.element(axis.gridElement(plot: rect)))
                guard row < figure.panels.count, column < figure.panels[row].count else { continue }
                let clipID = "\(base)-clip-\(row)-\(column)"
                defs.append(.element(SVGElement("clipPath", [("id", clipID)],
                                                children: [.element(SVGElement("rect", rect.attributes))])))
                panelsContent.append(.element(panelElement(figure.panels[row][column], rect: rect, scale: scale,
                                                           perDensity: perDensity, clipID: clipID,
                                                           row: row, column: column)))
            }
        }
        if !defs.isEmpty { body.append(SVGElement("defs", children: defs)) }
        body.append(SVGElement("g", [("class", "panels")], children: panelsContent))
        body.append(grid.framesElement())
        body.append(contentsOf: axesElements())
        body.append(grid.stripsElement(rowLabels: figure.rowLabels, columnLabels: figure.columnLabels))
        body.append(groupLabelsElement())
        body.append(legend().element(x: grid.origin.x, y: 8 + ViolinFacetLayout.legendHeight / 2))
        return SVGDocument(id: figure.id, width: width, height: height, title: figure.title,
                           description: figure.description, body: body)
    }

    func axesElements() -> [SVGElement] {
        var out: [SVGElement] = []
        for row in 0..<rows {
            let rect = grid.panel(row: row, column: 0)
            out.append(Axis(.left, scale: yScale(for: rect), ticks: ticks).axisElement(plot: rect))
        }
        let bounds = grid.panelsBounds
        out.append(Axis.titleElement(figure.yAxisTitle, edge: .left, at: titleCenterX, span: bounds.minY...bounds.maxY))
        return out
    }

    func legend() -> Legend {
        var entries = figure.groups.map { LegendEntry(name: $0.name, shape: $0.marker, color: $0.hexColor) }
        if let label = figure.summaryLegendLabel {
            entries.append(LegendEntry(name: label, shape: .diamond, color: nil))
        }
        return Legend(entries: entries)
    }

    /// Group names under each bottom-row panel, each with its marker, so the
    /// x position of a family is labelled without relying on colour.
    func groupLabelsElement() -> SVGElement {
        var children: [SVGNode] = []
        for column in 0..<columns {
            let rect = grid.panel(row: rows - 1, column: column)
            for index in 0..<groupCount {
                let style = style(index)
                let textWidth = estimatedTextWidth(style.name, fontSize: FontSize.label)
                let start = groupCenter(index, in: rect) - (14 + textWidth) / 2
                let y = rect.maxY + 15
                let color = style.hexColor.hex
                children.append(.element(style.marker.element(x: start + 5, y: y - 0.5, radius: 4)
                    .with("fill", color).with("fill-opacity", "0.75").with("stroke", color)))
                children.append(.element(SVGElement("text", [("x", num(start + 14)), ("y", num(y + FontSize.label * 0.35)),
                                                             ("font-size", num(FontSize.label)), ("fill", "currentColor")],
                                                    text: style.name)))
            }
        }
        return SVGElement("g", [("class", "x-labels")], children: children)
    }

    func panelElement(_ panel: ViolinPanel, rect: Rect, scale: LinearScale, perDensity: Double, clipID: String,
                      row: Int, column: Int) -> SVGElement {
        var violins: [SVGNode] = []
        var points: [SVGNode] = []
        var summaries: [SVGNode] = []
        var summaryPositions: [(Double, Double)] = []
        var topY = Double.infinity
        let band = bandWidth(rect)
        for (index, group) in panel.groups.enumerated() {
            let style = style(index)
            let color = style.hexColor.hex
            let center = groupCenter(index, in: rect)
            if let violin = ViolinMark(density: group.density, centerX: center, halfWidthPerDensity: perDensity,
                                       yScale: scale).element() {
                violins.append(.element(violin.with("fill", color).with("fill-opacity", "0.18")
                    .with("stroke", color).with("stroke-opacity", "0.7").with("stroke-width", "1")))
                let maxDensity = group.density.map(\.density).filter(\.isFinite).max() ?? 0
                for point in group.density where point.value.isFinite && point.density > maxDensity * 0.02 {
                    topY = min(topY, scale(point.value))
                }
            }
            let placed = pointsElements(group.points, style: style, center: center, band: band, scale: scale)
            points += placed.nodes
            topY = min(topY, placed.topY)
            let summary = group.summary
            if summary.value.isFinite {
                let y = scale(summary.value)
                summaryPositions.append((center, y))
                if let bar = errorBar(summary, x: center, cap: 5, scale: scale) {
                    summaries.append(.element(bar.with("stroke", "currentColor").with("stroke-width", "1.6")))
                    topY = min(topY, scale(summary.lower ?? summary.value), scale(summary.upper ?? summary.value))
                }
                var diamond = MarkerShape.diamond.element(x: center, y: y, radius: 4.2)
                    .with("fill", "currentColor").with("stroke", "none").with("class", "summary")
                if let label = summary.label { diamond = diamond.appending([.element(SVGElement("title", text: label))]) }
                summaries.append(.element(diamond))
                topY = min(topY, y)
            }
        }
        var dataChildren = violins + points
        if let connector = ConnectorMark(points: summaryPositions).element() { dataChildren.append(.element(connector)) }
        dataChildren += summaries
        var children: [SVGNode] = [
            .element(SVGElement("g", [("class", "data"), ("clip-path", "url(#\(clipID))")], children: dataChildren)),
        ]
        if !panel.annotation.isEmpty {
            let count = max(1, panel.groups.count)
            let x = (groupCenter(0, in: rect) + groupCenter(count - 1, in: rect)) / 2
            let baseline = topY.isFinite ? topY - 8 : rect.minY + 18
            let y = min(max(baseline, rect.minY + 16), rect.maxY - 4)
            children.append(.element(AnnotationMark(text: panel.annotation, x: x, y: y).element()))
        }
        return SVGElement("g", [("class", "panel"), ("data-row", String(row)), ("data-column", String(column))],
                          children: children)
    }

    /// Error bar for a point with a finite interval, else `nil`.
    func errorBar(_ point: PointWithError, x: Double, cap: Double, scale: LinearScale) -> SVGElement? {
        guard let lower = point.lower, let upper = point.upper, lower.isFinite, upper.isFinite else { return nil }
        return ErrorBarMark(x: x, lowerY: scale(lower), upperY: scale(upper), capHalfWidth: cap).element()
    }

    /// The group's points: dodged with error bars (`.summaries`) or a
    /// beeswarm of small markers (`.beeswarm`). Returns the top-most pixel
    /// used, for placing the annotation.
    func pointsElements(_ points: [PointWithError], style: GroupStyle, center: Double, band: Double,
                        scale: LinearScale) -> (nodes: [SVGNode], topY: Double) {
        let color = style.hexColor.hex
        let usable = points.filter { $0.value.isFinite }
        var nodes: [SVGNode] = []
        var topY = Double.infinity
        let ys = usable.map { scale($0.value) }
        let radius: Double
        let offsets: [Double]
        switch figure.pointStyle {
        case .summaries:
            radius = 3.6
            offsets = Dodge.offsets(count: usable.count, maxOffset: band * 0.24, centerGap: 7)
        case .beeswarm:
            radius = 1.7
            offsets = Beeswarm.offsets(for: ys, radius: radius, maxOffset: band * 0.4)
        }
        for (index, point) in usable.enumerated() {
            let x = center + offsets[index]
            let y = ys[index]
            topY = min(topY, y)
            var children: [SVGNode] = []
            if figure.pointStyle == .summaries, let bar = errorBar(point, x: x, cap: 2.5, scale: scale) {
                children.append(.element(bar.with("stroke", color).with("stroke-opacity", "0.75").with("stroke-width", "1.1")))
                topY = min(topY, scale(point.lower ?? point.value), scale(point.upper ?? point.value))
            }
            var marker = style.marker.element(x: x, y: y, radius: radius)
            if let label = point.label { marker = marker.appending([.element(SVGElement("title", text: label))]) }
            if children.isEmpty {
                // A lone marker carries the class itself: a beeswarm has thousands, and a
                // wrapping group per point was a third of the reward-models page.
                nodes.append(.element(marker.with("class", "point")))
            } else {
                children.append(.element(marker))
                nodes.append(.element(SVGElement("g", [("class", "point")], children: children)))
            }
        }
        let opacity = figure.pointStyle == .beeswarm ? "0.45" : "0.6"
        let strokeOpacity = figure.pointStyle == .beeswarm ? "0" : "0.9"
        let group = SVGElement("g", [("class", "points"), ("fill", color), ("fill-opacity", opacity),
                                     ("stroke", color), ("stroke-opacity", strokeOpacity), ("stroke-width", "0.8")],
                               children: nodes)
        return ([.element(group)], topY)
    }
}
