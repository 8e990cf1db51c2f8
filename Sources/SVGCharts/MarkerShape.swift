/// Point marker shapes. Groups (model families) differ by shape as well as
/// colour so the figure reads in greyscale and for colour-blind readers.
public enum MarkerShape: String, CaseIterable, Sendable {
    case circle, triangle, square, diamond

    /// A marker centred on (`x`, `y`) whose area is roughly that of a circle
    /// of `radius`, so shapes look equally heavy.
    public func element(x: Double, y: Double, radius r: Double) -> SVGElement {
        switch self {
        case .circle:
            return SVGElement("circle", [("cx", num(x)), ("cy", num(y)), ("r", num(r))])
        case .square:
            let half = r * 0.89
            return SVGElement("rect", [("x", num(x - half)), ("y", num(y - half)),
                                       ("width", num(2 * half)), ("height", num(2 * half))])
        case .triangle:
            let s = r * 1.35
            return polygon([(x, y - s), (x + s * 0.866, y + s * 0.5), (x - s * 0.866, y + s * 0.5)])
        case .diamond:
            let s = r * 1.25
            return polygon([(x, y - s), (x + s, y), (x, y + s), (x - s, y)])
        }
    }

    private func polygon(_ points: [(Double, Double)]) -> SVGElement {
        SVGElement("polygon", [("points", pointList(points))])
    }
}

/// `x,y x,y …` for `points=` attributes.
func pointList(_ points: [(Double, Double)]) -> String {
    // Appended into one string: a violin outline has hundreds of points.
    var out = ""
    for (i, point) in points.enumerated() {
        if i > 0 { out += " " }
        out += num(point.0)
        out += ","
        out += num(point.1)
    }
    return out
}
