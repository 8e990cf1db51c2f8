/// Input model for training-dynamics charts (Fig. 4/5-style): panels side
/// by side sharing a y axis, x = training checkpoint, one line with markers
/// per series. Series differ by colour *and* marker shape.
///
/// Values are computed by the caller; the chart only lays them out.
public struct LineFacetFigure: Sendable {
    /// Base for element ids.
    public var id: String
    public var title: String
    /// Generated sentence for `<desc>`.
    public var description: String
    /// Strip label above each panel.
    public var panelLabels: [String]
    public var xAxisTitle: String
    public var xDomain: ClosedRange<Double>
    /// Explicit x ticks (e.g. the checkpoints); `nil` = nice ticks.
    public var xTicks: [Double]?
    /// Labels for `xTicks`, one each (e.g. an ordinal axis of data sizes,
    /// "13k", …, "632k"); `nil` prints the tick values.
    public var xTickLabels: [String]? = nil
    /// May contain "\n".
    public var yAxisTitle: String
    public var yDomain: ClosedRange<Double>
    /// `true` puts small values on top (ranks).
    public var reversedY: Bool
    public var yTicks: [Double]?
    /// Order, colour, marker and legend name of the series.
    public var series: [GroupStyle]
    public var panels: [LinePanel]

    public init(id: String, title: String, description: String, panelLabels: [String], xAxisTitle: String,
                xDomain: ClosedRange<Double>, xTicks: [Double]? = nil, yAxisTitle: String,
                yDomain: ClosedRange<Double>, reversedY: Bool, yTicks: [Double]? = nil,
                series: [GroupStyle], panels: [LinePanel]) {
        self.id = id; self.title = title; self.description = description; self.panelLabels = panelLabels
        self.xAxisTitle = xAxisTitle; self.xDomain = xDomain; self.xTicks = xTicks
        self.yAxisTitle = yAxisTitle; self.yDomain = yDomain; self.reversedY = reversedY; self.yTicks = yTicks
        self.series = series; self.panels = panels
    }
}

/// One panel: one line per series, in `LineFacetFigure.series` order.
public struct LinePanel: Sendable {
    public var lines: [[LinePoint]]
    public init(lines: [[LinePoint]]) { self.lines = lines }
}

/// One observation on a line; `label` becomes a tooltip.
public struct LinePoint: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public var label: String?
    public init(x: Double, y: Double, label: String? = nil) { self.x = x; self.y = y; self.label = label }
}
