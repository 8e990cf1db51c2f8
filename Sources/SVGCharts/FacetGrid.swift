/// Geometry of a rows × columns grid of equally sized panels, with strips
/// for the column labels (on top) and row labels (on the right), as in
/// ggplot's `facet_grid`.
///
/// Layout is computed once here so axes, marks and labels of every chart
/// agree on where each panel is.
public struct FacetGrid: Sendable {
    public var rows: Int
    public var columns: Int
    /// Top-left corner of the first panel (after column strip).
    public var origin: (x: Double, y: Double)
    public var panelWidth: Double
    public var panelHeight: Double
    public var horizontalGap: Double
    public var verticalGap: Double
    public var stripHeight: Double

    public init(rows: Int, columns: Int, origin: (x: Double, y: Double), panelWidth: Double, panelHeight: Double,
                horizontalGap: Double = 12, verticalGap: Double = 12, stripHeight: Double = 22) {
        self.rows = rows; self.columns = columns; self.origin = origin
        self.panelWidth = panelWidth; self.panelHeight = panelHeight
        self.horizontalGap = horizontalGap; self.verticalGap = verticalGap; self.stripHeight = stripHeight
    }

    /// Plotting area of panel (`row`, `column`).
    public func panel(row: Int, column: Int) -> Rect {
        Rect(x: origin.x + Double(column) * (panelWidth + horizontalGap),
             y: origin.y + Double(row) * (panelHeight + verticalGap),
             width: panelWidth, height: panelHeight)
    }

    /// Strip above the top panel of `column`.
    public func columnStrip(_ column: Int) -> Rect {
        let top = panel(row: 0, column: column)
        return Rect(x: top.minX, y: top.minY - stripHeight - 2, width: panelWidth, height: stripHeight)
    }

    /// Strip to the right of the last panel of `row`.
    public func rowStrip(_ row: Int) -> Rect {
        let last = panel(row: row, column: columns - 1)
        return Rect(x: last.maxX + 2, y: last.minY, width: stripHeight, height: panelHeight)
    }

    /// Bounding box of all panels (without strips).
    public var panelsBounds: Rect {
        let first = panel(row: 0, column: 0)
        let last = panel(row: rows - 1, column: columns - 1)
        return Rect(x: first.minX, y: first.minY, width: last.maxX - first.minX, height: last.maxY - first.minY)
    }

    /// Strip backgrounds and labels; the row labels read top-to-bottom.
    func stripsElement(rowLabels: [String], columnLabels: [String]) -> SVGElement {
        var children: [SVGNode] = []
        for column in 0..<columns {
            let strip = columnStrip(column)
            let label = column < columnLabels.count ? columnLabels[column] : ""
            children.append(.element(SVGElement("rect", strip.attributes + [("fill", "currentColor"), ("fill-opacity", "0.08")])))
            children.append(.element(multilineText(label, x: strip.midX, y: strip.midY, fontSize: FontSize.label,
                                                   extra: [("font-weight", "600")])))
        }
        // No row labels (a single row of panels): no row strips at all.
        for row in 0..<rows where !rowLabels.isEmpty {
            let strip = rowStrip(row)
            let label = row < rowLabels.count ? rowLabels[row] : ""
            children.append(.element(SVGElement("rect", strip.attributes + [("fill", "currentColor"), ("fill-opacity", "0.08")])))
            children.append(.element(multilineText(label, x: strip.midX, y: strip.midY, fontSize: FontSize.label,
                                                   rotateDegrees: 90, extra: [("font-weight", "600")])))
        }
        return SVGElement("g", [("class", "strips")], children: children)
    }

    /// A thin frame around each panel, so facets read as separate plots.
    func framesElement() -> SVGElement {
        var children: [SVGNode] = []
        for row in 0..<rows {
            for column in 0..<columns {
                children.append(.element(SVGElement("rect", panel(row: row, column: column).attributes)))
            }
        }
        return SVGElement("g", [("class", "frames"), ("fill", "none"), ("stroke", "currentColor"),
                                ("stroke-opacity", "0.35")], children: children)
    }
}
