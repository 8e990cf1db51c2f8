import Analyses
import ArgumentParser
import SiteBuilder
import StudyData

// The enumerated option values: ArgumentParser parses them, rejects anything
// else with the list of valid values, and lists them (with what each means,
// where that is not obvious) in the help.

extension MFDColumns: ExpressibleByArgument {
    public static var allValueDescriptions: [String: String] {
        [MFDColumns.virtue.rawValue: "what the paper says",
         MFDColumns.script.rawValue: "what the study's script used"]
    }
}

extension PanelTest: ExpressibleByArgument {
    public static var allValueDescriptions: [String: String] {
        [PanelTest.permutation.rawValue: "the Welch t over --permutations random relabellings (what the paper's text describes)",
         PanelTest.welch.rawValue: "the ordinary Welch p-value (what the study's published figure shows)"]
    }
}

/// `mwlr --measure`: matched case-insensitively (`mwlr`, `MWLR`), as before
/// the option was typed; each value is listed with its formula.
extension ImplicitRewardMeasure: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }

    public static var allValueDescriptions: [String: String] {
        Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0.formula) })
    }
}

extension TokenTableFormat: ExpressibleByArgument {}
extension DiffFormat: ExpressibleByArgument {}
