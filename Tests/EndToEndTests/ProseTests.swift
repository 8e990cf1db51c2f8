import Analyses
import Foundation
@testable import SiteBuilder
import StudyData
import XCTest

/// Every sentence stating a finding is generated from the values it
/// describes: each test changes a value and checks that the sentence changes
/// with it, and checks the built pages against results.
final class ProseTests: XCTestCase {
    var results: StudyResults!
    var study: LoadedStudy!

    /// The shared site (a failed build fails every test here).
    var site: URL!

    override func setUp() async throws {
        study = try await SiteFixture.study
        results = try await SiteFixture.results
        site = try await SiteFixture.site
    }

    /// A page of the shared site.
    func page(_ name: String) -> String {
        do { return try String(contentsOf: site.appendingPathComponent(name), encoding: .utf8) } catch { XCTFail("\(error)"); return "" }
    }
    /// A page's text with tags removed, whitespace collapsed.
    func words(_ name: String) -> String {
        page(name).replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }

    // Reward-models page and overview: panel sentences (items 10, 11).
    func testPanelSentencesFollowDirectionSignificanceAndBounds() throws {
        let big2 = try XCTUnwrap(results.rewardModels.result(for: "big2"))
        for p in big2.panels {
            let s = Narrative.panelSentence(p, framingWord: Narrative.framingWord(p.framing))
            let higher = p.meanFamily < p.meanReference ? p.family : p.referenceFamily
            XCTAssertTrue(s.contains("\(higher) RMs rank these answers higher"), s)
            XCTAssertEqual(s.contains("“the worst thing”"), p.framing == .negative, s)
            XCTAssertEqual(s.contains("permutation p ≤ "), p.permutation.atFloor, s)
            XCTAssertTrue(page("reward-models.html").contains(HTML.escape(s)), "the page shows the generated sentence")
            var flipped = p
            (flipped.meanFamily, flipped.meanReference) = (p.meanReference, p.meanFamily)
            let lower = higher == p.family ? p.referenceFamily : p.family
            XCTAssertTrue(Narrative.panelSentence(flipped, framingWord: "X").contains("\(lower) RMs rank these answers higher"))
            flipped.stars = .notSignificant
            XCTAssertTrue(Narrative.panelSentence(flipped, framingWord: "X").contains("no significant difference"))
            var bound = p
            bound.permutation.atFloor = !p.permutation.atFloor
            XCTAssertNotEqual(Narrative.panelSentence(bound, framingWord: "X").contains("≤"), s.contains("≤"))
        }
        XCTAssertFalse(Narrative.panelFindings(big2).contains("ranks better"), "no praise words for negative framing")
        let json = try JSONSerialization.jsonObject(with: Data(page("results.json").utf8)) as! [String: Any]
        let panels = ((json["reward_models"] as! [String: Any])["big2"] as! [String: Any])["panels"] as! [[String: Any]]
        XCTAssertEqual(panels.map { ($0["permutation"] as! [String: Any])["at_floor"] as? Bool }, big2.panels.map { $0.permutation.atFloor })
    }

    // Overview (item 1): what the numbers show per data size, and that §3 is not computed.
    func testOverviewStatesTrainingPerDataSizeAndWhatIsNotComputed() throws {
        let overview = words("index.html")
        XCTAssertFalse(overview.contains("survives RM training"))
        let training = try XCTUnwrap(results.training)
        let big2 = results.rewardModels.result(for: "big2")
        let sentence = TrainingNarrative.ablationSummary(training, big2: big2)
        XCTAssertTrue(overview.contains(sentence.replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression)), sentence)
        let gemma = try XCTUnwrap(training.ablationPoints.first { $0.run == "uf_100" && $0.family == "Gemma" && $0.category == "Agency" })
        let llama = try XCTUnwrap(training.ablationPoints.first { $0.run == "uf_100" && $0.family == "Llama" && $0.category == "Agency" })
        XCTAssertTrue(sentence.contains("Agency: Gemma \(NumberText.fixed(gemma.medianRank, decimals: 1)) vs Llama \(NumberText.fixed(llama.medianRank, decimals: 1))"), sentence)
        // Flip: Llama ahead on Agency at 106k → only the Communion gap reverses there.
        var changed = training
        let i = changed.ablationPoints.firstIndex { $0.run == "uf_100" && $0.family == "Llama" && $0.category == "Agency" }!
        changed.ablationPoints[i].medianRank = gemma.medianRank - 10
        let after = TrainingNarrative.ablationSummary(changed, big2: big2)
        XCTAssertTrue(after.contains("the Communion gap reverses"), after)
        XCTAssertFalse(after.contains("both gaps reverse"), after)
        XCTAssertTrue(overview.contains(Narrative.logprobSummary(results.logprobRanks)))
        XCTAssertTrue(overview.contains("does not compute the log-prob half"), "the default build has no log-prob tables")
    }

    // Training page (items 5, 6, 7, 14): the dynamics sentence, the 13k file, the data sizes, the 1,365 strings.
    func testTrainingPageSaysWhatTheDataIs() throws {
        let training = try XCTUnwrap(results.training)
        let text = words("training.html")
        let dynamics = TrainingNarrative.dynamicsSummary(training, big2: results.rewardModels.result(for: "big2"))
        XCTAssertTrue(text.contains(dynamics), dynamics)
        var changed = training
        let first = changed.series.firstIndex { $0.family == "Gemma" && $0.category == "Agency" }!
        changed.series[first].medianRank = 1
        XCTAssertTrue(TrainingNarrative.dynamicsSummary(changed, big2: results.rewardModels.result(for: "big2")).contains("Agency higher than Gemma at 9 of 10 checkpoints"))
        XCTAssertTrue(text.contains("is listed as the 13k-pair run, but its models (gemma2b_unified27k_lora, llama3b_unified27k_lora, qwen3b_unified27k_lora) name 27k pairs"), text)
        XCTAssertFalse(text.contains("13k and 27k points are marked"))
        XCTAssertTrue(text.contains("the paper's text says 26k"))
        XCTAssertTrue(text.contains("the paper's text says 80k"))
        XCTAssertTrue(text.contains("the paper's text says more than 630k"))
        XCTAssertTrue(text.contains("Generalizable Reward Model"))
        let v = try XCTUnwrap(results.vocabulary)
        XCTAssertTrue(text.contains("The words are \(v.expandedTokenStrings) token strings"))
        XCTAssertTrue(text.contains("variants of \(v.expandedDistinctWords) distinct words"))
        XCTAssertFalse(text.contains("words all vocabularies share"))
        for name in SiteBuildTests.pages { XCTAssertFalse(page(name).lowercased().contains("generalist"), name) }
    }

    // Item 4: the token-level tables are in the study's repository, not in the snapshot.
    func testPagesSayWhereTheCheckpointTablesAre() {
        for name in ["training.html", "index.html", "data.html"] {
            let text = words(name)
            XCTAssertFalse(text.contains("does not include"), name)
            XCTAssertFalse(text.contains("not published in the repository"), name)
            XCTAssertTrue(text.contains("greatest_ever_one_across_checkpoints_{gemma,llama,qwen}.parquet"), name)
        }
    }

    // Items 8 and 9: the MFD2 column sentence and the note at Fig. 1b.
    func testMFD2SentencesNameTheRightColumnsAndTheDifferingPanels() throws {
        XCTAssertTrue(Narrative.columnsSentence(.script).contains("virtue columns that the paper's text describes"))
        XCTAssertTrue(Narrative.columnsSentence(.virtue).contains("script columns that the study's script used"))
        XCTAssertTrue(words("reward-models.html").contains(Narrative.columnsSentence(.virtue)))
        let mfd2 = try XCTUnwrap(results.rewardModels.result(for: "mfd2"))
        let script = try XCTUnwrap(results.rewardModels.alternative(for: "mfd2"))
        let note = Narrative.publishedFigureNote(mfd2, alternative: script)
        let differing = mfd2.panels.filter { p in script.panels.first { $0.framing == p.framing && $0.category == p.category }!.welch.stars != p.stars }
        XCTAssertFalse(differing.isEmpty)
        XCTAssertTrue(note.contains("\(differing.count) of \(mfd2.panels.count) panels' stars differ"), note)
        for p in differing { XCTAssertTrue(note.contains("\(p.framing.rawValue) \(p.category) (\(p.stars.rawValue) here"), note) }
        XCTAssertTrue(page("reward-models.html").contains(HTML.escape(note)))
        XCTAssertTrue(page("reward-models.html").contains("href=\"methods.html#mfd2-columns\""))
        let comparison = Narrative.columnsComparison(mfd2, script)
        XCTAssertTrue(words("methods.html").contains(comparison), comparison)
        XCTAssertTrue(comparison.contains("positive Care (virtue: Llama higher, \(mfd2.panels.first { $0.framing == .positive && $0.category == "Care" }!.stars.rawValue); script: Gemma higher"), comparison)
        XCTAssertTrue(Narrative.columnsComparison(mfd2, mfd2).contains("same direction and stars in every panel"))
        var agreeing = script
        agreeing.panels = script.panels.map { q in var q = q; q.welch.stars = mfd2.panels.first { $0.framing == q.framing && $0.category == q.category }!.stars; return q }
        XCTAssertTrue(Narrative.publishedFigureNote(mfd2, alternative: agreeing).contains("agree in every panel"))
    }

    // Item 3: the direction of nlme's random-intercept SD against the REML maximum.
    func testMethodsStatesTheDirectionOfNlmesDeviation() throws {
        func sd(_ file: String, _ key: String) throws -> Double {
            let text = try String(contentsOf: SiteFixture.repoRoot.appendingPathComponent("Tests/Fixtures/reference/big2/\(file)"), encoding: .utf8)
            let range = try XCTUnwrap(text.range(of: "\"\(key)\": "))
            return Double(text[range.upperBound...].prefix { "0123456789.eE-".contains($0) })!
        }
        let nlme = try sd("fig1_big2.json", "random_intercept_sd"), exact = try sd("big2_lme_exact.json", "random_intercept_sd")
        let word = nlme > exact ? "above" : "below"
        XCTAssertTrue(words("methods.html").contains("is 1.1 × 10⁻⁴ (relative) \(word) the maximum's"), "nlme \(nlme) vs exact \(exact)")
        XCTAssertEqual(NumberText.fixed((nlme - exact) / exact * 1e4, decimals: 1), "1.1")
    }

    // Item 2: no Markdown table reaches a page; the options are a real table.
    func testNoPageShowsMarkdownTableSyntax() {
        for name in SiteBuildTests.pages { XCTAssertNil(UnrenderedMarkdown.firstTableLine(words(name).replacingOccurrences(of: " |", with: "\n|")), name) }
        XCTAssertFalse(page("methods.html").contains("|---|"))
        XCTAssertTrue(page("methods.html").contains("id=\"build_options\""))
    }

    // Item 12: one convention on the implicit-rewards page.
    func testImplicitRewardsPageUsesOneConvention() {
        let text = words("implicit-rewards.html")
        XCTAssertTrue(text.contains("model A is the Llama model"))
        XCTAssertTrue(text.contains("model B the Gemma model"))
        XCTAssertFalse(text.contains("source model"))
        XCTAssertFalse(text.contains("target model"))
    }

    // Item 13: the study with all seven authors, the arXiv id; MFD2's published source.
    func testCitationsNameEveryAuthorAndThePublishedSources() throws {
        let cff = try String(contentsOf: SiteFixture.content.root.appendingPathComponent("data/CITATION.cff"), encoding: .utf8)
        let families = cff.components(separatedBy: "\n").filter { $0.contains("family-names:") }.map { $0.components(separatedBy: ": ").last! }
        let citation = study.manifest.citation
        for name in Set(families) { XCTAssertTrue(citation.contains(name), name) }
        XCTAssertTrue(citation.contains("Yang, E. M."), "the author CITATION.cff lists as just \"Elle\"")
        XCTAssertFalse(citation.contains("Elle,"))
        XCTAssertTrue(citation.contains("arXiv:2601.20838"))
        XCTAssertTrue(words("data.html").contains("Frimer, J. A. (2020)"))
        XCTAssertTrue(words("data.html").contains("Journal of Research in Personality, 84, 103906"))
        XCTAssertFalse(words("data.html").contains("Unpublished manuscript"))
    }

    // Item 15: the shared-vocabulary counts appear without log-prob tables.
    func testSection3CountsAreStatedInTheDefaultBuild() throws {
        let v = try XCTUnwrap(results.vocabulary)
        XCTAssertTrue(words("logprobs.html").contains("among them \(v.sharedNouns) Big Two nouns"))
        XCTAssertTrue(words("implicit-rewards.html").contains("lists \(NumberText.integer(v.sharedStrings)) strings"))
    }

    // The claims table: in results.json, on the methods page, and it follows the values.
    func testClaimsAreJudgedOnTheResultsAndListed() throws {
        XCTAssertGreaterThan(results.claims.count, 30)
        let json = try JSONSerialization.jsonObject(with: Data(page("results.json").utf8)) as! [String: Any]
        let claims = try XCTUnwrap(json["claims"] as? [[String: Any]])
        XCTAssertEqual(claims.count, results.claims.count)
        for c in claims { XCTAssertEqual(Set(c.keys), ["id", "section", "text", "keys", "status", "note"]) }
        let status = Dictionary(uniqueKeysWithValues: results.claims.map { ($0.id, $0.status) })
        XCTAssertEqual(status["s2-big2-interaction"], .reproduced)
        XCTAssertEqual(status["s2-mfd2-positive-care"], .differs)
        XCTAssertEqual(status["s2-mfd2-negative-fairness"], .differs)
        XCTAssertEqual(status["s3-anova-instruct"], .notComputable)
        XCTAssertEqual(status["s3-shared-nouns"], .reproduced)
        let methods = words("methods.html")
        XCTAssertTrue(methods.contains(ClaimsTable.tally(results.claims)))
        for c in results.claims { XCTAssertTrue(methods.contains(c.id), c.id) }
        // Flip: Gemma ahead on positive Agency → that claim differs.
        var flipped: StudyResults = results
        var big2 = flipped.rewardModels.dictionaries[0]
        let i = big2.panels.firstIndex { $0.framing == .positive && $0.category == "Agency" }!
        (big2.panels[i].meanFamily, big2.panels[i].meanReference) = (big2.panels[i].meanReference, big2.panels[i].meanFamily)
        flipped.rewardModels.dictionaries[0] = big2
        let judged = ClaimsEvaluation.evaluate(try XCTUnwrap(study.claims), results: flipped,
                                                headlineDictionary: study.manifest.headlineDictionary?.id)
        XCTAssertEqual(judged.first { $0.id == "s2-big2-positive-agency" }?.status, .differs)
        XCTAssertEqual(judged.first { $0.id == "s2-big2-positive-communion" }?.status, .reproduced)
    }
}
