@testable import Analyses
@testable import SiteBuilder
import XCTest

/// The overview's robustness paragraph states exactly the values it is made from.
final class RobustnessNarrativeTests: XCTestCase {
    func headline(_ q: String, kind: QuantityKind, paperP: Double, significant: Int, of total: Int, largestP: Double) -> HeadlineRobustness {
        HeadlineRobustness(quantity: q, kind: kind, estimate: -19.8279, paperSpecification: .paperModel, paperP: paperP,
                           paperSignificant: paperP < 0.05, specifications: total, significantSpecifications: significant, largestP: largestP)
    }

    func section() -> RobustnessSection {
        let rm = RMLevelResult(nRms: 10, assignments: 210, exact: true, resamples: 0, terms: [], panels: [], cellMeans: [])
        var big2 = DictionaryRobustness(dictionary: "big2", columns: nil, rmLevel: rm, leaveOneOut: [], randomSlopes: nil)
        big2.headlines = [headline("familyLlama:categoryCommunion:framingnegative", kind: .term, paperP: 5e-15, significant: 2, of: 5, largestP: 0.0772),
                          headline("positive Agency", kind: .panel, paperP: 0.002, significant: 4, of: 4, largestP: 0.03),
                          headline("negative Agency", kind: .panel, paperP: 0.4, significant: 0, of: 4, largestP: 1)]
        big2.specifications = [
            SpecificationRow(quantity: "familyLlama:categoryCommunion:framingnegative", kind: .term, specification: .paperModel,
                             estimate: -19.8279, ciLow: -25, ciHigh: -15, statistic: -7.9, df: 1064, p: 5e-15, pAdjusted: 5e-15, correction: "none", significant: true),
            SpecificationRow(quantity: "familyLlama:categoryCommunion:framingnegative", kind: .term, specification: .rmLevelPermutation,
                             estimate: -19.8279, ciLow: nil, ciHigh: nil, statistic: nil, df: nil, p: 0.0762, pAdjusted: 0.0762, correction: "none", significant: false),
        ]
        return RobustnessSection(dictionaries: [big2])
    }

    /// The study's names, as its manifest gives them.
    let names = DictionaryNames(ordered: [("big2", "Big Two"), ("mfd2", "MFD2")], withColumnRules: ["mfd2"])
    let figure3 = Figure3Names(sourceFamily: "Llama", targetFamily: "Gemma", sources: "Llama 3 Instruct", targets: "Gemma 2 IT")

    func testParagraphStatesTheCountsAndNumbers() {
        let text = RobustnessNarrative.overview(section(), names: names, figure3: figure3)
        XCTAssertTrue(text.hasPrefix("Robustness: 2 of 3 headline quantities (1 three-way family term and 2 Fig. 1 panel differences, Big Two and MFD2 under both column rules)"), text)
        XCTAssertTrue(text.contains("One stays significant under every alternative specification: Big Two panel positive Agency (largest p = 0.0300)."), text)
        XCTAssertTrue(text.contains("The other 1 (1 of 1 significant three-way terms, 0 of 1 significant panel differences) are not significant under at least one specification that takes the reward model as the unit (their largest p from 0.0772 to 0.0772)."), text)
        XCTAssertTrue(text.hasSuffix("the Big Two three-way term (estimate -19.83) has p = 5.00e-15 (Random-intercept LMM (paper)), p = 0.0762 (RM-level exact permutation)."), text)
    }

    func testFigure3UnderEveryPromptIsStatedOnlyWithPairs() {
        var s = section()
        s.freedomVsLove = RobustnessFreedomLoveTests.section()
        let text = RobustnessNarrative.overview(s, names: names, figure3: figure3)
        XCTAssertTrue(text.hasSuffix(" Figure 3 under every prompt (SIMULATED log-prob tables): the mean MWLR of Freedom is above that of Love under all 2 positive prompts in 1 of 3 Llama × Gemma pairs."), text)
        s.freedomVsLove?.pairs = []
        s.freedomVsLove?.status = .missing
        XCTAssertFalse(RobustnessNarrative.overview(s, names: names, figure3: figure3).contains("Figure 3"), "nothing is claimed without tables")
    }

    /// The Fig. 3 pairs are named by the manifest's families, not by the study's.
    func testFigure3PairsAreNamedByTheManifestsFamilies() {
        var s = section()
        s.freedomVsLove = RobustnessFreedomLoveTests.section()
        let other = Figure3Names(sourceFamily: "Qwen", targetFamily: "Mistral", sources: "Qwen 2", targets: "Mistral 7B")
        let text = RobustnessNarrative.overview(s, names: names, figure3: other)
        XCTAssertTrue(text.hasSuffix("in 1 of 3 Qwen × Mistral pairs."), text)
        XCTAssertFalse(text.contains("Llama") || text.contains("Gemma"), text)
    }

    /// Names come from the manifest: a renamed dictionary is renamed in every sentence.
    func testNamesFollowTheManifest() {
        let renamed = DictionaryNames(ordered: [("big2", "Agentic nouns")], withColumnRules: [])
        let text = RobustnessNarrative.overview(section(), names: renamed, figure3: figure3)
        XCTAssertTrue(text.contains("Fig. 1 panel differences, Agentic nouns) are significant"), text)
        XCTAssertTrue(text.contains("Agentic nouns panel positive Agency"), text)
        XCTAssertTrue(text.contains("the Agentic nouns three-way term"), text)
        XCTAssertFalse(text.contains("Big Two"), text)
        XCTAssertEqual(names.robustnessTitle("mfd2_script"), "MFD2 (script rule)")
        XCTAssertEqual(names.robustnessTitle("mfd2"), "MFD2 (virtue rule)")
        XCTAssertEqual(names.robustnessTitle("big2"), "Big Two")
    }

    func testNoneHoldingIsSaid() {
        var s = section()
        s.dictionaries[0].headlines.remove(at: 1)
        XCTAssertTrue(RobustnessNarrative.overview(s, names: names, figure3: figure3).contains("None of them stays significant under every alternative specification."))
    }
}
