// Options that change numbers: the MFD2 column rule (Docs/Methods.md#mfd2-columns),
// the panel test behind the stars (#panel-tests), permutations and seed (#random-numbers).

/// Which MFD2 columns define the foundation categories.
///
/// The paper says it analyses virtue words; the study's script takes a
/// positional column range that mixes in four vice columns. Both are offered
/// so the published numbers and the described analysis can be compared.
public enum MFDColumns: String, Codable, CaseIterable, Sendable {
    case virtue
    case script
}

/// Which panel test supplies the significance stars in the figures.
/// Both tests are always computed and tabulated.
public enum PanelTest: String, Codable, CaseIterable, Sendable {
    case permutation
    case welch
}

/// Options that change numbers in the report. They are recorded in
/// `manifest.json` so two builds can be compared knowing what differed.
public struct AnalysisOptions: Codable, Equatable, Sendable {
    public var mfdColumns: MFDColumns
    public var panelTest: PanelTest
    public var permutations: Int
    public var seed: UInt64

    public init(mfdColumns: MFDColumns = .virtue, panelTest: PanelTest = .permutation,
                permutations: Int = 99_999, seed: UInt64 = 42) {
        self.mfdColumns = mfdColumns
        self.panelTest = panelTest
        self.permutations = permutations
        self.seed = seed
    }

    enum CodingKeys: String, CodingKey {
        case mfdColumns = "mfd_columns"
        case panelTest = "panel_test"
        case permutations
        case seed
    }
}
