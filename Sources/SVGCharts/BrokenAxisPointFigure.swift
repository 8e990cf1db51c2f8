/// Input model for Fig. 4b-style point charts: one panel per strip label,
/// points at an x value (an amount of data) with colour = one grouping
/// (family) and shape = another (data source), a dotted vertical link
/// joining the points that share an x value (so the gap between families at
/// each data size is visible), and an x axis that breaks before values far
/// beyond the rest (the paper's GRM at 632k after BT runs of 13k–106k), so
/// the small sizes are not crowded together.
public struct BrokenAxisPointFigure: Sendable {
    public var id: String
    public var title: String
    /// Generated sentence for `<desc>`.
    public var description: String
    public var panelLabels: [String]
    public var xAxisTitle: String
    /// x values drawn on the linear part of the axis (ticks at each of them).
    public var mainX: [Double]
    /// x values drawn after the break, each in its own slot.
    public var brokenX: [Double]
    /// Tick label per x value; missing entries print the value.
    public var xTickLabels: [Double: String]
    /// May contain "\n".
    public var yAxisTitle: String
    public var yDomain: ClosedRange<Double>
    public var reversedY: Bool
    /// Colour groups (legend: filled circles); a point's `colourGroup` is an index into this list.
    public var colourGroups: [GroupStyle]
    /// Shape groups (legend: shapes in ink colour).
    public var shapes: [(name: String, shape: MarkerShape)]
    public var panels: [[BrokenAxisPoint]]
    /// A line under the x-axis title (e.g. which points are the same data).
    public var footnote: String?

    public init(id: String, title: String, description: String, panelLabels: [String], xAxisTitle: String,
                mainX: [Double], brokenX: [Double], xTickLabels: [Double: String], yAxisTitle: String,
                yDomain: ClosedRange<Double>, reversedY: Bool, colourGroups: [GroupStyle],
                shapes: [(name: String, shape: MarkerShape)], panels: [[BrokenAxisPoint]], footnote: String? = nil) {
        self.id = id; self.title = title; self.description = description; self.panelLabels = panelLabels
        self.xAxisTitle = xAxisTitle; self.mainX = mainX; self.brokenX = brokenX; self.xTickLabels = xTickLabels
        self.yAxisTitle = yAxisTitle; self.yDomain = yDomain; self.reversedY = reversedY
        self.colourGroups = colourGroups; self.shapes = shapes; self.panels = panels; self.footnote = footnote
    }

    /// Same as `render(_:)`.
    public func svg() -> String { render(self) }

    /// Splits sorted distinct values where one is more than `factor` times
    /// the previous: those and everything after go beyond the break.
    public static func split(_ values: [Double], factor: Double = 2.5) -> (main: [Double], broken: [Double]) {
        let sorted = Array(Set(values.filter(\.isFinite))).sorted()
        guard let cut = sorted.indices.dropFirst().first(where: { sorted[$0] > factor * sorted[$0 - 1] && sorted[$0 - 1] > 0 }) else {
            return (sorted, [])
        }
        return (Array(sorted[..<cut]), Array(sorted[cut...]))
    }
}

/// One data point of a `BrokenAxisPointFigure`; `label` becomes a tooltip.
public struct BrokenAxisPoint: Sendable, Equatable {
    public var x: Double
    public var y: Double
    /// Index into the figure's `colourGroups` (an index outside it draws in `HexColor.fallback`).
    public var colourGroup: Int
    public var shape: MarkerShape
    public var label: String?
    public init(x: Double, y: Double, colourGroup: Int, shape: MarkerShape, label: String? = nil) {
        self.x = x; self.y = y; self.colourGroup = colourGroup; self.shape = shape; self.label = label
    }
}
