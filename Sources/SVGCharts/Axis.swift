/// A left-hand y axis: tick marks, tick labels, optional gridlines across the
/// plot, and a (possibly multi-line) rotated title.
///
/// Drawn in `currentColor` so the page's CSS (e.g. dark mode) recolours it;
/// gridlines are the same colour at low opacity so they stay subtle on any
/// background.
public struct YAxis: Sendable {
    public var scale: LinearScale
    public var ticks: [Double]
    /// Text shown at each tick; defaults to `SVGNumber.label`.
    public var tickLabel: @Sendable (Double) -> String

    public init(scale: LinearScale, ticks: [Double],
                tickLabel: @escaping @Sendable (Double) -> String = { SVGNumber.label($0) }) {
        self.scale = scale
        self.ticks = ticks
        self.tickLabel = tickLabel
    }

    /// Axis line, ticks and labels at the left edge of `plot`.
    func axisElement(plot: Rect) -> SVGElement {
        var children: [SVGNode] = [
            .element(SVGElement("line", [("x1", num(plot.minX)), ("y1", num(plot.minY)),
                                         ("x2", num(plot.minX)), ("y2", num(plot.maxY))])),
        ]
        for tick in ticks {
            let y = scale(tick)
            children.append(.element(SVGElement("line", [("x1", num(plot.minX - 4)), ("y1", num(y)),
                                                         ("x2", num(plot.minX)), ("y2", num(y))])))
            children.append(.element(SVGElement("text", [("x", num(plot.minX - 6)), ("y", num(y + FontSize.tick * 0.35)),
                                                         ("text-anchor", "end"), ("stroke", "none"), ("fill", "currentColor")],
                                                text: tickLabel(tick))))
        }
        return SVGElement("g", [("class", "axis y-axis"), ("stroke", "currentColor"), ("stroke-width", "1"),
                                ("font-size", num(FontSize.tick))], children: children)
    }

    /// Horizontal gridlines across `plot`, one per tick.
    func gridElement(plot: Rect) -> SVGElement {
        let lines: [SVGNode] = ticks.map { tick in
            let y = scale(tick)
            return .element(SVGElement("line", [("x1", num(plot.minX)), ("y1", num(y)),
                                                ("x2", num(plot.maxX)), ("y2", num(y))]))
        }
        return SVGElement("g", [("class", "grid"), ("stroke", "currentColor"), ("stroke-opacity", "0.12"),
                                ("stroke-width", "1")], children: lines)
    }

    /// The title rotated -90°, centred on the vertical middle of `span`,
    /// with its centre line at x = `x`.
    static func titleElement(_ title: String, x: Double, span: ClosedRange<Double>) -> SVGElement {
        multilineText(title, x: x, y: (span.lowerBound + span.upperBound) / 2, fontSize: FontSize.title,
                      rotateDegrees: -90, extra: [("class", "axis-title")])
    }
}

/// A bottom x axis: ticks and labels under `plot`, optional gridlines, and a
/// centred title below. Same colour rules as `YAxis`.
public struct XAxis: Sendable {
    public var scale: LinearScale
    public var ticks: [Double]
    public var tickLabel: @Sendable (Double) -> String

    public init(scale: LinearScale, ticks: [Double],
                tickLabel: @escaping @Sendable (Double) -> String = { SVGNumber.label($0) }) {
        self.scale = scale
        self.ticks = ticks
        self.tickLabel = tickLabel
    }

    /// Axis line, ticks and labels along the bottom edge of `plot`.
    func axisElement(plot: Rect) -> SVGElement {
        var children: [SVGNode] = [
            .element(SVGElement("line", [("x1", num(plot.minX)), ("y1", num(plot.maxY)),
                                         ("x2", num(plot.maxX)), ("y2", num(plot.maxY))])),
        ]
        for tick in ticks {
            let x = scale(tick)
            children.append(.element(SVGElement("line", [("x1", num(x)), ("y1", num(plot.maxY)),
                                                         ("x2", num(x)), ("y2", num(plot.maxY + 4))])))
            children.append(.element(SVGElement("text", [("x", num(x)), ("y", num(plot.maxY + 6 + FontSize.tick)),
                                                         ("text-anchor", "middle"), ("stroke", "none"), ("fill", "currentColor")],
                                                text: tickLabel(tick))))
        }
        return SVGElement("g", [("class", "axis x-axis"), ("stroke", "currentColor"), ("stroke-width", "1"),
                                ("font-size", num(FontSize.tick))], children: children)
    }

    /// Vertical gridlines across `plot`, one per tick.
    func gridElement(plot: Rect) -> SVGElement {
        let lines: [SVGNode] = ticks.map { tick in
            let x = scale(tick)
            return .element(SVGElement("line", [("x1", num(x)), ("y1", num(plot.minY)),
                                                ("x2", num(x)), ("y2", num(plot.maxY))]))
        }
        return SVGElement("g", [("class", "grid"), ("stroke", "currentColor"), ("stroke-opacity", "0.12"),
                                ("stroke-width", "1")], children: lines)
    }

    /// A (possibly multi-line) title centred under `span` at height `y`.
    static func titleElement(_ title: String, y: Double, span: ClosedRange<Double>) -> SVGElement {
        multilineText(title, x: (span.lowerBound + span.upperBound) / 2, y: y, fontSize: FontSize.title,
                      extra: [("class", "axis-title")])
    }
}
