import Foundation
import XCTest

/// The Robustness page and `results.json`'s `robustness` as a reader and a script get them.
final class RobustnessPageTests: XCTestCase {
    func testResultsJSONHasTheRobustnessKeys() throws {
        let data = try Data(contentsOf: SiteFixture.site.appendingPathComponent("results.json"))
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

    func testPageShowsEveryDictionaryAndTheOverviewStatesTheOutcome() throws {
        let page = try SiteFixture.text("robustness.html")
        for key in ["big2", "mfd2", "mfd2_script"] {
            XCTAssertTrue(page.contains("figure-robustness-\(key)-specifications"), key)
            XCTAssertTrue(page.contains("figure-robustness-\(key)-leave-one-out"), key)
        }
        XCTAssertTrue(page.contains("Barr, Levy, Scheepers &amp; Tily, 2013"))
        XCTAssertTrue(page.contains("pseudo-replication"))
        let index = try SiteFixture.text("index.html")
        XCTAssertTrue(index.contains("Robustness: ") && index.contains("headline quantities"))
        XCTAssertTrue(index.contains("href=\"robustness.html\""))
    }
}
