/// A categorical predictor, coded for treatment contrasts.
///
/// The reference level is `levels[0]`; the analyses choose it from the study
/// manifest (e.g. family = Gemma), never from data order, so that the sign of
/// every coefficient is stable.
public struct Factor: Sendable {
    /// Variable name, used as the prefix of column names ("family" → "familyLlama").
    public var name: String
    /// Level labels; `levels[0]` is the reference level.
    public var levels: [String]
    /// One entry per observation, an index into `levels`.
    public var codes: [Int]

    public init(name: String, levels: [String], codes: [Int]) {
        self.name = name; self.levels = levels; self.codes = codes
    }
}
