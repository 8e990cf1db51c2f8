/// One legend entry: a marker (shape + colour) and a name.
public struct LegendEntry: Sendable {
    public var name: String
    public var shape: MarkerShape
    /// `nil` = currentColor (for "mean ± SE"-style keys drawn in ink colour).
    public var color: HexColor?
    /// Draw the marker as an outline (matches charts with open markers).
    public var hollow: Bool

    public init(name: String, shape: MarkerShape, color: HexColor?, hollow: Bool = false) {
        self.name = name; self.shape = shape; self.color = color; self.hollow = hollow
    }
}

/// A single-row legend. It is what makes families distinguishable without
/// relying on colour: each name sits next to its marker shape.
struct Legend {
    var entries: [LegendEntry]

    /// Horizontal width the legend will take (estimated).
    var estimatedWidth: Double {
        entries.reduce(0) { $0 + Legend.entryWidth($1) }
    }

    static func entryWidth(_ entry: LegendEntry) -> Double {
        18 + estimatedTextWidth(entry.name, fontSize: FontSize.label) + 14
    }

    /// Legend laid out from `x` with its vertical centre on `y`.
    func element(x: Double, y: Double) -> SVGElement {
        var cursor = x
        var children: [SVGNode] = []
        for entry in entries {
            let fill = entry.color?.hex ?? "currentColor"
            let marker = entry.hollow
                ? entry.shape.element(x: cursor + 7, y: y, radius: 4.2)
                    .with("fill", "none").with("stroke", fill).with("stroke-width", "1.8")
                : entry.shape.element(x: cursor + 7, y: y, radius: 5)
                    .with("fill", fill).with("fill-opacity", entry.color == nil ? "1" : "0.75")
                    .with("stroke", fill)
            children.append(.element(marker))
            children.append(.element(SVGElement("text", [("x", num(cursor + 18)), ("y", num(y + FontSize.label * 0.35)),
                                                         ("font-size", num(FontSize.label)), ("fill", "currentColor")],
                                                text: entry.name)))
            cursor += Legend.entryWidth(entry)
        }
        return SVGElement("g", [("class", "legend")], children: children)
    }
}
