/// An axis on one edge of a plot: tick marks, tick labels, optional gridlines
/// across the plot, and a (possibly multi-line) title. One implementation for
/// both edges the figures use — the left y axis and the bottom x axis — so
/// they cannot drift apart in spacing or styling; `Edge` holds the only
/// differences (which way is "along", which side is outside, where labels sit).
///
/// Drawn in `currentColor` so the page's CSS (e.g. dark mode) recolours it;
/// gridlines are the same colour at low opacity so they stay subtle on any
/// background.
public struct Axis: Sendable {
    /// The plot edge the axis runs along.
    public enum Edge: Sendable {
        /// A y axis: ticks point left, labels right-aligned left of them, title rotated -90°.
        case left
        /// An x axis: ticks point down, labels centred under them, title centred below.
        case bottom
    }

    public var edge: Edge
    public var scale: LinearScale
    public var ticks: [Double]
    /// Text shown at each tick; defaults to `SVGNumber.label`.
    public var tickLabel: @Sendable (Double) -> String

    public init(_ edge: Edge, scale: LinearScale, ticks: [Double],
                tickLabel: @escaping @Sendable (Double) -> String = { SVGNumber.label($0) }) {
        self.edge = edge
        self.scale = scale
        self.ticks = ticks
        self.tickLabel = tickLabel
    }

    /// Axis line, ticks and labels along the edge of `plot`.
    func axisElement(plot: Rect) -> SVGElement {
        let base = edge.baseline(plot)
        let span = edge.span(plot)
        var children: [SVGNode] = [.element(edge.line(from: (span.start, base), to: (span.end, base)))]
        for tick in ticks {
            let at = scale(tick)
            // The tick runs outward from the axis line, 4 px long, drawn from the smaller coordinate.
            let outer = base + edge.outward * 4
            children.append(.element(edge.line(from: (at, min(base, outer)), to: (at, max(base, outer)))))
            let label = edge.labelPosition(at: at, plot: plot)
            children.append(.element(SVGElement("text", [("x", num(label.x)), ("y", num(label.y)),
                                                         ("text-anchor", label.anchor), ("stroke", "none"), ("fill", "currentColor")],
                                                text: tickLabel(tick))))
        }
        return SVGElement("g", [("class", edge.cssClass), ("stroke", "currentColor"), ("stroke-width", "1"),
                                ("font-size", num(FontSize.tick))], children: children)
    }

    /// Gridlines across `plot`, one per tick.
    func gridElement(plot: Rect) -> SVGElement {
        let lines: [SVGNode] = ticks.map { tick in
            let at = scale(tick), across = edge.crossSpan(plot)
            return .element(edge.line(from: (at, across.start), to: (at, across.end)))
        }
        return SVGElement("g", [("class", "grid"), ("stroke", "currentColor"), ("stroke-opacity", "0.12"),
                                ("stroke-width", "1")], children: lines)
    }

    /// The axis title centred on `span` (the extent along the axis) at
    /// `position` across it: for `.left` the x of its centre line (the title
    /// is rotated -90°), for `.bottom` the y of its middle.
    static func titleElement(_ title: String, edge: Edge, at position: Double, span: ClosedRange<Double>) -> SVGElement {
        let middle = (span.lowerBound + span.upperBound) / 2
        switch edge {
        case .left:
            return multilineText(title, x: position, y: middle, fontSize: FontSize.title,
                                 rotateDegrees: -90, extra: [("class", "axis-title")])
        case .bottom:
            return multilineText(title, x: middle, y: position, fontSize: FontSize.title, extra: [("class", "axis-title")])
        }
    }
}

extension Axis.Edge {
    var cssClass: String {
        switch self {
        case .left: return "axis y-axis"
        case .bottom: return "axis x-axis"
        }
    }

    /// The coordinate (x for `.left`, y for `.bottom`) of the axis line.
    func baseline(_ plot: Rect) -> Double {
        switch self {
        case .left: return plot.minX
        case .bottom: return plot.maxY
        }
    }

    /// Which way is outside the plot, in the across coordinate.
    var outward: Double {
        switch self {
        case .left: return -1
        case .bottom: return 1
        }
    }

    /// The plot's extent along the axis (y for `.left`, x for `.bottom`).
    func span(_ plot: Rect) -> (start: Double, end: Double) {
        switch self {
        case .left: return (plot.minY, plot.maxY)
        case .bottom: return (plot.minX, plot.maxX)
        }
    }

    /// The plot's extent across the axis, which gridlines cover.
    func crossSpan(_ plot: Rect) -> (start: Double, end: Double) {
        switch self {
        case .left: return (plot.minX, plot.maxX)
        case .bottom: return (plot.minY, plot.maxY)
        }
    }

    /// A `<line>` between two points given in axis coordinates (along the axis, across it).
    func line(from a: (along: Double, across: Double), to b: (along: Double, across: Double)) -> SVGElement {
        let (x1, y1, x2, y2) = switch self {
        case .left: (a.across, a.along, b.across, b.along)
        case .bottom: (a.along, a.across, b.along, b.across)
        }
        return SVGElement("line", [("x1", num(x1)), ("y1", num(y1)), ("x2", num(x2)), ("y2", num(y2))])
    }

    /// Where a tick label sits: 6 px outside the axis line, right-aligned and
    /// vertically centred on a y tick, centred one line below an x tick.
    func labelPosition(at position: Double, plot: Rect) -> (x: Double, y: Double, anchor: String) {
        switch self {
        case .left: return (plot.minX - 6, position + FontSize.tick * 0.35, "end")
        case .bottom: return (position, plot.maxY + 6 + FontSize.tick, "middle")
        }
    }
}
