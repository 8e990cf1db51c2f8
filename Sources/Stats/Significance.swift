/// Significance stars as drawn on the study's figures.
public enum Significance {
    /// `***` for p < .001, `**` for p < .01, `*` for p < .05, otherwise `n.s.`
    /// (also for NaN, so a failed test never looks significant).
    public static func stars(_ p: Double) -> SignificanceStars {
        if p < 0.001 { return .three }
        if p < 0.01 { return .two }
        if p < 0.05 { return .one }
        return .notSignificant
    }
}

/// The four marks a p-value can earn; the raw value is what figures, pages
/// and `results.json` show.
public enum SignificanceStars: String, Codable, CaseIterable, Sendable {
    case three = "***"
    case two = "**"
    case one = "*"
    case notSignificant = "n.s."

    public var isSignificant: Bool { self != .notSignificant }
}
