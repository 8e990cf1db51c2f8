/// Input model for split violins (e.g. Gemma vs Llama per category in one
/// panel): per category one violin whose left half is group A and right
/// half group B, each half's points dodged to its side, an optional summary
/// diamond per half, and a significance annotation above.
public struct SplitViolinFigure: Sendable {
    public var id: String
    public var title: String
    /// Generated sentence for `<desc>`.
    public var description: String
    public var yAxisTitle: String
    public var yDomain: ClosedRange<Double>
    public var reversedY: Bool
    public var yTicks: [Double]?
    /// Left-half group.
    public var groupA: GroupStyle
    /// Right-half group.
    public var groupB: GroupStyle
    public var categories: [SplitViolinCategory]

    public init(id: String, title: String, description: String, yAxisTitle: String, yDomain: ClosedRange<Double>,
                reversedY: Bool, yTicks: [Double]? = nil, groupA: GroupStyle, groupB: GroupStyle,
                categories: [SplitViolinCategory]) {
        self.id = id; self.title = title; self.description = description; self.yAxisTitle = yAxisTitle
        self.yDomain = yDomain; self.reversedY = reversedY; self.yTicks = yTicks
        self.groupA = groupA; self.groupB = groupB; self.categories = categories
    }
}

/// One category (x position) with its two halves and annotation.
public struct SplitViolinCategory: Sendable {
    public var label: String
    public var left: SplitViolinHalf
    public var right: SplitViolinHalf
    public var annotation: String

    public init(label: String, left: SplitViolinHalf, right: SplitViolinHalf, annotation: String) {
        self.label = label; self.left = left; self.right = right; self.annotation = annotation
    }
}

/// One half: density (scaled like `ViolinGroup.density`), points, optional summary.
public struct SplitViolinHalf: Sendable {
    public var density: [DensityPoint]
    public var points: [PointWithError]
    public var summary: PointWithError?

    public init(density: [DensityPoint], points: [PointWithError], summary: PointWithError? = nil) {
        self.density = density; self.points = points; self.summary = summary
    }
}

extension SplitViolinFigure {
    /// Same as `render(_:)`.
    public func svg() -> String { render(self) }
}

/// Renders a `SplitViolinFigure` as a standalone SVG document.
public func render(_ figure: SplitViolinFigure) -> String {
    let domain = ViolinFacetLayout.safeDomain(figure.yDomain)
    let ticks = (figure.yTicks ?? NiceTicks.values(in: domain, approximately: 5)).filter { $0.isFinite && domain.contains($0) }
    let tickWidth = ticks.map { estimatedTextWidth(SVGNumber.label($0), fontSize: FontSize.tick) }.max() ?? 0
    let titleBlock = Double(textLines(figure.yAxisTitle).count) * FontSize.title * 1.25
    let band = 180.0
    let count = max(1, figure.categories.count)
    let plot = Rect(x: 6 + titleBlock + 8 + tickWidth + 10, y: 8 + 24 + 10, width: band * Double(count), height: 260)
    let scale = LinearScale.vertical(domain: domain, top: plot.minY + 8, bottom: plot.maxY - 8, reversed: figure.reversedY)
    let axis = Axis(.left, scale: scale, ticks: ticks)
    let maxDensity = figure.categories.flatMap { $0.left.density + $0.right.density }
        .map(\.density).filter(\.isFinite).max() ?? 0
    let perDensity = maxDensity > 0 ? band * 0.4 / maxDensity : 0
    let legend = Legend(entries: [LegendEntry(name: figure.groupA.name + " (left)", shape: figure.groupA.marker, color: figure.groupA.hexColor),
                                  LegendEntry(name: figure.groupB.name + " (right)", shape: figure.groupB.marker, color: figure.groupB.hexColor)])
    let clipID = SVGDocument.sanitizedID(figure.id) + "-clip"

    var data: [SVGNode] = []
    var overlays: [SVGNode] = []
    var labels: [SVGNode] = []
    for (index, category) in figure.categories.enumerated() {
        let center = plot.minX + band * (Double(index) + 0.5)
        var topY = Double.infinity
        for (half, style, side) in [(category.left, figure.groupA, -1.0), (category.right, figure.groupB, 1.0)] {
            let color = style.hexColor.hex
            let curve = half.density.filter { $0.value.isFinite && $0.density.isFinite }.sorted { $0.value < $1.value }
            if curve.count >= 2 {
                let outline = curve.map { (center + side * max(0, $0.density) * perDensity, scale($0.value)) }
                let closing = [(center, scale(curve.last!.value)), (center, scale(curve.first!.value))]
                data.append(.element(SVGElement("polygon", [("points", pointList(outline + closing)), ("fill", color),
                                                            ("fill-opacity", "0.18"), ("stroke", color),
                                                            ("stroke-opacity", "0.7")])))
                topY = min(topY, curve.map { scale($0.value) }.min() ?? topY)
            }
            let usable = half.points.filter { $0.value.isFinite }
            let ys = usable.map { scale($0.value) }
            let offsets = Beeswarm.offsets(for: ys, radius: 1.8, maxOffset: band * 0.1)
            var markers: [SVGNode] = []
            for (i, point) in usable.enumerated() {
                var marker = style.marker.element(x: center + side * band * 0.2 + offsets[i], y: ys[i], radius: 2.2)
                if let label = point.label { marker = marker.appending([.element(SVGElement("title", text: label))]) }
                markers.append(.element(marker))
                topY = min(topY, ys[i])
            }
            data.append(.element(SVGElement("g", [("class", "points"), ("fill", color), ("fill-opacity", "0.5"),
                                                  ("stroke", "none")], children: markers)))
            if let summary = half.summary, summary.value.isFinite {
                let x = center + side * band * 0.06
                if let lower = summary.lower, let upper = summary.upper, lower.isFinite, upper.isFinite {
                    overlays.append(.element(ErrorBarMark(x: x, lowerY: scale(lower), upperY: scale(upper), capHalfWidth: 3)
                        .element().with("stroke", "currentColor").with("stroke-width", "1.4")))
                    topY = min(topY, scale(lower), scale(upper))
                }
                var diamond = MarkerShape.diamond.element(x: x, y: scale(summary.value), radius: 3.6)
                    .with("fill", "currentColor").with("class", "summary")
                if let label = summary.label { diamond = diamond.appending([.element(SVGElement("title", text: label))]) }
                overlays.append(.element(diamond))
            }
        }
        if !category.annotation.isEmpty {
            let y = min(max(topY.isFinite ? topY - 8 : plot.minY + 18, plot.minY + 16), plot.maxY - 4)
            overlays.append(.element(AnnotationMark(text: category.annotation, x: center, y: y).element()))
        }
        labels.append(.element(multilineText(category.label, x: center, y: plot.maxY + 16, fontSize: FontSize.label)))
    }
    let body: [SVGElement] = [
        SVGElement("defs", children: [.element(SVGElement("clipPath", [("id", clipID)],
                                                          children: [.element(SVGElement("rect", plot.attributes))]))]),
        axis.gridElement(plot: plot),
        SVGElement("g", [("class", "data"), ("clip-path", "url(#\(clipID))")], children: data),
        SVGElement("g", [("class", "summaries")], children: overlays),
        SVGElement("rect", plot.attributes + [("fill", "none"), ("stroke", "currentColor"), ("stroke-opacity", "0.35")]),
        axis.axisElement(plot: plot),
        SVGElement("g", [("class", "x-labels")], children: labels),
        Axis.titleElement(figure.yAxisTitle, edge: .left, at: 6 + titleBlock / 2, span: plot.minY...plot.maxY),
        legend.element(x: plot.minX, y: 8 + 12),
    ]
    // The legend names whole models; the figure grows to fit it rather than clip it.
    let width = max(plot.maxX + 16, plot.minX + legend.estimatedWidth + 16)
    return SVGDocument(id: figure.id, width: width.rounded(.up), height: (plot.maxY + 34).rounded(.up),
                       title: figure.title, description: figure.description, body: body).serialized()
}
