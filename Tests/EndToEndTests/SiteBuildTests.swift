import Foundation
import StudyData
import TestSupport
import XCTest

/// Builds the report from the real content/ and checks what a reader and a
/// script would get: every page, figure, download, results.json, manifest.json.
final class SiteBuildTests: XCTestCase {
    static let pages = ["index.html", "reward-models.html", "logprobs.html", "implicit-rewards.html", "training.html", "robustness.html", "methods.html", "data.html"]

    func testEveryPageIsWellFormedAndEveryInternalLinkResolves() async throws {
        for page in Self.pages {
            let html = try await SiteFixture.text(page)
            XCTAssertFalse(html.isEmpty, page)
            let scan = XMLScan(html)
            XCTAssertNil(scan.error, "\(page) is not well-formed: \(String(describing: scan.error))")
            for link in scan.links {
                XCTAssertFalse(link.hasPrefix("http:") || link.hasPrefix("https:") || link.hasPrefix("//"), "\(page) links outside: \(link)")
                let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let file = parts[0].isEmpty ? page : parts[0]
                let site = try await SiteFixture.site
                XCTAssertTrue(FileManager.default.fileExists(atPath: site.appendingPathComponent(file).path), "\(page) → \(link): missing file")
                if parts.count == 2, file.hasSuffix(".html") {
                    let target = file == page ? scan : XMLScan(try await SiteFixture.text(file))
                    XCTAssertTrue(target.ids.contains(parts[1]), "\(page) → \(link): no such anchor")
                }
            }
            XCTAssertFalse(html.contains("{{"), "\(page) has an unrendered Mustache tag")
        }
    }

    func testTheSiteHoldsExactlyThePagesFiguresAndDownloadsItLinks() async throws {
        let files = SiteFixture.allFiles(under: try await SiteFixture.site)
        var linked = Set(Self.pages + ["style.css"])
        for page in Self.pages {
            for link in XMLScan(try await SiteFixture.text(page)).links {
                linked.insert(String(link.split(separator: "#", omittingEmptySubsequences: false)[0]))
            }
        }
        linked.remove("")
        XCTAssertEqual(Set(files), linked, "every file is linked from a page and every link has a file")
        for figure in ["fig1a", "fig1b", "figA1a", "figA1b", "fig4a", "figA5a", "fig4b", "figA5b"] {
            XCTAssertTrue(files.contains("figures/\(figure).svg"), figure)
        }
    }

    func testFiguresAreAccessibleWellFormedSVG() async throws {
        for figure in ["fig1a", "fig1b", "figA1a", "figA1b"] {
            let svg = try await SiteFixture.text("figures/\(figure).svg")
            let scan = XMLScan(svg)
            XCTAssertNil(scan.error, figure)
            XCTAssertEqual(scan.names.first, "svg", figure)
            XCTAssertTrue(scan.names.contains("title") && scan.names.contains("desc"), figure)
            XCTAssertTrue(svg.contains("role=\"img\""), figure)
            XCTAssertTrue(svg.lowercased().contains("#db4437") && svg.lowercased().contains("#0064e0"), "\(figure) uses the manifest's family colours")
            XCTAssertFalse(svg.contains("http://") && !svg.contains("xmlns=\"http://www.w3.org/2000/svg\""), figure)
            XCTAssertFalse(svg.lowercased().contains("nan"), "\(figure) has a NaN coordinate")
            // The same SVG is inlined in the reward-models page.
            let modelsPage = try await SiteFixture.text("reward-models.html")
            XCTAssertTrue(modelsPage.contains(svg), figure)
        }
        let desc = try await SiteFixture.text("figures/fig1a.svg")
        XCTAssertTrue(desc.contains("positive Agency: Llama ranks them higher (Llama 128.3 vs Gemma 132.5"), "alt text states the finding in numbers")
        let modelsPage = try await SiteFixture.text("reward-models.html")
        XCTAssertTrue(modelsPage.contains("by reward-model family: positive Agency: Llama ranks them higher (Llama 128.3 vs Gemma 132.5"),
                      "the caption states the finding in numbers")
        for page in Self.pages where page != "logprobs.html" {
            let pageText = try await SiteFixture.text(page)
            XCTAssertTrue(pageText.contains("<nav class=\"toc\""), "\(page) has a table of contents")
        }
    }

    func testDownloadsAreCSVThatMatchResults() async throws {
        let dir = try await SiteFixture.site.appendingPathComponent("downloads")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        XCTAssertTrue(names.contains("big2_median_ranks.csv") && names.contains("inputs.csv"))
        for name in names where name.hasSuffix(".csv") {
            let doc = try CSVReader.read(url: dir.appendingPathComponent(name), displayPath: name)
            XCTAssertGreaterThan(doc.records.count, 0, name)
            let tex = String(name.dropLast(4)) + ".tex"
            XCTAssertTrue(names.contains(tex), "every table also downloads as LaTeX: \(tex)")
        }
        XCTAssertEqual(names.filter { $0.hasSuffix(".tex") }.count, names.filter { $0.hasSuffix(".csv") }.count)
        let bib = try String(contentsOf: await SiteFixture.site.appendingPathComponent("citation.bib"), encoding: .utf8)
        XCTAssertTrue(bib.hasPrefix("% citation.bib") && bib.contains("@misc{study,"))
        let dataPage = try String(contentsOf: await SiteFixture.site.appendingPathComponent("data.html"), encoding: .utf8)
        XCTAssertTrue(dataPage.contains("<a href=\"citation.bib\">citation.bib</a>"))
        let ranks = try CSVReader.read(url: dir.appendingPathComponent("big2_median_ranks.csv"), displayPath: "x")
        XCTAssertEqual(ranks.header, ["rm", "family", "category", "prompt", "framing", "median_rank"])
        XCTAssertEqual(ranks.records.count, 1080)
        XCTAssertEqual(ranks.records[0].fields, ["N-Gem-27B", "Gemma", "Agency", "best_ever_one", "positive", "130"], "the reference median rank of N-Gem-27B, Agency, best_ever_one")
    }

    func testResultsJSONFollowsTheContract() async throws {
        let data = try Data(contentsOf: await SiteFixture.site.appendingPathComponent("results.json"))
        let root = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(root["schema"] as? String, "1.0")
        let rm = try XCTUnwrap(root["reward_models"] as? [String: Any])
        let big2 = try XCTUnwrap(rm["big2"] as? [String: Any])
        XCTAssertEqual(big2["answers_ranked"] as? Int, 263)
        let ranks = try XCTUnwrap(big2["median_ranks"] as? [[String: Any]])
        XCTAssertEqual(ranks.count, 1080)
        XCTAssertEqual(Set(ranks[0].keys), ["rm", "family", "category", "prompt", "framing", "median_rank"])
        XCTAssertEqual((ranks[0]["median_rank"] as? NSNumber)?.doubleValue, 130)
        let model = try XCTUnwrap(big2["mixed_model"] as? [String: Any])
        for key in ["method", "observations", "groups", "fixed_effects", "random_intercept_sd", "residual_sd", "log_likelihood", "aic", "bic"] {
            XCTAssertNotNil(model[key], "mixed_model.\(key)")
        }
        XCTAssertEqual(model["method"] as? String, "REML")
        let effects = try XCTUnwrap(model["fixed_effects"] as? [[String: Any]])
        XCTAssertEqual(effects.map { $0["term"] as? String }, ["(Intercept)", "familyLlama", "categoryCommunion", "framingnegative",
            "familyLlama:categoryCommunion", "familyLlama:framingnegative", "categoryCommunion:framingnegative",
            "familyLlama:categoryCommunion:framingnegative"])
        XCTAssertEqual(Set(effects[0].keys), ["term", "estimate", "std_error", "df", "t", "p"])
        let panels = try XCTUnwrap(big2["panels"] as? [[String: Any]])
        XCTAssertEqual(panels.count, 4)
        let welch = try XCTUnwrap(panels[0]["welch"] as? [String: Any])
        XCTAssertEqual(Set(welch.keys), ["t", "df", "p", "p_adjusted", "stars"])
        let perm = try XCTUnwrap(panels[0]["permutation"] as? [String: Any])
        XCTAssertTrue(Set(perm.keys).isSuperset(of: ["resamples", "p", "p_adjusted", "stars"]))
        XCTAssertEqual(perm["resamples"] as? Int, 999)
        XCTAssertNotNil(panels[0]["cohens_d"]); XCTAssertNotNil(panels[0]["cohens_d_pooled"])
        let mfd2 = try XCTUnwrap(rm["mfd2"] as? [String: Any])
        XCTAssertEqual(mfd2["columns"] as? String, "virtue")
        XCTAssertNotNil(rm["mfd2_script"], "the other MFD2 column rule is kept for the methods page")
        // Numbers at a fixed 10 significant digits.
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.contains("\"estimate\": -19.8279321"), "3-way interaction at 10 significant digits")
    }

    func testManifestRecordsInputsAndOptionsWithoutTimestamps() async throws {
        let data = try Data(contentsOf: await SiteFixture.site.appendingPathComponent("manifest.json"))
        let root = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let inputs = try XCTUnwrap(root["inputs"] as? [[String: Any]])
        XCTAssertEqual(inputs.count, 1 + 2 + 20 + 6 + 1 + 2, "manifest, two dictionaries, 10 RMs × 2 score files, 6 training summaries, claims table, 2 vocabulary files")
        for input in inputs {
            XCTAssertTrue((input["path"] as? String)?.hasPrefix("content/") == true)
            XCTAssertEqual((input["sha256"] as? String)?.count, 64)
        }
        let options = try XCTUnwrap(root["options"] as? [String: Any])
        XCTAssertEqual(options["permutations"] as? Int, 999)
        XCTAssertEqual(options["mfd_columns"] as? String, "virtue")
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertFalse(text.contains("/tmp") || text.contains(SiteFixture.repoRoot.path), "no absolute paths")
    }

    func testPagesStateTheComputedNumbers() async throws {
        let page = try await SiteFixture.text("reward-models.html")
        XCTAssertTrue(page.contains("familyLlama:categoryCommunion:framingnegative"))
        XCTAssertTrue(page.contains("-19.828"), "3-way estimate in the fixed-effects table")
        XCTAssertTrue(page.contains("263 answers were ranked (Agency 104, Communion 159)"))
        let methods = try await SiteFixture.text("methods.html")
        XCTAssertTrue(methods.contains("989 words") && methods.contains("1652 words"))
        let data = try await SiteFixture.text("data.html")
        XCTAssertTrue(data.contains("content/data/corpora/dict_big2_nouns.csv"))
    }

    func testRebuildIsByteIdentical() async throws {
        let again = try SiteFixture.temporaryFolder("again").appendingPathComponent("site")
        _ = try await SiteFixture.build(into: again)
        let a = SiteFixture.allFiles(under: try await SiteFixture.site), b = SiteFixture.allFiles(under: again)
        XCTAssertEqual(a, b)
        for file in a {
            let x = try Data(contentsOf: await SiteFixture.site.appendingPathComponent(file))
            let y = try Data(contentsOf: again.appendingPathComponent(file))
            XCTAssertEqual(x, y, "\(file) differs between two builds")
        }
    }
}

/// The §4 page from the real summary files.
final class TrainingPageTests: XCTestCase {
    func testTrainingPageShowsFiguresAuditAndTheMissingTokenData() async throws {
        let page = try await SiteFixture.text("training.html")
        for figure in ["fig4a", "figA5a", "fig4b", "figA5b"] {
            XCTAssertTrue(page.contains("id=\"figure-\(figure)\""), figure)
            let svg = try await SiteFixture.text("figures/\(figure).svg")
            XCTAssertNil(XMLScan(svg).error, figure)
        }
        XCTAssertTrue(page.contains("rank_results_uf_100.csv has 60956 rows but only 84 distinct ones"))
        XCTAssertTrue(page.contains("rank_results_uf_13.csv and rank_results_uf_27.csv are byte-identical"))
        XCTAssertTrue(page.contains("At the last step: Gemma Agency 681.5, Communion 763.0; Llama Agency 616.5, Communion 831.5."))
        XCTAssertTrue(page.contains("the vendored snapshot in <code>content/data/</code> does not"), "token-level dynamics are said to be missing")
        XCTAssertTrue(page.contains("<code>greatest_ever_one_across_checkpoints_qwen.csv</code>"), "the missing files are named")
        XCTAssertTrue(page.contains("<code>backbone build --checkpoints DIR</code>"), "and how to supply them")
        XCTAssertFalse(page.contains("id=\"figure-fig5\""), "no invented Fig. 5")
        let data = try Data(contentsOf: await SiteFixture.site.appendingPathComponent("results.json"))
        let training = try XCTUnwrap((JSONSerialization.jsonObject(with: data) as? [String: Any])?["training"] as? [String: Any])
        XCTAssertEqual((training["token_dynamics"] as? [String: Any])?["status"] as? String, "missing")
        XCTAssertEqual(((training["token_dynamics"] as? [String: Any])?["missing"] as? [String])?.count, 3)
        let runs = try XCTUnwrap(training["runs"] as? [[String: Any]])
        XCTAssertEqual(Set(runs[0].keys), ["id", "file", "data_size", "plotted_at", "source", "method", "rows_read", "rows_distinct", "model_ids", "data_size_in_model_ids", "plotted"])
    }
}
