import TestSupport
import XCTest
import Stats

final class CohensDTests: XCTestCase {
    /// Per-panel d on the median-rank table (the reference's d is Llama − Gemma).
    func testPanelEffectSizesMatchR() throws {
        let entries = try Fixtures.big2Reference.objects("cohen_d").filter {
            $0["definition"] as? String == "panel_rank_results"
        }
        XCTAssertEqual(entries.count, 4)
        for entry in entries {
            let category = entry["category"] as! String, framing = entry["prompt_framing"] as! String
            let gemma = try Fixtures.big2Panel(category: category, framing: framing, family: "Gemma")
            let llama = try Fixtures.big2Panel(category: category, framing: framing, family: "Llama")
            let d = CohensD.compute(llama, gemma)
            assertRelativelyClose(d.averageVariance, try entry.double("d_avgvar"), 1e-9, "\(category)/\(framing)")
            assertRelativelyClose(d.pooled, try entry.double("d_pooled"), 1e-9, "\(category)/\(framing)")
        }
    }

    func testHandComputedExample() {
        // means 2 and 5; variances 1 and 4; n 3 and 3.
        let d = CohensD.compute([1, 2, 3], [3, 5, 7])
        assertRelativelyClose(d.averageVariance, -3 / (2.5).squareRoot(), 1e-15)
        assertRelativelyClose(d.pooled, -3 / (2.5).squareRoot(), 1e-15)  // equal n: both conventions agree
        let unequal = CohensD.compute([1, 2, 3], [3, 7])           // var 1 (n 3) and 8 (n 2)
        assertRelativelyClose(unequal.averageVariance, (2 - 5) / (4.5).squareRoot(), 1e-15)
        assertRelativelyClose(unequal.pooled, (2 - 5) / ((2 * 1 + 1 * 8) / 3.0).squareRoot(), 1e-15)
    }
}
