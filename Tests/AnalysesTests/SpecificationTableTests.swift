import Analyses
import Stats
import TestSupport
import XCTest

/// R4: every specification row restates the value it comes from, with a
/// t-based 95% interval, and the per-quantity summary counts them correctly.
final class SpecificationTableTests: XCTestCase {
    func testRowsRestateTheirSources() async throws {
        let fixtureResults = try await Fixtures.results()
        let robustness = try XCTUnwrap(fixtureResults.robustness)
        let big2 = try XCTUnwrap(robustness.result(for: "big2"))
        let model = fixtureResults.rewardModels.result(for: "big2")!
        let term = "familyLlama:categoryCommunion:framingnegative"
        let rows = big2.specifications.filter { $0.quantity == term }
        XCTAssertEqual(rows.map(\.specification.rawValue), ["Random-intercept LMM (paper)", "Maximal LMM (random slopes)", "RM-level Student t",
                                                   "RM-level Welch t", "RM-level exact permutation"])
        let paper = model.mixedModel.fixedEffects.first { $0.term == term }!
        XCTAssertEqual(rows[0].p, paper.p)
        XCTAssertEqual(rows[0].statistic, paper.t)
        let half = StudentT.twoSidedCritical(0.05, df: paper.df) * paper.standardError
        assertRelativelyClose(rows[0].ciLow!, paper.estimate - half, 1e-12, "CI low")
        assertRelativelyClose(rows[0].ciHigh!, paper.estimate + half, 1e-12, "CI high")
        let rm = big2.rmLevel.terms.first { $0.term == term }!
        XCTAssertEqual(rows[2].p, rm.pStudent); XCTAssertEqual(rows[3].p, rm.pWelch); XCTAssertEqual(rows[4].p, rm.pPermutation)
        XCTAssertNil(rows[4].ciLow)
        for row in big2.specifications {
            XCTAssertEqual(row.significant, row.pAdjusted < 0.05)
            if let lo = row.ciLow, let hi = row.ciHigh { XCTAssertTrue(lo < row.estimate && row.estimate < hi) }
        }
        // Panels: 4 specifications each, Bonferroni over the 4 panels.
        let panels = big2.specifications.filter { $0.kind == .panel }
        XCTAssertEqual(panels.count, 16)
        XCTAssertTrue(panels.allSatisfy { $0.correction == "Bonferroni over 4 panels" })
        let first = model.panels[0]
        XCTAssertEqual(panels[0].pAdjusted, first.welch.pAdjusted)
        XCTAssertEqual(panels[1].pAdjusted, first.permutation.pAdjusted)
        // Summary per quantity.
        XCTAssertEqual(big2.headlines.count, 5)
        let h = big2.headlines[0]
        XCTAssertEqual(h.quantity, term)
        XCTAssertEqual(h.specifications, 5)
        XCTAssertEqual(h.significantSpecifications, rows.filter(\.significant).count)
        XCTAssertEqual(h.largestP, rows.map(\.pAdjusted).max())
        // MFD2: four three-way terms (no maximal model) and ten panels.
        let mfd2 = try XCTUnwrap(robustness.result(for: "mfd2"))
        XCTAssertEqual(mfd2.headlines.filter { $0.kind == .term }.count, 4)
        XCTAssertEqual(mfd2.headlines.filter { $0.kind == .panel }.count, 10)
        XCTAssertEqual(mfd2.specifications.count, 4 * 4 + 10 * 4)
    }
}
