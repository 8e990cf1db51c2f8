import Analyses
import Foundation
import RunDiff
@testable import SiteBuilder
import StudyData
import TestSupport
import XCTest

/// `backbone diff` and `build --compare-to` on real builds: a site against
/// itself, and a rebuild after one reward model's scores changed.
final class RunDiffEndToEndTests: XCTestCase {
    static let changedRM = "N-Gem-27B"
    static let changedFile = "content/data/reward_model_scores/dict_big2_nouns/big2_rewards_nicolinho_QRM-Gemma-2-27B.csv"

    /// The report rebuilt from a copy of content/ in which one RM scores the
    /// Big Two answer "accuracy" 100 under every prompt, compared to the fixture site.
    private static let changedSiteResult = Task { () async throws -> URL in
        let content = try SiteFixture.copyOfContent("changed-rm")
        let root = content.deletingLastPathComponent()
        let file = root.appendingPathComponent(changedFile)
        var lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
        let index = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("accuracy,") })
        let fields = lines[index].split(separator: ",", omittingEmptySubsequences: false)
        lines[index] = (["accuracy"] + Array(repeating: "100", count: fields.count - 1)).joined(separator: ",")
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let folder = ContentFolder(root: content)
        let study = try await StudyLoader.load(folder: folder)
        let results = try await StudyAnalysis.run(study, options: SiteFixture.options)
        let out = root.appendingPathComponent("site")
        let previous = try RunSnapshot.load(path: await SiteFixture.site.path, label: "previous build")
        _ = try await ReportBuilder.build(study: study, results: results, options: SiteFixture.options,
                                           locations: SiteLocations(content: folder, templates: SiteFixture.templates, output: out),
                                           previous: previous)
        return out
    }
    static var changedSite: URL { get async throws { try await changedSiteResult.value } }

    func testASiteDiffedWithItselfHasNoChanges() async throws {
        let d = try RunDiff.compare(RunSnapshot.load(path: await SiteFixture.site.path), RunSnapshot.load(path: await SiteFixture.site.path))
        XCTAssertFalse(d.hasChanges)
        XCTAssertTrue(d.changes.isEmpty)
        XCTAssertEqual(d.manifest?.isEmpty, true)
        XCTAssertTrue(d.figures.isEmpty)
        XCTAssertTrue(d.figureMapAvailable, "manifest.json records which results each figure is drawn from")
        XCTAssertTrue(DiffTextReport.render(d).contains("No changes beyond tolerance."))
        let overview = try await SiteFixture.text("index.html")
        XCTAssertFalse(overview.contains("changes.html"), "no Changes page without --compare-to")
    }

    func testChangingOneRewardModelsScoresMovesOnlyItsKeys() async throws {
        let d = try await RunDiff.compare(RunSnapshot.load(path: await SiteFixture.site.path), RunSnapshot.load(path: Self.changedSite.path))
        XCTAssertTrue(d.hasChanges)
        for c in d.changes {
            // The paper's claims judged on Big Two results, and the robustness
            // of the Big Two inferences, move with them (and only those).
            let path = c.pointer.description
            XCTAssertTrue(["/reward_models/big2/", "/claims/id=s2-big2-", "/robustness/big2/"].contains { path.hasPrefix($0) },
                          "only Big Two results move: \(c.pointer)")
            XCTAssertEqual(c.kind == .added || c.kind == .removed, false, "\(c.pointer)")
        }
        // Leave-one-out fits are named by what they leave out, not by position.
        let refits = d.changes.filter { $0.pointer.description.hasPrefix("/robustness/big2/leave_one_out/") }
        XCTAssertFalse(refits.isEmpty)
        for c in refits {
            XCTAssertTrue(c.pointer.description.hasPrefix("/robustness/big2/leave_one_out/unit="), "\(c.pointer)")
        }
        for list in ["median_ranks", "rm_panel_means"] {
            let rows = d.changes.filter { $0.pointer.description.hasPrefix("/reward_models/big2/\(list)/") }
            XCTAssertFalse(rows.isEmpty, list)
            for c in rows {
                XCTAssertTrue(c.pointer.description.hasPrefix("/reward_models/big2/\(list)/rm=\(Self.changedRM),"), "only \(Self.changedRM)'s rows: \(c.pointer)")
            }
        }
        let inputs = try XCTUnwrap(d.manifest?.inputs)
        XCTAssertEqual(inputs.map(\.path), [Self.changedFile])
        XCTAssertTrue(inputs[0].status.contains("sha256"))
        XCTAssertEqual(d.manifest?.settings.count, 0)
        let figures = d.figures.map(\.source.id)
        XCTAssertTrue(figures.contains("fig1a") && figures.contains("figA1a"), "\(figures)")
        XCTAssertFalse(figures.contains("fig1b") || figures.contains("figA1b"), "MFD2 figures are drawn from unchanged values")
    }

    func testCompareToAddsADeterministicChangesPage() async throws {
        let site = try await Self.changedSite
        let page = try String(contentsOf: site.appendingPathComponent("changes.html"), encoding: .utf8)
        XCTAssertNil(XMLScan(page).error)
        XCTAssertTrue(page.contains("Changes since the previous build"))
        XCTAssertTrue(page.contains("previous build") && page.contains("this build"))
        let sharedSite = try await SiteFixture.site
        XCTAssertFalse(page.contains(sharedSite.path) || page.contains("/tmp"), "no absolute path on the page")
        XCTAssertTrue(page.contains("src=\"changes/figures/old/fig1a.svg\"") && page.contains("src=\"figures/fig1a.svg\""))
        let index = try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
        XCTAssertTrue(index.contains("href=\"changes.html\""), "linked from the index")
        let problems = await SiteChecks.run(root: site, files: SiteFixture.allFiles(under: site),
                                      entryPoints: ["index.html", "reward-models.html", "methods.html", "data.html", "changes.html",
                                                    "style.css", "results.json", "manifest.json"])
        XCTAssertEqual(problems, [])
    }

    func testDiffSiteIsSelfContainedAndChecked() async throws {
        let out = try SiteFixture.temporaryFolder("diff-html").appendingPathComponent("diff")
        let d = try await RunDiff.compare(RunSnapshot.load(path: await SiteFixture.site.path), RunSnapshot.load(path: Self.changedSite.path))
        try await DiffSite.write(d, to: out, templates: SiteFixture.templates)
        let files = SiteFixture.allFiles(under: out)
        XCTAssertTrue(files.contains("index.html") && files.contains("style.css") && files.contains("downloads/changes.csv"))
        XCTAssertTrue(files.contains("figures/old/fig1a.svg") && files.contains("figures/new/fig1a.svg"))
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        XCTAssertNil(XMLScan(html).error)
        XCTAssertFalse(html.contains("http://") || html.contains("https://"))
    }

    /// The CLI's exit codes, when the executable was built next to the tests.
    func testCommandLineExitCodes() async throws {
        let binary = try SiteFixture.backbone()
        func run(_ args: [String]) throws -> (Int32, String, String) {
            let p = Process()
            p.executableURL = binary
            p.arguments = args
            let out = Pipe(), err = Pipe()
            p.standardOutput = out; p.standardError = err
            try p.run()
            let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
        }
        let same = try run(["diff", await SiteFixture.site.path, await SiteFixture.site.path])
        XCTAssertEqual(same.0, 0); XCTAssertTrue(same.1.contains("No changes"))
        let changed = try await run(["diff", await SiteFixture.site.path, Self.changedSite.path, "--format", "json"])
        XCTAssertEqual(changed.0, 1)
        let site = try await SiteFixture.site
        let changedSite = try await Self.changedSite
        XCTAssertEqual(changed.1, try run(["diff", site.path, changedSite.path, "--format", "json"]).1, "stable JSON")
        let missing = try run(["diff", await SiteFixture.site.path, "/nonexistent/site"])
        XCTAssertEqual(missing.0, 2); XCTAssertTrue(missing.2.contains("no such file or folder"))
        let usage = try run(["diff", await SiteFixture.site.path])
        XCTAssertEqual(usage.0, 2, "a usage error is an error, not 'changes found'")
    }
}
