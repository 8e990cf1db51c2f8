import Analyses
import Foundation
import SiteBuilder
import StudyData
import TestSupport
import XCTest

/// §3 pages end to end: the default content has no log-prob tables, so the
/// pages must say what is missing and how to rebuild, with `status: missing`
/// and no numbers; with the generated tables, every figure and table appears.
final class LogprobPagesTests: XCTestCase {
    static let tables = SiteFixture.logprobTables
    /// The shared site built with every optional input (`SiteFixture.fullSite`).
    static var withTables: URL { get async throws { try await SiteFixture.fullSite } }

    func testDefaultBuildSaysWhatIsMissingAndInventsNothing() async throws {
        let data = try Data(contentsOf: await SiteFixture.site.appendingPathComponent("results.json"))
        let root = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let ranks = try XCTUnwrap(root["logprob_ranks"] as? [String: Any])
        XCTAssertEqual(ranks["status"] as? String, "missing")
        XCTAssertEqual(ranks["missing"] as? [String], ["google--gemma-2-2b.csv", "meta-llama--Llama-3.2-3B.csv",
                                                       "google--gemma-2-2b-it.csv", "meta-llama--Llama-3.2-3B-Instruct.csv"])
        XCTAssertEqual((ranks["pairs"] as? [Any])?.count, 0)
        let rewards = try XCTUnwrap(root["implicit_rewards"] as? [String: Any])
        XCTAssertEqual(rewards["status"] as? String, "missing")
        XCTAssertEqual((rewards["missing"] as? [String])?.count, 10)
        XCTAssertEqual((rewards["tables"] as? [Any])?.count, 0)
        XCTAssertEqual((rewards["freedom_love"] as? [Any])?.count, 0)
        XCTAssertNil(rewards["simulation"])

        for page in ["logprobs.html", "implicit-rewards.html"] {
            let html = try await SiteFixture.text(page)
            XCTAssertTrue(html.contains("Not computed in this build."), page)
            XCTAssertTrue(html.contains("Oxford-HIPlab/iclr2026-lm-logprobs"), page)
            XCTAssertTrue(html.contains("backbone build --logprobs DIR"), page)
            XCTAssertTrue(html.contains("google--gemma-2-2b-it.csv"), page)
            XCTAssertFalse(html.contains("<svg"), "\(page): no figure without data")
        }
        let implicitPage = try await SiteFixture.text("implicit-rewards.html")
        XCTAssertTrue(implicitPage.contains("Table 1 needs <code>meta-llama--Llama-3.2-3B-Instruct.csv</code>"))
        let dataPage = try await SiteFixture.text("data.html")
        XCTAssertTrue(dataPage.contains("No log-prob table was read in this build"))
    }

    /// The fixture tables are generated (their folder holds SIMULATED.txt):
    /// every §3 figure, table and page says so, and so does results.json.
    func testGeneratedTablesAreLabelledSimulatedEverywhere() async throws {
        let site = try await Self.withTables
        func text(_ f: String) -> String { (try? String(contentsOf: site.appendingPathComponent(f), encoding: .utf8)) ?? "" }
        let root = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: site.appendingPathComponent("results.json"))) as? [String: Any])
        XCTAssertEqual((root["logprob_ranks"] as? [String: Any])?["simulated"] as? Bool, true)
        XCTAssertEqual((root["implicit_rewards"] as? [String: Any])?["simulated"] as? Bool, true)
        for page in ["logprobs.html", "implicit-rewards.html"] {
            let html = text(page)
            XCTAssertTrue(html.contains("<strong>SIMULATED DATA.</strong>"), page)
            let captions = html.components(separatedBy: "<figcaption>").dropFirst()
            XCTAssertFalse(captions.isEmpty, page)
            for c in captions { XCTAssertTrue(c.hasPrefix("<strong>") && c.contains(".</strong> SIMULATED — "), "\(page): \(c.prefix(80))") }
            let tableCaptions = html.components(separatedBy: "<caption>").dropFirst()
            for c in tableCaptions where !c.hasPrefix("The eight implicit-reward measures") {
                XCTAssertTrue(c.hasPrefix("SIMULATED — "), "\(page): \(c.prefix(80))")
            }
        }
        for figure in ["fig2a_positive", "fig2b_negative", "fig3"] {
            XCTAssertTrue(text("figures/\(figure).svg").contains("-title\">SIMULATED — "), figure)
        }
        XCTAssertTrue(text("data.html").contains("<strong>SIMULATED</strong> tables"))
        XCTAssertTrue(text("manifest.json").contains("(SIMULATED)"))
    }

    /// The same tables without the marker are not labelled (the label comes
    /// from the marker, not from guessing at the data).
    func testTablesWithoutTheMarkerAreNotLabelled() async throws {
        let copy = try SiteFixture.temporaryFolder("logprobs-unmarked").appendingPathComponent("tables")
        try FileManager.default.copyItem(at: Self.tables, to: copy)
        try FileManager.default.removeItem(at: copy.appendingPathComponent(LogprobLoader.simulatedMarker))
        let study = try await StudyLoader.load(folder: SiteFixture.content, logprobs: copy)
        XCTAssertEqual(study.logprobs?.simulated, false)
        // §3 alone: the label is decided there, so §2 and §4 need not run.
        let analysed = try await LogprobAnalyses.run(study)
        let sections = try XCTUnwrap(analysed)
        XCTAssertEqual(sections.ranks.simulated, false)
        XCTAssertEqual(sections.rewards.simulated, false)
        XCTAssertEqual(sections.ranks.pairs.count, 2)
    }

    /// `backbone generate-logprobs` marks its folder, so a build from it is labelled.
    func testTheGeneratorMarksItsFolder() async throws {
        let out = try SiteFixture.temporaryFolder("generated-logprobs")
        let process = Process()
        process.executableURL = try SiteFixture.backbone()
        process.arguments = ["generate-logprobs", "--out", out.path, "--rows-gemma", "300", "--rows-llama", "300",
                             "--content", SiteFixture.content.root.path]
        process.standardError = Pipe(); process.standardOutput = Pipe()
        try process.run(); process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        let marker = try String(contentsOf: out.appendingPathComponent(LogprobLoader.simulatedMarker), encoding: .utf8)
        XCTAssertTrue(marker.hasPrefix("SIMULATED"))
        let study = try await StudyLoader.load(folder: SiteFixture.content, logprobs: out)
        XCTAssertEqual(study.logprobs?.simulated, true)
        XCTAssertEqual(study.logprobs?.files.count, 12)
    }

    func testWithGeneratedTablesEveryFigureAndTableIsThere() async throws {
        let site = try await Self.withTables
        func text(_ f: String) -> String { (try? String(contentsOf: site.appendingPathComponent(f), encoding: .utf8)) ?? "" }
        let files = SiteFixture.allFiles(under: site)
        for figure in ["fig2a_positive", "fig2a_negative", "fig2b_positive", "fig2b_negative", "fig3"] {
            XCTAssertTrue(files.contains("figures/\(figure).svg"), figure)
            let scan = XMLScan(text("figures/\(figure).svg"))
            XCTAssertNil(scan.error, figure)
            XCTAssertFalse(text("figures/\(figure).svg").lowercased().contains("nan"), figure)
        }
        var linked = Set(SiteBuildTests.pages + ["style.css"])
        for page in SiteBuildTests.pages {
            let html = text(page)
            let scan = XMLScan(html)
            XCTAssertNil(scan.error, "\(page) well-formed")
            XCTAssertFalse(html.contains("Not computed in this build"), page)
            for link in scan.links {
                let file = String(link.split(separator: "#", omittingEmptySubsequences: false)[0])
                if !file.isEmpty { linked.insert(file) }
                if !file.isEmpty { XCTAssertTrue(files.contains(file), "\(page) → \(link)") }
            }
        }
        XCTAssertEqual(Set(files).subtracting(linked), [], "every file of the site is linked from a page")
        let implicit = text("implicit-rewards.html")
        XCTAssertTrue(implicit.contains("<td>Freedom</td><td class=\"num\">0.59022</td>"), "Table 1, rank 1")
        XCTAssertTrue(implicit.contains("␣Love"), "leading space made visible")
        XCTAssertTrue(implicit.contains("SIMULATION, not a model result"))
        XCTAssertTrue(text("logprobs.html").contains("category:valence:model"))
        XCTAssertTrue(text("data.html").contains("logprob_inputs.csv"))

        let root = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: site.appendingPathComponent("results.json"))) as? [String: Any])
        let ranks = try XCTUnwrap(root["logprob_ranks"] as? [String: Any])
        XCTAssertEqual(ranks["status"] as? String, "ok")
        let pair = try XCTUnwrap((ranks["pairs"] as? [[String: Any]])?.first)
        XCTAssertEqual(pair["model_a"] as? String, "google/gemma-2-2b")
        XCTAssertEqual(pair["model_b"] as? String, "meta-llama/Llama-3.2-3B")
        XCTAssertEqual(pair["nouns"] as? Int, 42)
        let anova = try XCTUnwrap(pair["anova"] as? [[String: Any]])
        XCTAssertEqual(Set(anova[0].keys), ["term", "sum_sq", "df", "F", "p"])
        XCTAssertEqual(anova.map { $0["term"] as? String }, ["category", "valence", "model", "category:valence", "category:model",
                                                             "valence:model", "category:valence:model", "residual"])
        let cell = try XCTUnwrap((pair["cells"] as? [[String: Any]])?.first)
        XCTAssertTrue(Set(cell.keys).isSuperset(of: ["category", "valence", "t", "df", "p", "p_fdr", "stars"]))
        let rewards = try XCTUnwrap(root["implicit_rewards"] as? [String: Any])
        XCTAssertEqual(rewards["status"] as? String, "ok")
        XCTAssertEqual(rewards["missing"] as? [String], [])
        let table = try XCTUnwrap((rewards["tables"] as? [[String: Any]])?.first)
        XCTAssertEqual(table["model_a"] as? String, "meta-llama/Llama-3.2-3B-Instruct")
        XCTAssertEqual(table["common_tokens"] as? Int, 103)
        XCTAssertEqual((table["top"] as? [Any])?.count, 15)
        XCTAssertEqual((rewards["freedom_love"] as? [[String: Any]])?.count, 21)
        let manifest = try String(contentsOf: site.appendingPathComponent("manifest.json"), encoding: .utf8)
        XCTAssertFalse(manifest.contains(SiteFixture.repoRoot.path), "no absolute paths")
    }
}
