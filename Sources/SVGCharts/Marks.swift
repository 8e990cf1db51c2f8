/// Data marks. Each takes already-computed values (renderers never compute
/// statistics) plus scales, and returns SVG elements.

/// A violin: the density curve mirrored around a centre line.
///
/// `halfWidthPerDensity` converts a density value to pixels; the caller
/// picks it once per figure so violin widths are comparable across panels.
struct ViolinMark {
    var density: [DensityPoint]
    var centerX: Double
    var halfWidthPerDensity: Double
    var yScale: LinearScale

    /// A closed polygon, or `nil` with fewer than two usable points.
    func element() -> SVGElement? {
        let curve = density.filter { $0.value.isFinite && $0.density.isFinite }
            .sorted { $0.value < $1.value }
        guard curve.count >= 2 else { return nil }
        let right = curve.map { (centerX + max(0, $0.density) * halfWidthPerDensity, yScale($0.value)) }
        let left = curve.reversed().map { (centerX - max(0, $0.density) * halfWidthPerDensity, yScale($0.value)) }
        return SVGElement("polygon", [("points", pointList(right + left))])
    }
}

/// A vertical error bar with short horizontal caps.
struct ErrorBarMark {
    var x: Double
    var lowerY: Double
    var upperY: Double
    var capHalfWidth: Double

    func element() -> SVGElement {
        let d = "M\(num(x)),\(num(lowerY))V\(num(upperY))"
            + "M\(num(x - capHalfWidth)),\(num(lowerY))H\(num(x + capHalfWidth))"
            + "M\(num(x - capHalfWidth)),\(num(upperY))H\(num(x + capHalfWidth))"
        return SVGElement("path", [("d", d), ("fill", "none")])
    }
}

/// A dotted line through summary positions (e.g. family means), which makes
/// the between-group difference visible at a glance.
struct ConnectorMark {
    var points: [(Double, Double)]

    func element() -> SVGElement? {
        guard points.count >= 2 else { return nil }
        return SVGElement("polyline", [("points", pointList(points)), ("fill", "none"),
                                       ("stroke", "currentColor"), ("stroke-width", "1.2"),
                                       ("stroke-dasharray", "2 3"), ("class", "connector")])
    }
}

/// Text placed centred at a position (significance stars, "n.s.").
struct AnnotationMark {
    var text: String
    var x: Double
    var y: Double

    func element() -> SVGElement {
        SVGElement("text", [("x", num(x)), ("y", num(y)), ("text-anchor", "middle"),
                            ("font-size", num(FontSize.annotation)), ("font-weight", "600"),
                            ("fill", "currentColor"), ("class", "annotation")], text: text)
    }
}
