import Analyses
import Foundation
import RunDiff
import SiteBuilder
import StudyData
import TestSupport
import XCTest

/// Pushes the hostile-string corpus through a whole build — as reward-model
/// labels, family and category names, and as scored answers (including raw
/// invalid UTF-8 bytes) — and reads every output back with real parsers: the
/// strings must come back as text, never as markup.
final class HostileBuildTests: XCTestCase {
    static let labels = ["<script>alert(1)</script>", "RM\"2&amp;", "R\u{202E}M3\u{0}", "<!--[RM4"]
    static let families = ["<!--[Gem&", "Lla\"<section"]
    static let categories = ["Agency<center", "Comm&union\u{1}"]
    static let prompts = [("best_ever_one", "positive"), ("greatest_ever_one", "positive"), ("worst_ever_one", "negative"), ("bad_ever_one", "negative")]

    /// The same visible form HTML/SVG output uses for forbidden control characters.
    static func visible(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if (v < 0x20 && scalar != "\n" && scalar != "\t") || v == 0x7F || (0x80...0x9F).contains(v) {
                out += "\\u{\(String(v, radix: 16, uppercase: true))}"
            } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    static func yaml(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFEFF {
                    out += "\\u" + String(format: "%04X", scalar.value)
                } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    static func csvField(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// Answers scored but not in the dictionary: the whole corpus (minus the
    /// empty string, which a score file cannot tell from a missing field) and
    /// raw invalid UTF-8.
    static let hostileAnswers = HostileStrings.corpus.filter { !$0.isEmpty }

    private static let builtResult = Task { () async throws -> (site: URL, results: StudyResults) in
        let root = try SiteFixture.temporaryFolder("hostile")
        let content = root.appendingPathComponent("content")
        let fm = FileManager.default
        try fm.createDirectory(at: content.appendingPathComponent("data"), withIntermediateDirectories: true)
        try fm.copyItem(at: SiteFixture.content.root.appendingPathComponent("pages"), to: content.appendingPathComponent("pages"))
        // Dictionary: 40 plain words in two hostile categories.
        let words = (0..<40).map { "word\($0)" }
        var dict = "Category,token_decoded\n"
        for (i, w) in words.enumerated() { dict += "\(csvField(categories[i % 2])),\(w)\n" }
        try dict.write(to: content.appendingPathComponent("data/dict.csv"), atomically: true, encoding: .utf8)
        try fm.copyItem(at: SiteFixture.content.root.appendingPathComponent("data/corpora/moral-foundations-dictionary-20.dicx"),
                         to: content.appendingPathComponent("data/mfd.dicx"))
        let mfdSources = ["MFD20_rewards_nicolinho_QRM-Gemma-2-27B.csv", "MFD20_rewards_Skywork_Skywork-Reward-Gemma-2-27B.csv",
                          "MFD20_rewards_Skywork_Skywork-Reward-Llama-3.1-8B-v0.2.csv", "big2_rewards_nicolinho_QRM-Llama3.1-8B.csv"]
        var yaml = "title: \"Hostile\"\ncitation: \(HostileBuildTests.yaml("Cite <!--[ & \u{0} \u{202E}"))\nprompts:\n"
        for (key, framing) in prompts { yaml += "  - { key: \(key), framing: \(framing), text: \(HostileBuildTests.yaml("<b>\(key)</b>")) }\n" }
        yaml += "families:\n  - { name: \(HostileBuildTests.yaml(families[0])), colour: \"#DB4437\" }\n  - { name: \(HostileBuildTests.yaml(families[1])), colour: \"#0064E0\" }\n"
        yaml += "dictionaries:\n  - { id: big2, name: \(HostileBuildTests.yaml("Big <Two> & \"nouns\"")), format: category-word, file: data/dict.csv, citation: \(HostileBuildTests.yaml("<i>cite</i>")) }\n"
        yaml += "  - { id: mfd2, name: MFD2, format: mfd2-dicx, file: data/mfd.dicx, citation: \"MFD2\" }\n"
        yaml += "reward_models:\n"
        var state: UInt64 = 12345
        func next() -> Double { state = state &* 6364136223846793005 &+ 1442695040888963407; return Double(state >> 11) / Double(1 << 53) }
        for (i, label) in labels.enumerated() {
            var data = Data(("response," + prompts.map(\.0).joined(separator: ",") + "\n").utf8)
            let family = i < 2 ? 0 : 1
            for (w, word) in words.enumerated() {
                let bias = (w % 2 == family) ? 0.5 : 0.0
                data.append(Data((word + "," + prompts.map { _ in String(format: "%.6f", next() + bias) }.joined(separator: ",") + "\n").utf8))
            }
            for answer in hostileAnswers {
                data.append(Data((csvField(answer) + "," + prompts.map { _ in String(format: "%.6f", next()) }.joined(separator: ",") + "\n").utf8))
            }
            for bytes in HostileStrings.invalidUTF8Bytes {
                data.append(Data([UInt8(ascii: "\"")] + bytes + Array("x\",".utf8)))
                data.append(Data((prompts.map { _ in String(format: "%.6f", next()) }.joined(separator: ",") + "\n").utf8))
            }
            try data.write(to: content.appendingPathComponent("data/rm\(i).csv"))
            try fm.copyItem(at: SiteFixture.content.root.appendingPathComponent("data/reward_model_scores/dict_MFD_20/\(mfdSources[i])"),
                             to: content.appendingPathComponent("data/mfd\(i).csv"))
            yaml += "  - label: \(HostileBuildTests.yaml(label))\n    name: \(HostileBuildTests.yaml("org/<\(label)>"))\n    family: \(HostileBuildTests.yaml(families[family]))\n    size: \"8B\"\n"
            yaml += "    scores: { big2: data/rm\(i).csv, mfd2: data/mfd\(i).csv }\n"
        }
        try yaml.write(to: content.appendingPathComponent("study.yaml"), atomically: true, encoding: .utf8)
        let folder = ContentFolder(root: content)
        let study = try await StudyLoader.load(folder: folder)
        let options = AnalysisOptions(permutations: 99, seed: 1)
        let results = try await StudyAnalysis.run(study, options: options)
        let site = root.appendingPathComponent("site")
        _ = try await ReportBuilder.build(study: study, results: results, options: options,
                                     locations: SiteLocations(content: folder, templates: SiteFixture.templates, output: site))
        return (site, results)
    }
    static var built: (site: URL, results: StudyResults) { get async throws { try await builtResult.value } }

    func testTheCorpusIsLargeAndDistinct() throws {
        XCTAssertGreaterThanOrEqual(HostileStrings.corpus.count, 200)
        XCTAssertEqual(Set(HostileStrings.corpus).count, HostileStrings.corpus.count)
    }

    func testResultsKeepEveryStringExactly() async throws {
        let built = try await Self.built
        let r = try XCTUnwrap(built.results.rewardModels.result(for: "big2"))
        XCTAssertEqual(r.families, Self.families)
        XCTAssertEqual(r.categories, Self.categories.sorted())
        var expected = Set(Self.hostileAnswers)
        for bytes in HostileStrings.invalidUTF8Bytes { expected.insert(ByteText.decode(bytes + Array("x".utf8))) }
        let got = Set(r.answersNotInDictionary)
        XCTAssertEqual(got.subtracting(expected).map(\.debugDescription).sorted(), [], "unexpected answers")
        XCTAssertEqual(expected.subtracting(got).map(\.debugDescription).sorted(), [], "missing answers")
        // results.json round-trips every string.
        let data = try Data(contentsOf: await Self.built.site.appendingPathComponent("results.json"))
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let big2 = try XCTUnwrap((json["reward_models"] as? [String: Any])?["big2"] as? [String: Any])
        let fromJSON = Set(try XCTUnwrap(big2["answers_not_in_dictionary"] as? [String]))
        XCTAssertEqual(fromJSON.subtracting(expected).map(\.debugDescription).sorted(), [], "JSON has strings the results do not")
        XCTAssertEqual(expected.subtracting(fromJSON).map(\.debugDescription).sorted(), [], "JSON lost strings")
        XCTAssertEqual(Set((big2["median_ranks"] as? [[String: Any]] ?? []).compactMap { $0["rm"] as? String }), Set(Self.labels))
    }

    func testPagesShowTheStringsAsTextNeverAsMarkup() async throws {
        let allowed: Set<String> = ["html", "head", "meta", "title", "link", "body", "a", "header", "p", "nav", "ul", "li", "main", "h1", "h2", "h3",
            "div", "figure", "figcaption", "strong", "em", "code", "table", "caption", "thead", "tbody", "tr", "th", "td", "footer", "sub", "pre",
            "svg", "desc", "g", "path", "rect", "line", "circle", "polygon", "text", "tspan", "clipPath", "defs", "polyline"]
        for page in ["index.html", "reward-models.html", "methods.html", "data.html"] {
            let html = try String(contentsOf: await Self.built.site.appendingPathComponent(page), encoding: .utf8)
            let scan = XMLScan(html)
            XCTAssertNil(scan.error, "\(page): \(String(describing: scan.error))")
            XCTAssertTrue(Set(scan.names).isSubset(of: allowed), "\(page) has unexpected elements \(Set(scan.names).subtracting(allowed))")
            XCTAssertFalse(scan.links.contains { $0.lowercased().hasPrefix("javascript:") || $0.hasPrefix("http") }, page)
        }
        let page = try String(contentsOf: await Self.built.site.appendingPathComponent("reward-models.html"), encoding: .utf8)
        let text = XMLScan(page).text
        for answer in Self.hostileAnswers where !answer.contains("\r") {
            XCTAssertTrue(text.contains(Self.visible(answer)), "answer \(answer.debugDescription) is not shown as text")
        }
        for label in Self.labels { XCTAssertTrue(text.contains(Self.visible(label)), "label \(label.debugDescription)") }
        for name in Self.families + Self.categories { XCTAssertTrue(text.contains(Self.visible(name)), "name \(name.debugDescription)") }
    }

    func testFiguresAndDownloadsRoundTrip() async throws {
        for figure in ["fig1a", "figA1a", "fig1b"] {
            let svg = try String(contentsOf: await Self.built.site.appendingPathComponent("figures/\(figure).svg"), encoding: .utf8)
            let scan = XMLScan(svg)
            XCTAssertNil(scan.error, figure)
            XCTAssertFalse(scan.names.contains("script") || scan.names.contains("section") || scan.names.contains("center"), figure)
            for name in Self.families { XCTAssertTrue(scan.text.contains(Self.visible(name)), "\(figure): \(name.debugDescription)") }
        }
        let doc = try CSVReader.read(url: await Self.built.site.appendingPathComponent("downloads/big2_rm_panel_means.csv"), displayPath: "x")
        // CSV cells show control characters the way pages do (no raw control byte in a download).
        XCTAssertEqual(Set(doc.records.map { $0.fields[0] }), Set(Self.labels.map(Self.visible)))
        XCTAssertEqual(Set(doc.records.map { $0.fields[1] }), Set(Self.families))
        XCTAssertEqual(Set(doc.records.map { $0.fields[3] }), Set(Self.categories.map(Self.visible)))
    }
}

/// The diff site with the hostile corpus in its pointers and values: the
/// real site against the hostile one adds and removes rows named by hostile
/// labels, families and categories.
final class HostileDiffTests: XCTestCase {
    func testDiffPagesShowHostileStringsAsText() async throws {
        let d = try await RunDiff.compare(RunSnapshot.load(path: await SiteFixture.site.path), RunSnapshot.load(path: HostileBuildTests.built.site.path))
        let out = try SiteFixture.temporaryFolder("hostile-diff").appendingPathComponent("diff")
        try await DiffSite.write(d, to: out, templates: SiteFixture.templates)
        let files = SiteFixture.allFiles(under: out)
        let problems = await SiteChecks.run(root: out, files: files, entryPoints: Set(files.filter { $0.hasSuffix(".html") || $0.hasSuffix(".css") }))
        XCTAssertEqual(problems, [])
        var text = ""
        for page in files where page.hasSuffix(".html") {
            let scan = XMLScan(try String(contentsOf: out.appendingPathComponent(page), encoding: .utf8))
            XCTAssertNil(scan.error, page)
            XCTAssertFalse(scan.names.contains { ["script", "section", "center", "style"].contains($0) }, page)
            text += scan.text
        }
        // The diff writes controls JSON-style (\u0001); the report pages Swift-style (\u{1}).
        func jsonVisible(_ s: String) -> String {
            s.unicodeScalars.map { $0.value < 0x20 ? String(format: "\\u%04x", $0.value) : String($0) }.joined()
        }
        for name in HostileBuildTests.families + HostileBuildTests.categories {
            let forms = [jsonVisible(name), HostileBuildTests.visible(name)].flatMap { [$0, $0.replacingOccurrences(of: ",", with: "%2C")] }
            XCTAssertTrue(forms.contains { text.contains($0) }, "diff page shows \(name.debugDescription) as text")
        }
        // In Markdown, data with markup appears only inside code spans (backtick-fenced), where it stays text.
        let markdown = DiffMarkdownReport.render(d, limit: 0)
        for line in markdown.split(separator: "\n") where line.contains("<script>") {
            let before = line[..<line.range(of: "<script>")!.lowerBound]
            XCTAssertEqual(before.filter { $0 == "`" }.count % 2, 1, "markup outside a code span: \(line)")
        }
    }
}
