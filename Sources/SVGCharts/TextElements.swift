/// Text helpers. Text is the only place data strings enter a figure, and it
/// always goes through `SVGElement` text nodes (escaped on output).
enum TextAnchor: String { case start, middle, end }

/// Font sizes shared by every chart so figures on one page match.
enum FontSize {
    static let tick = 11.0
    static let label = 12.0
    static let title = 12.0
    static let annotation = 13.0
}

/// A `<text>` that may span several lines (`\n` in `text`), one `<tspan>`
/// per line, vertically centred on `y` (or on `x` after rotation).
///
/// Axis titles like "Median rank\n#1 = best, #263 = worst" need two lines;
/// SVG 1.1 has no line wrapping, hence explicit tspans.
func multilineText(_ text: String, x: Double, y: Double, fontSize: Double,
                   anchor: TextAnchor = .middle, rotateDegrees: Double? = nil,
                   extra: [(String, String)] = []) -> SVGElement {
    let lines = textLines(text)
    let lineHeight = fontSize * 1.25
    var attributes: [(String, String)] = []
    // When rotated, place the text at the origin of a rotated frame.
    let (tx, ty) = rotateDegrees == nil ? (x, y) : (0.0, 0.0)
    if let angle = rotateDegrees {
        attributes.append(("transform", "translate(\(num(x)),\(num(y))) rotate(\(num(angle)))"))
    }
    attributes += [("text-anchor", anchor.rawValue), ("font-size", num(fontSize)), ("fill", "currentColor")]
    attributes += extra
    if lines.count == 1 {
        return SVGElement("text", attributes + [("x", num(tx)), ("y", num(ty + fontSize * 0.35))], text: text)
    }
    let firstBaseline = ty - lineHeight * Double(lines.count - 1) / 2 + fontSize * 0.35
    let spans: [SVGNode] = lines.enumerated().map { index, line in
        .element(SVGElement("tspan", [("x", num(tx)), ("y", num(firstBaseline + lineHeight * Double(index)))], text: line))
    }
    return SVGElement("text", attributes, children: spans)
}

/// Rough rendered width of `text` in a sans-serif font, for layout decisions
/// (we cannot measure fonts without a renderer). Errs on the wide side.
func estimatedTextWidth(_ text: String, fontSize: Double) -> Double {
    let longest = textLines(text).map { $0.count }.max() ?? 0
    return Double(longest) * fontSize * 0.6
}

/// Splits on line breaks (`\n`, `\r\n`, `\r`), keeping empty lines.
func textLines(_ text: String) -> [String] {
    text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        .map(String.init)
}
