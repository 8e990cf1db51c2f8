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
        let places = max(0, min(decimals, 9))
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
        let fractionInt = Int64(fraction)
        if wholeInt == 0 && fractionInt == 0 { return "0" }
        var digits = String(fractionInt)
        digits = String(repeating: "0", count: places - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        let sign = clamped < 0 ? "-" : ""
        return digits.isEmpty ? "\(sign)\(wholeInt)" : "\(sign)\(wholeInt).\(digits)"
    }
}
