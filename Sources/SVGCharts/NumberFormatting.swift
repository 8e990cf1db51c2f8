/// Number → text conversions used everywhere an SVG needs a number.
///
/// Why not `String(describing:)` or `String(format:)`? Output must be
/// byte-identical run to run and machine to machine, must never print
/// `-0.00`, `nan` or `inf` (which would make an SVG silently broken), and
/// must not depend on locale. Rounding is done on integers so the printed
/// digits are exactly the rounded value.
public enum SVGNumber {
    /// Largest magnitude printed; anything beyond is clamped. Keeps the
    /// integer arithmetic below safe and bounds absurd coordinates.
    static let limit = 1.0e12

    /// A coordinate or length: at most two decimals, trailing zeros trimmed
    /// (`12.5`, `100`, `-3.25`). Non-finite values print as `0` so a bad input
    /// produces a visibly wrong mark instead of an unparsable document.
    public static func coordinate(_ value: Double) -> String {
        fixed(value, decimals: 2)
    }

    /// A tick or value label for people: up to `maxDecimals` decimals,
    /// trailing zeros trimmed (`100`, `125`, `0.25`), and a typographic minus
    /// sign (U+2212) for negatives, as in printed figures.
    public static func label(_ value: Double, maxDecimals: Int = 6) -> String {
        let text = fixed(value, decimals: maxDecimals)
        if text.hasPrefix("-") { return "\u{2212}" + text.dropFirst() }
        return text
    }

    /// Rounds half away from zero to `decimals` places and prints without
    /// exponent; trailing zeros and a bare decimal point are removed.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "0" }
        var places = max(0, min(decimals, 9))
        let clamped = min(max(value, -limit), limit)
        var scale: Double = 1
        for _ in 0..<places { scale *= 10 }
        // Split into integer and fraction so that `clamped * scale` never
        // overflows Int even for the largest allowed magnitude.
        let magnitude = abs(clamped)
        var whole = magnitude.rounded(.towardZero)
        var fraction = ((magnitude - whole) * scale).rounded()
        if fraction >= scale { whole += 1; fraction -= scale }
        let wholeInt = Int64(whole)
        var fractionInt = Int64(fraction)
        if wholeInt == 0 && fractionInt == 0 { return "0" }
        // Trailing zeros removed by shortening the fraction, not the text:
        // a chart prints thousands of coordinates, so no Character-level edits.
        while places > 0 && fractionInt % 10 == 0 { fractionInt /= 10; places -= 1 }
        var text = clamped < 0 ? "-" : ""
        text += String(wholeInt)
        guard places > 0 else { return text }
        text += "."
        let digits = String(fractionInt)
        for _ in digits.utf8.count..<places { text += "0" }   // leading zeros of the fraction
        text += digits
        return text
    }
}
