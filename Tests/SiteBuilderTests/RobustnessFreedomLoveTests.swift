@testable import Analyses
@testable import SiteBuilder
@testable import StudyData
import TestSupport
import XCTest

/// The R5 sentences and alt text state exactly the counts of the values they describe.
final class RobustnessFreedomLoveTests: XCTestCase {
    /// Three pairs, two positive and one negative prompt (the Fig. 3 prompt first).
    static func section() -> FreedomVsLoveSection {
        let prompts = [Prompt(key: "greatest_ever_one", text: "", framing: .positive), Prompt(key: "best_ever_one", text: "", framing: .positive),
                       Prompt(key: "worst_ever_one", text: "", framing: .negative)]
        func pair(_ label: String, _ values: [(Double, Double)]) -> FreedomVsLovePair {
            let rows = zip(prompts, values).map { p, v in
                FreedomVsLovePrompt(prompt: p.key, framing: p.framing.rawValue, freedomMwlr: v.0, loveMwlr: v.1, freedomMinusLove: v.0 - v.1,
                                    freedomTokens: 2, loveTokens: 3)
            }
            let positive = rows.filter { $0.framing == "positive" }, negative = rows.filter { $0.framing == "negative" }
            return FreedomVsLovePair(llamaModel: "meta-llama/" + label, gemmaModel: "google/gemma", label: label,
                                     positivePrompts: positive.count, positivePromptsFreedomAboveLove: positive.filter(\.freedomAboveLove).count,
                                     negativePrompts: negative.count, negativePromptsFreedomAboveLove: negative.filter(\.freedomAboveLove).count,
                                     perPrompt: rows)
        }
        let pairs = [pair("A", [(0.3, 0.1), (0.2, -0.1), (0.05, 0.2)]),
                     pair("B", [(0.1, 0.2), (0.4, 0.1), (0.3, 0.1)]),
                     pair("C", [(-0.2, 0.1), (0.1, 0.1), (0.2, 0.1)])]
        return FreedomVsLove.summarise(pairs, prompts: prompts, status: .ok, missing: [], figure3Prompt: "greatest_ever_one", simulated: true)
    }

    func testSummaryStatesTheCounts() {
        let s = Self.section()
        XCTAssertEqual(s.pairsFreedomAboveLoveUnderEveryPositivePrompt, 1)
        XCTAssertEqual(s.pairsFreedomAboveLoveUnderEveryNegativePrompt, 2)
        XCTAssertEqual(RobustnessFreedomLove.summary(s),
                       "SIMULATED tables: The mean MWLR of Freedom is above that of Love under every one of the 2 positive prompts in 1 of 3 pairs; in the other 2, under 0 to 1 of them. Under every one of the 1 negative prompts it is above in 2 of 3 pairs. Under the prompt of Fig. 3 (greatest_ever_one) it is above in 1 of 3 pairs.")
        var missing = s
        missing.pairs = []
        XCTAssertEqual(RobustnessFreedomLove.summary(missing), "", "no sentence without values")
    }

    func testAltTextCountsTheCellsAndRange() {
        let text = RobustnessFreedomLove.description(Self.section())
        XCTAssertEqual(text, "Heat map of 3 pairs by 2 positive and 1 negative prompts. Freedom scores above Love in 3 of 6 pair × positive-prompt cells and in 2 of 3 pair × negative-prompt cells; 1 of 3 pairs have Freedom above Love under every positive prompt. Differences range from -0.3000 to 0.3000.")
        let names = Figure3Names(sourceFamily: "Llama", targetFamily: "Gemma", sources: "Llama 3 Instruct", targets: "Gemma 2 IT")
        let svg = RobustnessFreedomLove.figure(Self.section(), id: "r5", names: names).svg()
        XCTAssertTrue(XMLScan(svg).isWellFormed)
        XCTAssertTrue(svg.contains("SIMULATED — Freedom vs Love"))
        XCTAssertEqual(svg.components(separatedBy: "class=\"cell\"").count - 1, 9, "3 pairs × 3 prompts")
    }
}
