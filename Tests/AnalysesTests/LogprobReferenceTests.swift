import Analyses
import Foundation
import StudyData
import TestSupport
import XCTest

/// §3 analyses on the generated log-prob tables in
/// Tests/Fixtures/reference/logprobs/tables against pandas / statsmodels /
/// scipy values computed by make_logprob_reference.py from the same tables.
final class LogprobReferenceTests: XCTestCase {
    static let tablesFolder = Fixtures.references.appendingPathComponent("logprobs/tables")
    private static let loaded = Task { try await StudyLoader.load(folder: Fixtures.content, logprobs: tablesFolder) }
    private static let analysed = Task { () async throws -> (ranks: LogprobRankSection, rewards: ImplicitRewardSection) in
        let sections = try await LogprobAnalyses.run(loaded.value)
        return try XCTUnwrap(sections)
    }
    /// The study with the fixture tables, loaded once for this class and `SharedVocabularyTests`.
    static func sharedStudy() async throws -> LoadedStudy { try await loaded.value }

    var reference: [String: Any] = [:]
    var study: LoadedStudy!
    var sections: (ranks: LogprobRankSection, rewards: ImplicitRewardSection)!

    override func setUp() async throws {
        reference = try Fixtures.json("logprobs/reference.json")   // small; a [String: Any] cannot be a shared static
        study = try await Self.loaded.value
        sections = try await Self.analysed.value
    }

    func testEveryInputIsFoundAndAudited() throws {
        let loaded = try XCTUnwrap(study.logprobs)
        XCTAssertEqual(loaded.missingFiles, [])
        XCTAssertEqual(loaded.files.count, 12)
        XCTAssertEqual(sections.ranks.status, .ok)
        XCTAssertEqual(sections.rewards.status, .ok)
        let audit = try XCTUnwrap(loaded.files.first { $0.model == "google/gemma-2-2b-it" }?.audit)
        XCTAssertEqual(audit.rows, 128, "pandas' default reader makes 129 rows of it: it splits the bare-CR token")
        XCTAssertEqual(audit.bareCRRows, 1, "the token a\\rb")
        XCTAssertEqual(audit.missingLikeTokens, 4, "NaN, null and two empty strings")
        // Each table is an input of the build, with a fingerprint of what was read (no SHA-256).
        let records = study.inputs.filter { $0.role.hasPrefix("log-prob table: ") }
        XCTAssertEqual(records.map(\.path), loaded.files.map(\.path))
        for (record, file) in zip(records, loaded.files) {
            XCTAssertNil(record.sha256)
            XCTAssertEqual(record.readFingerprint, file.readFingerprint)
            XCTAssertEqual(record.readFingerprint, study.logprobs?.tables[file.model]?.fingerprint())
            XCTAssertEqual(record.rows, file.audit.rows)
        }
        XCTAssertEqual(Set(records.compactMap(\.readFingerprint)).count, 12, "every table read differently")
    }

    func testFigure2AnovaAndWelchMatchStatsmodels() throws {
        let expected = try XCTUnwrap(reference["fig2"] as? [[String: Any]])
        XCTAssertEqual(sections.ranks.pairs.count, 2)
        for (pair, ref) in zip(sections.ranks.pairs, expected) {
            XCTAssertEqual(pair.nouns, ref["nouns"] as? Int, pair.label)
            XCTAssertEqual(pair.medianRanks.count, 216)
            let anova = try XCTUnwrap(ref["anova"] as? [[String: Any]])
            XCTAssertEqual(pair.anova.map(\.term), anova.map { $0["term"] as! String })
            for (row, r) in zip(pair.anova, anova) {
                assertRelativelyClose(row.sumSq, double(r["sum_sq"]), 1e-6, "\(pair.label) \(row.term) sum_sq")
                XCTAssertEqual(row.df, double(r["df"]), "\(pair.label) \(row.term) df")
                if r["F"] is NSNumber {
                    assertRelativelyClose(row.f, double(r["F"]), 1e-6, "\(pair.label) \(row.term) F")
                    assertRelativelyClose(row.p, double(r["p"]), 1e-6, "\(pair.label) \(row.term) p")
                } else {
                    XCTAssertTrue(row.f.isNaN)
                }
            }
            let cells = try XCTUnwrap(ref["cells"] as? [[String: Any]])
            XCTAssertEqual(pair.cells.count, cells.count)
            for r in cells {
                let cell = try XCTUnwrap(pair.cells.first { $0.category == r["category"] as? String && $0.framing.rawValue == r["valence"] as? String })
                for (mine, key) in [(cell.t, "t"), (cell.df, "df"), (cell.p, "p"), (cell.pFdr, "p_fdr")] {
                    assertRelativelyClose(mine, double(r[key]), 1e-6, "\(pair.label) \(cell.category) \(cell.framing.rawValue) \(key)")
                }
            }
            let first = try XCTUnwrap(ref["median_ranks_first_prompt_a"] as? [String: Any])
            for row in pair.medianRanks.prefix(2) {
                XCTAssertEqual(row.medianRank, double(first[row.category]), "\(row.category) median rank, model A, first prompt")
            }
        }
    }

    func testTokenTablesMatchPandas() throws {
        let expected = try XCTUnwrap(reference["tables"] as? [[String: Any]])
        let tables = sections.rewards.tables
        XCTAssertEqual(tables.map(\.title), ["Table 1", "Table A2", "Table A3"])
        for (table, ref) in zip(tables, expected) {
            XCTAssertEqual(table.commonTokens, ref["common_tokens"] as? Int)
            for (mine, theirs) in [(table.top, ref["top"]), (table.bottom, ref["bottom"])] {
                let rows = try XCTUnwrap(theirs as? [[String: Any]])
                XCTAssertEqual(mine.map(\.rank), rows.map { $0["rank"] as! Int }, table.title)
                XCTAssertEqual(mine.map(\.token), rows.map { $0["token"] as! String }, table.title)
                for (m, r) in zip(mine, rows) { assertRelativelyClose(m.score, double(r["score"]), 1e-9, "\(table.title) \(m.token)") }
            }
        }
        XCTAssertEqual(tables[0].top.first?.token, "Freedom")
    }

    func testMeasureComparisonMatchesPandas() throws {
        let expected = try XCTUnwrap(reference["tables"] as? [[String: Any]])
        for ref in expected {
            let title = ref["title"] as! String
            let ranks = try XCTUnwrap(ref["measure_ranks"] as? [String: [String: Any]])
            for row in sections.rewards.measureComparison where row.title == title {
                let r = try XCTUnwrap(ranks[row.measure.rawValue])
                XCTAssertEqual(row.freedomRank, r["Freedom"] as? Int, "\(title) \(row.measure) Freedom")
                XCTAssertEqual(row.loveRank, r["Love"] as? Int, "\(title) \(row.measure) Love")
                XCTAssertEqual(row.topToken, r["top"] as? String, "\(title) \(row.measure) top")
                XCTAssertEqual(row.bottomToken, r["bottom"] as? String, "\(title) \(row.measure) bottom")
            }
        }
        XCTAssertEqual(sections.rewards.measureComparison.count, 24)
    }

    func testFigure3FreedomAndLoveMatchPython() throws {
        let expected = try XCTUnwrap(reference["grid"] as? [[String: Any]])
        let rows = sections.rewards.freedomLove
        XCTAssertEqual(rows.count, 21)
        XCTAssertEqual(rows.prefix(4).map(\.label), ["G2-2b → L3-8b", "G2-9b → L3-8b", "G2-27b → L3-8b", "G2-2b → L3-70b"],
                       "sorted by Llama release, then Llama size, then Gemma size")
        XCTAssertEqual(rows.last?.label, "G2-27b → L3.3-70b")
        let section = study.manifest.logprobs!
        for ref in expected {
            let a = section.models.first { $0.file == ref["file_a"] as? String }!.name
            let b = section.models.first { $0.file == ref["file_b"] as? String }!.name
            let row = try XCTUnwrap(rows.first { $0.modelA == a && $0.modelB == b })
            assertRelativelyClose(row.freedom, double(ref["freedom"]), 1e-9, "\(row.label) freedom")
            assertRelativelyClose(row.love, double(ref["love"]), 1e-9, "\(row.label) love")
            XCTAssertEqual(row.freedomTokens, ref["freedom_tokens"] as? Int, row.label)
            XCTAssertEqual(row.loveTokens, ref["love_tokens"] as? Int, "\(row.label): NBSP and U+001F are trimmed, U+200B is not")
        }
    }

    func testRecoverySimulationIsLabelledAndReproducible() async throws {
        let sim = try XCTUnwrap(sections.rewards.simulation)
        XCTAssertEqual(sim.kind, .simulation)
        XCTAssertEqual(sim.recall.map(\.measure), ImplicitRewardMeasure.allCases)
        for r in sim.recall { XCTAssertTrue((0...1).contains(r.meanRecall), r.measure.rawValue) }
        let again = try await LogprobAnalyses.run(study)!.rewards.simulation
        XCTAssertEqual(sim, again, "seeded")
    }

    func testOnlyTheTablesPresentAreAnalysed() async throws {
        let folder = try Scratch.folder("partial-logprobs")
        for file in ["meta-llama--Llama-3.2-3B-Instruct.csv", "google--gemma-2-2b-it.csv"] {
            try FileManager.default.copyItem(at: Self.tablesFolder.appendingPathComponent(file), to: folder.appendingPathComponent(file))
        }
        let study = try await StudyLoader.load(folder: Fixtures.content, logprobs: folder)
        let analysed = try await LogprobAnalyses.run(study)
        let sections = try XCTUnwrap(analysed)
        XCTAssertEqual(sections.ranks.status, .partial)
        XCTAssertEqual(sections.ranks.pairs.map(\.label), ["Instruction-tuned"])
        XCTAssertEqual(sections.ranks.missing, ["google--gemma-2-2b.csv", "meta-llama--Llama-3.2-3B.csv"])
        XCTAssertEqual(sections.rewards.status, .partial)
        XCTAssertEqual(sections.rewards.tables.map(\.title), ["Table 1"])
        XCTAssertEqual(sections.rewards.freedomLove.map(\.label), ["G2-2b → L3.2-3b"])
        XCTAssertTrue(sections.rewards.missing.contains("google--gemma-2-9b-it.csv"))
        XCTAssertFalse(sections.rewards.missing.contains("google--gemma-2-2b-it.csv"))

        // An empty folder: every table missing (a folder that does not exist is an error, see DataChecksTests).
        let emptyFolder = folder.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: emptyFolder, withIntermediateDirectories: true)
        let none = try await StudyLoader.load(folder: Fixtures.content, logprobs: emptyFolder)
        let analysedNone = try await LogprobAnalyses.run(none)
        let empty = try XCTUnwrap(analysedNone)
        XCTAssertEqual(empty.ranks.status, .missing)
        XCTAssertEqual(empty.rewards.status, .missing)
        XCTAssertEqual(empty.ranks.missing.count, 4)
        XCTAssertEqual(empty.rewards.missing.count, 10)
        XCTAssertNil(empty.rewards.simulation)
    }
}
