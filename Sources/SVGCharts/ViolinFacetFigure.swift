/// Input model of the Figure-1 family of charts (Fig. 1a/1b, A1a/A1b):
/// a grid of panels, each showing one violin per group (model family) with
/// that group's points, a summary diamond with error bar, a dotted line
/// joining the summaries, and a significance annotation.
///
/// Every number here is computed by the caller (densities, means, SEs);
/// the chart only lays them out, so the figure can never disagree with the
/// tables built from the same values.
public struct ViolinFacetFigure: Sendable {
    /// Base for element ids (`<title id="…-title">` etc.), e.g. "fig1a".
    public var id: String
    /// Short name, rendered as `<title>`.
    public var title: String
    /// A sentence generated from the values, rendered as `<desc>` — what a
    /// screen-reader user gets instead of the picture.
    public var description: String
    /// Labels of the panel rows (right-hand strips), e.g. framings.
    public var rowLabels: [String]
    /// Labels of the panel columns (top strips), e.g. value categories.
    public var columnLabels: [String]
    /// May contain "\n" for a second line (rendered as tspans).
    public var yAxisTitle: String
    /// Values shown on the y axis; the caller pads it as it sees fit.
    public var yDomain: ClosedRange<Double>
    /// `true` puts small values at the top (rank 1 = best on top).
    public var reversedY: Bool
    /// Explicit y ticks; `nil` = nice ticks chosen from `yDomain`.
    public var yTicks: [Double]?
    /// Order, colour and marker of the groups inside every panel; also the legend.
    public var groups: [GroupStyle]
    public var pointStyle: PointStyle
    /// Legend text for the summary diamond (e.g. "Family mean ± SE"); `nil` omits it.
    public var summaryLegendLabel: String?
    /// `panels[row][column]`.
    public var panels: [[ViolinPanel]]

    public init(id: String, title: String, description: String, rowLabels: [String], columnLabels: [String],
                yAxisTitle: String, yDomain: ClosedRange<Double>, reversedY: Bool, yTicks: [Double]? = nil,
                groups: [GroupStyle], pointStyle: PointStyle, summaryLegendLabel: String? = nil,
                panels: [[ViolinPanel]]) {
        self.id = id; self.title = title; self.description = description
        self.rowLabels = rowLabels; self.columnLabels = columnLabels
        self.yAxisTitle = yAxisTitle; self.yDomain = yDomain; self.reversedY = reversedY; self.yTicks = yTicks
        self.groups = groups; self.pointStyle = pointStyle; self.summaryLegendLabel = summaryLegendLabel
        self.panels = panels
    }
}

/// How a group looks: name (legend, x-axis label), colour and marker shape.
public struct GroupStyle: Sendable {
    public var name: String
    /// Hex colour from the caller; invalid values render as `HexColor.fallback`.
    public var color: String
    public var marker: MarkerShape

    public init(name: String, color: String, marker: MarkerShape) {
        self.name = name; self.color = color; self.marker = marker
    }

    var hexColor: HexColor { HexColor.sanitized(color) }
}

/// How a group's points are drawn.
public enum PointStyle: Sendable {
    /// A few points (e.g. one per reward model), each with its error bar,
    /// spread evenly across the violin.
    case summaries
    /// Many raw points, small and translucent, in a beeswarm (no error bars).
    case beeswarm
}

/// One panel: the groups in `ViolinFacetFigure.groups` order and a
/// significance annotation ("**", "n.s.") shown above, between the groups.
public struct ViolinPanel: Sendable {
    public var groups: [ViolinGroup]
    public var annotation: String

    public init(groups: [ViolinGroup], annotation: String) {
        self.groups = groups; self.annotation = annotation
    }
}

/// One group inside a panel.
public struct ViolinGroup: Sendable {
    /// The density curve along the y axis. The violin's half-width is the
    /// density scaled so the widest violin in the whole figure fills its band
    /// (widths stay comparable across panels).
    public var density: [DensityPoint]
    public var points: [PointWithError]
    /// The group's summary (e.g. family mean ± SE), drawn as a diamond.
    public var summary: PointWithError

    public init(density: [DensityPoint], points: [PointWithError], summary: PointWithError) {
        self.density = density; self.points = points; self.summary = summary
    }
}

/// A density estimate at one value (computed by the caller).
public struct DensityPoint: Sendable, Equatable {
    public var value: Double
    public var density: Double

    public init(value: Double, density: Double) {
        self.value = value; self.density = density
    }
}

/// A value with an optional interval (error bar) and an optional label
/// shown as a tooltip (`<title>`) on the point.
public struct PointWithError: Sendable, Equatable {
    public var value: Double
    public var lower: Double?
    public var upper: Double?
    public var label: String?

    public init(value: Double, lower: Double? = nil, upper: Double? = nil, label: String? = nil) {
        self.value = value; self.lower = lower; self.upper = upper; self.label = label
    }
}
