import TestSupport
import XCTest
import Stats

final class WelchTestTests: XCTestCase {
    /// The four Figure 1 panels, against R t.test (the reference's t is Gemma − Llama).
    func testFigureOnePanelsMatchR() throws {
        let panels = try Fixtures.big2Reference.objects("panel_tests")
        XCTAssertEqual(panels.count, 4)
        for panel in panels {
            let category = panel["category"] as! String, framing = panel["prompt_framing"] as! String
            let gemma = try Fixtures.big2Panel(category: category, framing: framing, family: "Gemma")
            let llama = try Fixtures.big2Panel(category: category, framing: framing, family: "Llama")
            let result = WelchTest.test(gemma, llama)
            let label = "\(category)/\(framing)"
            XCTAssertEqual(result.nX, try panel.double("n_gemma").asInt, label)
            XCTAssertEqual(result.nY, try panel.double("n_llama").asInt, label)
            assertRelativelyClose(result.meanX, try panel.double("mean_gemma"), 1e-9, label)
            assertRelativelyClose(result.meanY, try panel.double("mean_llama"), 1e-9, label)
            assertRelativelyClose(result.t, try panel.double("t"), 1e-9, label)
            assertRelativelyClose(result.df, try panel.double("df"), 1e-9, label)
            assertRelativelyClose(result.p, try panel.double("p_welch"), 1e-6, label)
            // Bonferroni over the four panels reproduces the published figure's p and stars.
            let adjusted = min(result.p * 4, 1)
            assertRelativelyClose(adjusted, try panel.double("p_adj_upstream"), 1e-6, label)
            XCTAssertEqual(Significance.stars(adjusted).rawValue, panel["stars_upstream"] as? String, label)
        }
    }

    func testSmallSamplesMatchR() throws {
        let w = try Fixtures.statsReference.object("welch_small")
        let result = WelchTest.test(try w.doubles("x"), try w.doubles("y"))
        assertRelativelyClose(result.t, try w.double("t"), 1e-9)
        assertRelativelyClose(result.df, try w.double("df"), 1e-9)
        assertRelativelyClose(result.p, try w.double("p"), 1e-6)
        // Swapping the groups flips t and keeps df and p.
        let swapped = WelchTest.test(try w.doubles("y"), try w.doubles("x"))
        XCTAssertEqual(swapped.t, -result.t)
        XCTAssertEqual(swapped.df, result.df)
        XCTAssertEqual(swapped.p, result.p)
    }
}
