/// A validated `#rgb` / `#rrggbb` colour.
///
/// Data colours come from the caller (a manifest a user edits), and an
/// attribute like `fill` accepts far more than colours (`url(...)` would
/// fetch a resource). Only plain hex passes; anything else falls back to a
/// neutral grey so a typo cannot break or inject into the figure.
public struct HexColor: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// Normalised lowercase `#rrggbb`.
    public let hex: String

    /// Neutral grey used when a caller's colour is invalid.
    public static let fallback = HexColor(unchecked: "#777777")

    /// `nil` unless `text` is `#` followed by exactly 3 or 6 hex digits
    /// (surrounding whitespace ignored).
    public init?(_ text: String) {
        let trimmed = text.trimmingSpaces()
        guard trimmed.hasPrefix("#") else { return nil }
        let digits = Array(trimmed.dropFirst().lowercased())
        guard digits.count == 3 || digits.count == 6,
              digits.allSatisfy({ $0.isASCII && $0.isHexDigit }) else { return nil }
        let full = digits.count == 3 ? digits.flatMap { [$0, $0] } : digits
        hex = "#" + String(full)
    }

    private init(unchecked: String) { hex = unchecked }

    /// The colour if valid, else `fallback` — for rendering, where a bad
    /// colour should degrade, not abort.
    public static func sanitized(_ text: String) -> HexColor {
        HexColor(text) ?? fallback
    }

    public var description: String { hex }
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
