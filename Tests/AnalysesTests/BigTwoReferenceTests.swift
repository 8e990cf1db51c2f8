import Analyses
import TestSupport
import XCTest

/// §2 Big Two against the R/nlme reference computed on the same data
/// (Tests/Fixtures/reference/big2; provenance in its README.md).
final class BigTwoReferenceTests: XCTestCase {
    var reference: [String: Any] = [:]
    var result: DictionaryRankResult!

    override func setUp() async throws {
        reference = try Fixtures.json("big2/fig1_big2.json")
        let fixtureResults = try await Fixtures.results()
        result = try XCTUnwrap(fixtureResults.rewardModels.result(for: "big2"))
    }

    func testCountsMatchTheReference() throws {
        XCTAssertEqual(result.answersRanked, 263)
        XCTAssertEqual(result.answersNotInDictionary, ["discussion", "eagerness"])
        XCTAssertEqual(result.answersPerCategory.map(\.count), [104, 159])
        XCTAssertEqual(result.medianRanks.count, 1080)
    }

    func testEveryMedianRankEqualsTheReferenceExactly() throws {
        let rows = try Fixtures.csvRows("big2/fig1_big2_rank_results.csv")
        XCTAssertEqual(rows.count, 1080)
        var ours: [String: Double] = [:]
        for r in result.medianRanks { ours["\(r.rm)|\(r.category)|\(r.prompt)"] = r.medianRank }
        for row in rows {
            let key = "\(row["model_id"]!)|\(row["Category"]!)|\(row["prompt"]!)"
            XCTAssertEqual(ours[key], Double(row["sum_value"]!), key)
            let mine = result.medianRanks.first { "\($0.rm)|\($0.category)|\($0.prompt)" == key }
            XCTAssertEqual(mine?.framing.rawValue, row["prompt_framing"], key)
            XCTAssertEqual(mine?.family, row["base_model"], key)
        }
    }

    func testMixedModelMatchesR() throws {
        let model = result.mixedModel
        XCTAssertEqual(model.observations, 1080)
        XCTAssertEqual(model.groups, 10)
        let exact = try Fixtures.json("big2/big2_lme_exact.json")["lme_exact"] as! [String: Any]
        // The published run names factors base_model/Category/prompt_framing; ours family/category/framing.
        assertMixedModel(model, exact: exact, nlme: reference["lme"] as! [String: Any],
                         nlmeKeys: ("Value", "Std.Error", "DF", "t.value", "p.value"),
                         termName: { $0.replacingOccurrences(of: "base_model", with: "family")
                             .replacingOccurrences(of: "Category", with: "category")
                             .replacingOccurrences(of: "prompt_framing", with: "framing") },
                         label: "Big Two")
    }

    func testWelchPanelsAndEffectSizes() throws {
        let panels = reference["panel_tests"] as! [[String: Any]]
        let ds = (reference["cohen_d"] as! [[String: Any]]).filter { $0["definition"] as? String == "panel_rank_results" }
        XCTAssertEqual(result.panels.count, 4)
        for theirs in panels {
            let category = theirs["category"] as! String, framing = theirs["prompt_framing"] as! String
            let ours = result.panels.first { $0.category == category && $0.framing.rawValue == framing }!
            let label = "\(framing) \(category)"
            // Reference t is Gemma − Llama; ours is Llama − Gemma.
            assertRelativelyClose(ours.welch.t, -double(theirs["t"]), 1e-6, "\(label) t")
            assertRelativelyClose(ours.welch.df, double(theirs["df"]), 1e-6, "\(label) df")
            assertRelativelyClose(ours.welch.p, double(theirs["p_welch"]), 1e-6, "\(label) p")
            assertRelativelyClose(ours.welch.pAdjusted, double(theirs["p_adj_upstream"]), 1e-6, "\(label) p adjusted")
            XCTAssertEqual(ours.welch.stars.rawValue, theirs["stars_upstream"] as? String, label)
            XCTAssertEqual(ours.nFamily, 162); XCTAssertEqual(ours.nReference, 108)
            assertRelativelyClose(ours.meanFamily, double(theirs["mean_llama"]), 1e-9, "\(label) Llama mean")
            assertRelativelyClose(ours.meanReference, double(theirs["mean_gemma"]), 1e-9, "\(label) Gemma mean")
            let d = ds.first { $0["category"] as? String == category && $0["prompt_framing"] as? String == framing }!
            assertRelativelyClose(ours.cohensD, double(d["d_avgvar"]), 1e-6, "\(label) d")
            assertRelativelyClose(ours.cohensDPooled, double(d["d_pooled"]), 1e-6, "\(label) pooled d")
        }
        // The paper's "d = .40–.43" for the positive-framing panels.
        let positive = result.panels.filter { $0.framing == .positive }.map { abs($0.cohensD) }.sorted()
        XCTAssertEqual(positive.map { ($0 * 100).rounded() / 100 }, [0.40, 0.43])
    }

    /// Permutation p from 20,000 relabellings vs R's 9,999 (different draws):
    /// they agree within four combined Monte-Carlo standard errors.
    func testPermutationPValuesAgreeWithinMonteCarloError() throws {
        for theirs in reference["panel_tests"] as! [[String: Any]] {
            let category = theirs["category"] as! String, framing = theirs["prompt_framing"] as! String
            let ours = result.panels.first { $0.category == category && $0.framing.rawValue == framing }!.permutation
            let p = double(theirs["perm_p_plus1"]), rR = double(theirs["perm_R"])
            let se = (p * (1 - p) / rR + ours.p * (1 - ours.p) / Double(ours.resamples)).squareRoot()
            XCTAssertLessThanOrEqual(abs(ours.p - p), 4 * se + 1 / rR, "\(framing) \(category): \(ours.p) vs \(p)")
            XCTAssertEqual(ours.resamples, 20_000)
            XCTAssertEqual(ours.p, Double(1 + ours.extremeCount) / Double(ours.resamples + 1))
        }
    }

    func testSummariesMatchTheReference() throws {
        for theirs in reference["framing_summary"] as! [[String: Any]] {
            let ours = result.framingSummary.first { $0.framing.rawValue == theirs["prompt_framing"] as? String }!
            assertRelativelyClose(ours.mean, double(theirs["mean"]), 1e-9, "framing mean")
            assertRelativelyClose(ours.sd, double(theirs["sd"]), 1e-9, "framing sd")
            XCTAssertEqual(ours.n, 540)
        }
        for theirs in reference["avg_ranks"] as! [[String: Any]] {
            for family in ["Gemma", "Llama"] {
                let ours = result.averageRanks.first {
                    $0.framing.rawValue == theirs["prompt_framing"] as? String && $0.category == theirs["Category"] as? String && $0.family == family
                }!
                assertRelativelyClose(ours.averageRank, double(theirs[family]), 1e-9, "average rank \(family)")
                if family == "Llama" { assertRelativelyClose(ours.differenceFromReference, double(theirs["diff"]), 1e-9, "difference") }
            }
        }
        for theirs in reference["per_model_panel_means"] as! [[String: Any]] {
            let ours = result.rmPanelMeans.first {
                $0.rm == theirs["model_id"] as? String && $0.framing.rawValue == theirs["prompt_framing"] as? String && $0.category == theirs["Category"] as? String
            }!
            assertRelativelyClose(ours.mean, double(theirs["mean"]), 1e-9, "RM mean")
            assertRelativelyClose(ours.se, double(theirs["se"]), 1e-9, "RM SE")
            XCTAssertEqual(ours.n, 27)
        }
    }
}
