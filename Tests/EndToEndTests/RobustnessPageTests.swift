import Analyses
import SiteBuilder
import Foundation
import XCTest

/// The Robustness page and `results.json`'s `robustness` as a reader and a script get them.
final class RobustnessPageTests: XCTestCase {
    func testResultsJSONHasTheRobustnessKeys() async throws {
        let data = try Data(contentsOf: await SiteFixture.site.appendingPathComponent("results.json"))
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let robustness = try XCTUnwrap(root["robustness"] as? [String: Any])
        XCTAssertEqual(Set(robustness.keys), ["big2", "mfd2", "mfd2_script", "freedom_vs_love"])
        // Fig. 3 under every prompt needs the log-prob tables: "missing", as §3 says, naming the files.
        let freedom = try XCTUnwrap(robustness["freedom_vs_love"] as? [String: Any])
        XCTAssertEqual(freedom["status"] as? String, "missing")
        XCTAssertEqual((freedom["missing"] as? [String])?.count, 10)
        XCTAssertEqual((freedom["pairs"] as? [Any])?.count, 0)
        XCTAssertEqual(freedom["pairs_freedom_above_love_under_every_positive_prompt"] as? Int, 0)
        for key in ["big2", "mfd2", "mfd2_script"] {
            let d = try XCTUnwrap(robustness[key] as? [String: Any], key)
            let rm = try XCTUnwrap(d["rm_level"] as? [String: Any], key)
            XCTAssertEqual(rm["n_rms"] as? Int, 10)
            XCTAssertEqual(rm["assignments"] as? Int, 210)
            XCTAssertEqual(rm["exact"] as? Bool, true)
            let term = try XCTUnwrap((rm["terms"] as? [[String: Any]])?.first, key)
            for k in ["term", "estimate", "t_student", "df_student", "p_student", "t_welch", "df_welch", "p_welch", "p_permutation", "per_rm"] {
                XCTAssertNotNil(term[k], "\(key) terms[].\(k)")
            }
            let panel = try XCTUnwrap((rm["panels"] as? [[String: Any]])?.first, key)
            for k in ["category", "framing", "difference", "welch", "permutation", "stars"] { XCTAssertNotNil(panel[k], "\(key) panels[].\(k)") }
            XCTAssertNotNil((panel["welch"] as? [String: Any])?["p_adjusted"])
            XCTAssertNotNil((panel["permutation"] as? [String: Any])?["p_adjusted"])
            let loo = try XCTUnwrap(d["leave_one_out"] as? [[String: Any]], key)
            XCTAssertEqual(loo.count, 64)
            let effect = try XCTUnwrap((loo[0]["fixed_effects"] as? [[String: Any]])?.first)
            for k in ["term", "estimate", "std_error", "df", "t", "p"] { XCTAssertNotNil(effect[k], "\(key) leave_one_out fixed_effects[].\(k)") }
            XCTAssertEqual(loo[0]["unit"] as? String, "rm")
        }
        let slopes = try XCTUnwrap((robustness["big2"] as? [String: Any])?["random_slopes"] as? [String: Any])
        for k in ["log_likelihood", "log_likelihood_random_intercept", "singular", "fixed_effects", "random_effects", "residual_sd", "likelihood_ratio"] {
            XCTAssertNotNil(slopes[k], "random_slopes.\(k)")
        }
        XCTAssertNotNil((slopes["random_effects"] as? [String: Any])?["correlations"])
        XCTAssertEqual((slopes["likelihood_ratio"] as? [String: Any])?["df"] as? Int, 9)
        XCTAssertNil((robustness["mfd2"] as? [String: Any])?["random_slopes"])
    }

    func testPageShowsEveryDictionaryAndTheOverviewStatesTheOutcome() async throws {
        let page = try await SiteFixture.text("robustness.html")
        for key in ["big2", "mfd2", "mfd2_script"] {
            XCTAssertTrue(page.contains("figure-robustness-\(key)-specifications"), key)
            XCTAssertTrue(page.contains("figure-robustness-\(key)-leave-one-out"), key)
        }
        XCTAssertTrue(page.contains("Barr, Levy, Scheepers &amp; Tily, 2013"))
        XCTAssertTrue(page.contains("pseudo-replication"))
        let index = try await SiteFixture.text("index.html")
        XCTAssertTrue(index.contains("Robustness: ") && index.contains("headline quantities"))
        XCTAssertTrue(index.contains("href=\"robustness.html\""))
    }

    /// R5 without log-prob tables: the section says what is missing and how to supply it, and shows no number.
    func testFigure3UnderEveryPromptWithoutTablesSaysWhatIsMissing() async throws {
        let page = try await SiteFixture.text("robustness.html")
        let r5 = try XCTUnwrap(page.components(separatedBy: "Fig. 3 under every prompt</h2>").dropFirst().first)
        let section = try XCTUnwrap(r5.components(separatedBy: "How it was computed").first)
        XCTAssertTrue(section.contains("Not computed in this build."))
        XCTAssertTrue(section.contains("meta-llama--Llama-3.2-1B-Instruct.csv"))
        XCTAssertTrue(section.contains("Oxford-HIPlab/iclr2026-lm-logprobs"))
        XCTAssertTrue(section.contains("backbone build --logprobs DIR"))
        XCTAssertTrue(section.contains("No number in this section is estimated"), "the page's other sections have numbers")
        XCTAssertFalse(section.contains("<svg"))
        let overview = try await SiteFixture.text("index.html")
        XCTAssertFalse(overview.contains("Figure 3 under every prompt"), "the overview claims nothing without tables")
    }

    /// R5 with the generated tables: heat map, table and downloads, labelled
    /// SIMULATED, and sentences that state the numbers of results.json.
    func testFigure3UnderEveryPromptWithTables() async throws {
        let site = try await SiteFixture.fullSite
        func text(_ f: String) throws -> String { try String(contentsOf: site.appendingPathComponent(f), encoding: .utf8) }
        let root = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: site.appendingPathComponent("results.json"))) as? [String: Any])
        let r5 = try XCTUnwrap((root["robustness"] as? [String: Any])?["freedom_vs_love"] as? [String: Any])
        XCTAssertEqual(r5["status"] as? String, "ok")
        XCTAssertEqual(r5["simulated"] as? Bool, true)
        let pairs = try XCTUnwrap(r5["pairs"] as? [[String: Any]])
        XCTAssertEqual(pairs.count, 21)
        for k in ["llama_model", "gemma_model", "positive_prompts", "positive_prompts_freedom_above_love", "per_prompt"] {
            XCTAssertNotNil(pairs[0][k], k)
        }
        let cell = try XCTUnwrap((pairs[0]["per_prompt"] as? [[String: Any]])?.first)
        for k in ["prompt", "framing", "freedom_mwlr", "love_mwlr"] { XCTAssertNotNil(cell[k], k) }
        let every = try XCTUnwrap(r5["pairs_freedom_above_love_under_every_positive_prompt"] as? Int)
        XCTAssertEqual(every, pairs.filter { ($0["positive_prompts_freedom_above_love"] as? Int) == 27 }.count)

        let page = try text("robustness.html")
        XCTAssertTrue(page.contains("figure-robustness-freedom-vs-love"))
        XCTAssertTrue(page.contains("under every one of the 27 positive prompts in \(every) of 21 pairs"))
        XCTAssertTrue(page.contains("robustness_freedom_vs_love_per_prompt.csv"))
        XCTAssertTrue(page.contains("robustness_freedom_vs_love_pairs.csv"))
        XCTAssertTrue(try text("figures/robustness-freedom-vs-love.svg").contains("-title\">SIMULATED — "))
        XCTAssertEqual(try text("downloads/robustness_freedom_vs_love_per_prompt.csv").utf8.filter { $0 == 10 }.count, 1 + 21 * 54)
        XCTAssertTrue(try text("index.html").contains("Figure 3 under every prompt (SIMULATED log-prob tables): the mean MWLR of Freedom is above that of Love under all 27 positive prompts in \(every) of 21 Llama × Gemma pairs."))
    }

    /// A manifest without a log-prob section: no R5 result, and the page (whose
    /// table of contents links the R5 heading) says why, and passes the site check.
    func testWithoutALogprobSectionThePageSaysWhy() async throws {
        var study = try await SiteFixture.study
        var results = try await SiteFixture.results
        study.manifest.logprobs = nil
        study.logprobs = nil
        results.logprobRanks = nil
        results.implicitRewards = nil
        results.robustness?.freedomVsLove = try FreedomVsLove.analyse(study)
        XCTAssertNil(results.robustness?.freedomVsLove)
        let out = try SiteFixture.temporaryFolder("no-logprobs").appendingPathComponent("site")
        _ = try await ReportBuilder.build(study: study, results: results, options: SiteFixture.options,
                                    locations: SiteLocations(content: SiteFixture.content, templates: SiteFixture.templates, output: out))
        let page = try String(contentsOf: out.appendingPathComponent("robustness.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("href=\"#fig-3-under-every-prompt\""))
        XCTAssertTrue(page.contains("neither Figure 3 nor this check of it is part of this report"))
    }
}
