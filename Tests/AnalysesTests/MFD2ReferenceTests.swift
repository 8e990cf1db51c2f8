import Analyses
import TestSupport
import XCTest

/// §2 MFD2 under both column rules against R/nlme references made by
/// Tests/Fixtures/reference/mfd2/make_mfd2_reference.R on the same data.
final class MFD2ReferenceTests: XCTestCase {
    func testVirtueColumns() async throws {
        let fixtureResults = try await Fixtures.results()
        let r = try XCTUnwrap(fixtureResults.rewardModels.result(for: "mfd2"))
        XCTAssertEqual(r.columns, .virtue)
        try check(r, variant: "virtue", words: 989)
    }

    func testScriptColumns() async throws {
        let fixtureResults = try await Fixtures.results()
        let r = try XCTUnwrap(fixtureResults.rewardModels.alternative(for: "mfd2"))
        XCTAssertEqual(r.columns, .script)
        try check(r, variant: "script", words: 1652)
    }

    private func check(_ r: DictionaryRankResult, variant: String, words: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let reference = try Fixtures.json("mfd2/mfd2_\(variant).json")
        XCTAssertEqual(r.answersRanked, words, file: file, line: line)
        XCTAssertEqual(double(reference["n_unique_answers_ranked"]), Double(words), file: file, line: line)
        let kept = reference["words_kept_per_category"] as! [String: Any]
        for c in r.answersPerCategory { XCTAssertEqual(Double(c.count), double(kept[c.category]), c.category, file: file, line: line) }
        XCTAssertEqual(r.categories, ["Authority", "Care", "Fairness", "Loyalty", "Sanctity"], file: file, line: line)

        let rows = try Fixtures.csvRows("mfd2/mfd2_\(variant)_median_ranks.csv")
        XCTAssertEqual(rows.count, 2700, file: file, line: line)
        XCTAssertEqual(r.medianRanks.count, 2700, file: file, line: line)
        var ours: [String: Double] = [:]
        for m in r.medianRanks { ours["\(m.rm)|\(m.category)|\(m.prompt)"] = m.medianRank }
        for row in rows {
            let key = "\(row["rm"]!)|\(row["category"]!)|\(row["prompt"]!)"
            XCTAssertEqual(ours[key], Double(row["median_rank"]!), "\(variant) \(key)", file: file, line: line)
        }

        assertMixedModel(r.mixedModel, exact: reference["lme_exact"] as! [String: Any], nlme: reference["lme"] as! [String: Any],
                         label: "MFD2 \(variant)", file: file, line: line)

        let panels = reference["panel_tests"] as! [[String: Any]]
        XCTAssertEqual(r.panels.count, 10, file: file, line: line)
        for t in panels {
            let o = r.panels.first { $0.category == t["category"] as? String && $0.framing.rawValue == t["framing"] as? String }!
            let label = "\(variant) \(o.framing) \(o.category)"
            assertRelativelyClose(o.welch.t, double(t["t"]), 1e-6, "\(label) t", file: file, line: line)
            assertRelativelyClose(o.welch.df, double(t["df"]), 1e-6, "\(label) df", file: file, line: line)
            assertRelativelyClose(o.welch.p, double(t["p_welch"]), 1e-6, "\(label) p", file: file, line: line)
            assertRelativelyClose(o.welch.pAdjusted, double(t["p_bonferroni"]), 1e-6, "\(label) p adjusted", file: file, line: line)
            XCTAssertEqual(o.welch.stars.rawValue, t["stars"] as? String, label, file: file, line: line)
            assertRelativelyClose(o.cohensD, double(t["d_avgvar"]), 1e-6, "\(label) d", file: file, line: line)
            assertRelativelyClose(o.cohensDPooled, double(t["d_pooled"]), 1e-6, "\(label) pooled d", file: file, line: line)
            XCTAssertEqual(o.bonferroniPanels, 10, file: file, line: line)
        }
        for t in reference["framing_summary"] as! [[String: Any]] {
            let o = r.framingSummary.first { $0.framing.rawValue == t["framing"] as? String }!
            assertRelativelyClose(o.mean, double(t["mean"]), 1e-9, "\(variant) framing mean", file: file, line: line)
            assertRelativelyClose(o.sd, double(t["sd"]), 1e-9, "\(variant) framing sd", file: file, line: line)
        }
    }
}
