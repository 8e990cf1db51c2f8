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
/// (we cannot measure fonts without a renderer). Errs on the wide side: each
/// printable ASCII character has its advance width in DejaVu Sans (what
/// `system-ui, sans-serif` resolves to on a Debian desktop, and wider than
/// Arial or Helvetica), so "Gemma" is not estimated as narrow as "Illil";
/// other characters count 0.7 em, and wide ones (CJK, emoji) a full em.
func estimatedTextWidth(_ text: String, fontSize: Double) -> Double {
    let longest = textLines(text).map { line in line.unicodeScalars.reduce(0.0) { $0 + emWidth($1) } }.max() ?? 0
    return longest * fontSize
}

/// Advance widths in em of the printable ASCII characters, U+0020 … U+007E (DejaVu Sans, rounded up).
private let asciiEmWidths: [Double] = [
    0.32, 0.41, 0.46, 0.84, 0.64, 0.95, 0.78, 0.28, 0.39, 0.39, 0.50, 0.84, 0.32, 0.37, 0.32, 0.34,   // space … /
    0.64, 0.64, 0.64, 0.64, 0.64, 0.64, 0.64, 0.64, 0.64, 0.64,                                       // 0 … 9
    0.34, 0.34, 0.84, 0.84, 0.84, 0.54, 1.00,                                                         // : ; < = > ? @
    0.69, 0.69, 0.70, 0.77, 0.64, 0.58, 0.78, 0.76, 0.30, 0.30, 0.66, 0.56, 0.87, 0.75, 0.79, 0.61,   // A … P
    0.79, 0.70, 0.64, 0.62, 0.74, 0.69, 0.99, 0.69, 0.62, 0.69,                                       // Q … Z
    0.39, 0.34, 0.39, 0.84, 0.50, 0.50,                                                               // [ \ ] ^ _ `
    0.62, 0.64, 0.55, 0.64, 0.62, 0.36, 0.64, 0.64, 0.28, 0.28, 0.58, 0.28, 0.98, 0.64, 0.62, 0.64,   // a … p
    0.64, 0.42, 0.53, 0.40, 0.64, 0.60, 0.82, 0.60, 0.60, 0.53,                                       // q … z
    0.64, 0.34, 0.64, 0.84,                                                                           // { | } ~
]

private func emWidth(_ scalar: Unicode.Scalar) -> Double {
    let v = scalar.value
    if v >= 0x20 && v <= 0x7E { return asciiEmWidths[Int(v - 0x20)] }
    if v < 0x20 || (0x7F...0x9F).contains(v) { return 0.6 }                 // controls are drawn escaped or as boxes
    switch v {
    case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
         0xFFE0...0xFFE6, 0x1F300...0x1FAFF, 0x20000...0x3FFFD:
        return 1.0
    default:
        return 0.7
    }
}

/// Splits on line breaks (`\n`, `\r\n`, `\r`), keeping empty lines.
func textLines(_ text: String) -> [String] {
    text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        .map(String.init)
}
