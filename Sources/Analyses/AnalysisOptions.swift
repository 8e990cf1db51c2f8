// Options that change numbers: the MFD2 column rule (Docs/Methods.md#mfd2-columns),
// the panel test behind the stars (#panel-tests), permutations and seed (#random-numbers).

import StudyData

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
