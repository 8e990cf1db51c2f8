/// Significance stars as drawn on the study's figures.
public enum Significance {
    /// "***" for p < .001, "**" for p < .01, "*" for p < .05, otherwise "n.s."
    /// (also for NaN, so a failed test never looks significant).
    public static func stars(_ p: Double) -> String {
        if p < 0.001 { return "***" }
        if p < 0.01 { return "**" }
        if p < 0.05 { return "*" }
        return "n.s."
    }
}
