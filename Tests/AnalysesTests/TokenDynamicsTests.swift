import Analyses
import Foundation
@testable import StudyData
import TestSupport
import XCTest

/// Token-level §4 (Fig. 5, A6, App. G) on SIMULATED checkpoint tables: against
/// an independent Python/scipy reading of a committed generated table
/// (Tests/Fixtures/reference/training/token_dynamics_reference.py), and the
/// planted drift of freshly generated tables.
final class TokenDynamicsTests: XCTestCase {
    var big2: CategoryDictionary!
    var source: TokenDynamicsSource!

    override func setUp() async throws {
        let fixtureStudy = try await Fixtures.study()
        let study = fixtureStudy
        big2 = try XCTUnwrap(study.dictionaries["big2"]?[.virtue])
        source = try XCTUnwrap(study.manifest.training?.tokenDynamics)
    }

    func testNormalisationDropsNonASCIITrimsAndLowercases() throws {
        XCTAssertEqual(TokenNormalisation.normalise(" Love"), "love")
        XCTAssertEqual(TokenNormalisation.normalise("\u{2581}Freedom"), "freedom")
        XCTAssertEqual(TokenNormalisation.normalise("caf\u{E9}"), "caf")
        XCTAssertEqual(TokenNormalisation.normalise("\n\tFAMILY \r"), "family")
        XCTAssertEqual(TokenNormalisation.normalise("爱"), "")
        XCTAssertEqual(TokenNormalisation.normalise("\u{A0}trust\u{A0}"), "trust", "non-ASCII space is dropped, not kept")
        XCTAssertEqual(TokenNormalisation.normalise(" a b "), "a b", "inner spaces stay")
        XCTAssertEqual(TokenNormalisation.normalise("\u{1F}x\u{0B}"), "x", "what Python's str.strip() trims")
    }

    func testRankChangesAndKendallMatchPythonReference() throws {
        let url = Fixtures.references.appendingPathComponent("training/checkpoints/greatest_ever_one_across_checkpoints_gemma.csv")
        let table = try CheckpointTableReader.read(Data(contentsOf: url), family: "Gemma", path: "gemma.csv")
        let result = TokenDynamics.family(table, dictionary: big2, top: 10)
        let ref = try Fixtures.json("training/token_dynamics_reference.json")
        XCTAssertEqual(result.steps, (ref["steps"] as! [NSNumber]).map(\.intValue))
        XCTAssertEqual(result.wordsRanked, (ref["words_ranked"] as! NSNumber).intValue)
        XCTAssertEqual(result.wordsDropped, ref["words_dropped"] as! [String])
        XCTAssertEqual(result.variantsKept, (ref["variants_kept"] as! NSNumber).intValue)
        XCTAssertEqual(result.tokensRead, (ref["tokens_read"] as! NSNumber).intValue)
        for (key, ours) in [("risers", result.risers), ("fallers", result.fallers)] {
            let theirs = ref[key] as! [[String: Any]]
            XCTAssertEqual(ours.map(\.word), theirs.map { $0["word"] as! String }, key)
            XCTAssertEqual(ours.map(\.category), theirs.map { $0["category"] as! String }, key)
            for (o, t) in zip(ours, theirs) {
                XCTAssertEqual(o.firstRank, double(t["first_rank"]), key)
                XCTAssertEqual(o.lastRank, double(t["last_rank"]), key)
                XCTAssertEqual(o.change, double(t["change"]), key)
            }
        }
        let kendall = ref["kendall"] as! [[String: Any]]
        XCTAssertEqual(result.kendall.count, kendall.count)
        for (o, t) in zip(result.kendall, kendall) {
            XCTAssertEqual(o.step, (t["step"] as! NSNumber).intValue)
            assertRelativelyClose(o.vsFinal!, double(t["vs_final"]), 1e-12, "τ vs final at \(o.step)")
            if t["vs_previous"] is NSNull { XCTAssertNil(o.vsPrevious) } else {
                assertRelativelyClose(o.vsPrevious!, double(t["vs_previous"]), 1e-12, "τ vs previous at \(o.step)")
            }
        }
    }

    func testGeneratedTablesShowThePlantedDrift() throws {
        let dir = try Scratch.folder("checkpoints")
        let words = big2.categoryOfWord.sorted { $0.key < $1.key }
        let generator = CheckpointGenerator(agency: words.filter { $0.value == "Agency" }.map(\.key),
                                            communion: words.filter { $0.value == "Communion" }.map(\.key), seed: 7)
        let planted: [String: CheckpointGenerator.Planted] = ["Gemma": .init(riser: "choice", faller: "neighbors"),
                                                              "Llama": .init(riser: "families", faller: "accuracy"),
                                                              "Qwen": .init(riser: "decision", faller: "family")]
        try generator.write(to: dir, tables: source.tables, planted: planted)
        let loaded = try CheckpointLoader.load(source, directory: dir, display: "ckpt")
        XCTAssertTrue(loaded.simulated)
        let status = TokenDynamics.analyse(loaded, source: source, dictionary: big2)
        XCTAssertEqual(status.status, .ok)
        XCTAssertEqual(status.families.map(\.family), ["Gemma", "Llama", "Qwen"])
        for family in status.families {
            XCTAssertEqual(family.risers.first?.word, planted[family.family]!.riser, family.family)
            XCTAssertEqual(family.fallers.first?.word, planted[family.family]!.faller, family.family)
            XCTAssertEqual(family.risers.count, 10); XCTAssertEqual(family.fallers.count, 10)
            XCTAssertTrue(family.risers.allSatisfy { $0.change > 0 } && family.fallers.allSatisfy { $0.change < 0 })
            XCTAssertEqual(family.wordsRanked, big2.wordCount, "variants with a missing score still give every word a mean")
            XCTAssertEqual(family.kendall.last?.vsFinal ?? 0, 1, accuracy: 1e-12)
            XCTAssertNil(family.kendall.first?.vsPrevious)
            // The ranking settles: later checkpoints agree more with the final one.
            XCTAssertLessThan(family.kendall.first!.vsFinal!, family.kendall[family.kendall.count - 2].vsFinal!, family.family)
            XCTAssertEqual(family.ranks.count, family.wordsRanked)
        }
        // One table taken away: partial, and it is named.
        try FileManager.default.removeItem(at: dir.appendingPathComponent(source.tables[2].name + ".csv"))
        let partial = TokenDynamics.analyse(try CheckpointLoader.load(source, directory: dir, display: "ckpt"), source: source, dictionary: big2)
        XCTAssertEqual(partial.status, .partial)
        XCTAssertEqual(partial.missing, [source.tables[2].name])
        // A broken Parquet file in its place is named in a clear error, not skipped.
        try Data("PAR1".utf8).write(to: dir.appendingPathComponent(source.tables[2].name + ".parquet"))
        XCTAssertThrowsError(try CheckpointLoader.load(source, directory: dir, display: "ckpt")) { error in
            XCTAssertTrue("\(error)".hasPrefix("ckpt/greatest_ever_one_across_checkpoints_qwen.parquet: expected a Parquet file (at least 12 bytes"), "\(error)")
        }
        // Both forms of one table: which one to read is not guessed.
        try Data("PAR1".utf8).write(to: dir.appendingPathComponent(source.tables[0].name + ".parquet"))
        XCTAssertThrowsError(try CheckpointLoader.load(source, directory: dir, display: "ckpt")) { error in
            XCTAssertEqual("\(error)", "ckpt/greatest_ever_one_across_checkpoints_gemma.parquet: expected one form of the table, found both greatest_ever_one_across_checkpoints_gemma.csv and greatest_ever_one_across_checkpoints_gemma.parquet in ckpt; keep one so it is clear which was read")
        }
    }

    func testWithoutTablesTheStatusIsMissingWithTheList() async throws {
        let fixtureResults = try await Fixtures.results()
        let status = try XCTUnwrap(fixtureResults.training).tokenDynamics
        XCTAssertEqual(status.status, .missing)
        XCTAssertEqual(status.missing, ["greatest_ever_one_across_checkpoints_gemma", "greatest_ever_one_across_checkpoints_llama",
                                        "greatest_ever_one_across_checkpoints_qwen"])
        XCTAssertTrue(status.families.isEmpty)
        XCTAssertNil(status.folder)
    }

    func testTiedScoresGetAverageRanksAndVariantsAreAveraged() throws {
        let dictionary = CategoryDictionary(id: "d", path: "d", categories: ["Agency", "Communion"],
                                            categoryOfWord: ["a": "Agency", "b": "Communion", "c": "Agency", "d": "Communion"])
        let table = CheckpointTable(family: "X", path: "x.csv", steps: [1, 2], tokens: ["a", " A", "b", "c", "d", "zzz"],
                                    scores: [[4, 1], [2, .nan], [3, 2], [3, 3], [.nan, 5], [9, 9]])
        let r = TokenDynamics.family(table, dictionary: dictionary, top: 10)
        XCTAssertEqual(r.wordsDropped, ["d"])
        // Step 1: a = mean(4, 2) = 3, b = 3, c = 3 → all tied at rank 2. Step 2: a = 1, b = 2, c = 3 → 3, 2, 1.
        XCTAssertEqual(r.ranks.map(\.word), ["a", "b", "c"])
        XCTAssertEqual(r.ranks.map(\.ranks), [[2, 3], [2, 2], [2, 1]])
        XCTAssertEqual(r.risers.map(\.word), ["c"]); XCTAssertEqual(r.fallers.map(\.word), ["a"])
        XCTAssertNil(r.kendall[0].vsFinal, "a constant ranking has no τ")
        XCTAssertEqual(r.variantsKept, 5); XCTAssertEqual(r.wordsAbsent, 0)
    }
}
