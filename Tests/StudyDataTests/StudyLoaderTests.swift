import Foundation
import TestSupport
import XCTest
@testable import StudyData

final class StudyLoaderTests: XCTestCase {

    /// The real study, loaded once for all the tests of this class (a
    /// failure is kept and rethrown to each test that asks).
    private static let loaded = Task { try await StudyLoader.load(folder: ContentFolder(root: Repo.content)) }
    private func realStudy() async throws -> LoadedStudy { try await Self.loaded.value }

    func testScoreTablesForEveryRewardModelAndDictionary() async throws {
        let study = try await realStudy()
        let labels = study.manifest.rewardModels.map(\.label)
        XCTAssertEqual(labels.count, 10)
        XCTAssertEqual(Set(study.scores.keys), ["big2", "mfd2"])
        for (dictionary, rows) in [("big2", 265), ("mfd2", 2040)] {
            let tables = try XCTUnwrap(study.scores[dictionary])
            XCTAssertEqual(Set(tables.keys), Set(labels), dictionary)
            for label in labels {
                let t = try XCTUnwrap(tables[label], "\(dictionary) \(label)")
                XCTAssertEqual(t.responses.count, rows, "\(dictionary) \(label)")
                XCTAssertEqual(t.promptKeys, study.manifest.prompts.map(\.key))
                XCTAssertEqual(t.scores.count, 54)
                XCTAssertTrue(t.scores.allSatisfy { $0.count == rows })
                XCTAssertEqual(t.path, "content/" + study.manifest.rewardModels.first { $0.label == label }!.scores[dictionary]!)
            }
        }
        let qrm = try XCTUnwrap(study.scores["big2"]?["N-Gem-27B"])
        XCTAssertEqual(qrm.path, "content/" + Repo.big2ScoresQRMGemma27B)
        XCTAssertEqual(qrm.responses.first, "accuracy")
        XCTAssertEqual(qrm.scores[0][0], 2.43164062)
    }

    /// Score files are parsed in parallel, but with two bad files the error
    /// always names the one the manifest lists first, as a sequential load would.
    func testFirstBadScoreFileInManifestOrderIsReported() async throws {
        let content = try Scratch.folder("loader-order").appendingPathComponent("content")
        try FileManager.default.copyItem(at: Repo.content, to: content)
        let first = "data/reward_model_scores/dict_big2_nouns/big2_rewards_nicolinho_QRM-Gemma-2-27B.csv"
        let later = "data/reward_model_scores/dict_MFD_20/MFD20_rewards_Skywork_Skywork-Reward-Llama-3.1-8B-v0.2.csv"
        for file in [first, later] {
            let url = content.appendingPathComponent(file)
            var text = try String(contentsOf: url, encoding: .utf8)
            text += "broken,row\n"
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        for _ in 0..<5 {
            await assertThrowsAsync(try await StudyLoader.load(folder: ContentFolder(root: content))) { error in
                XCTAssertTrue("\(error)".hasPrefix("content/" + first), "\(error)")
            }
        }
    }

    /// The vocabulary and training files are read beside the score files;
    /// with all three broken the error is still the score file's, then the
    /// vocabulary's before the training summary's, as a sequential load gives.
    func testVocabularyAndTrainingErrorsComeAfterScoreErrorsInManifestOrder() async throws {
        let content = try Scratch.folder("loader-order").appendingPathComponent("content")
        try FileManager.default.copyItem(at: Repo.content, to: content)
        func breakFile(_ file: String) throws {
            let url = content.appendingPathComponent(file)
            var text = try String(contentsOf: url, encoding: .utf8)
            text += "broken,row\n"
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let score = "data/reward_model_scores/dict_MFD_20/MFD20_rewards_Skywork_Skywork-Reward-Llama-3.1-8B-v0.2.csv"
        let vocabulary = "data/corpora/dict_big2_expanded.csv"
        let training = "data/reward_model_training/rank_results_uf_13.csv"
        for file in [score, vocabulary, training] { try breakFile(file) }
        for (fixed, expected) in [(nil, score), (score, vocabulary), (vocabulary, training)] as [(String?, String)] {
            if let fixed { try FileManager.default.removeItem(at: content.appendingPathComponent(fixed))
                           try FileManager.default.copyItem(at: Repo.content.appendingPathComponent(fixed), to: content.appendingPathComponent(fixed)) }
            for _ in 0..<3 {
                await assertThrowsAsync(try await StudyLoader.load(folder: ContentFolder(root: content))) { error in
                    XCTAssertTrue("\(error)".hasPrefix("content/" + expected), "\(error)")
                }
            }
        }
    }

    func testDictionariesUnderTheirRules() async throws {
        let study = try await realStudy()
        XCTAssertEqual(Set(study.dictionaries.keys), ["big2", "mfd2"])
        XCTAssertEqual(Set(study.dictionaries["big2"]?.keys ?? [:].keys), [.virtue])
        XCTAssertEqual(Set(study.dictionaries["mfd2"]?.keys ?? [:].keys), [.virtue, .script])
        XCTAssertEqual(study.dictionaries["big2"]?[.virtue]?.wordCount, 263)
        XCTAssertEqual(study.dictionaries["mfd2"]?[.virtue]?.wordCount, 989)
        XCTAssertEqual(study.dictionaries["mfd2"]?[.script]?.wordCount, 1652)
    }

    func testInputRecords() async throws {
        let study = try await realStudy()
        let inputs = study.inputs
        XCTAssertEqual(inputs.count, 1 + 2 + 20 + 6 + 1 + 2)   // manifest, dictionaries, 10 RMs x 2 score files, 6 training summaries, claims table, 2 vocabulary files
        XCTAssertEqual(Set(inputs.map(\.path)).count, inputs.count, "each input once")

        let hex = Set("0123456789abcdef")
        for input in inputs {
            XCTAssertTrue(input.path.hasPrefix("content/"), input.path)
            let sha256 = try XCTUnwrap(input.sha256, input.path)
            XCTAssertEqual(sha256.count, 64, input.path)
            XCTAssertTrue(sha256.allSatisfy { hex.contains($0) }, input.path)
            // the record describes the file on disk
            let data = try Data(contentsOf: Repo.root.appendingPathComponent(input.path))
            XCTAssertEqual(input.bytes, data.count, input.path)
            XCTAssertEqual(input.sha256, SHA256.hex(data), input.path)
            XCTAssertFalse(input.role.isEmpty)
        }

        XCTAssertEqual(inputs[0].path, "content/study.yaml")
        XCTAssertEqual(inputs[0].role, "study manifest")
        XCTAssertNil(inputs[0].rows)
        XCTAssertNil(inputs[0].columns)

        let big2 = try XCTUnwrap(inputs.first { $0.path == "content/" + Repo.big2Nouns })
        XCTAssertEqual(big2.rows, 263)
        XCTAssertEqual(big2.columns, 2)
        XCTAssertEqual(big2.bytes, 5853)
        XCTAssertEqual(big2.sha256, "186886a25b2f03ea3ec7e78fad71fabee408e3b5ec1758683461df4359b45435")   // sha256sum
        XCTAssertTrue(big2.role.hasPrefix("dictionary: "))

        let dicx = try XCTUnwrap(inputs.first { $0.path == "content/" + Repo.mfd2Dicx })
        XCTAssertEqual(dicx.rows, 2040)
        XCTAssertEqual(dicx.columns, 11)
        XCTAssertEqual(dicx.sha256, "973957f99129b324c8a4ebf3fcb7ed4e1f9f017b2d041f50288f991b0844ce7a")   // sha256sum

        let scoreInputs = inputs.filter { $0.role.hasPrefix("RM scores: ") }
        XCTAssertEqual(scoreInputs.count, 20)
        XCTAssertTrue(scoreInputs.allSatisfy { $0.columns == 55 })
        XCTAssertEqual(scoreInputs.filter { $0.rows == 265 }.count, 10)
        XCTAssertEqual(scoreInputs.filter { $0.rows == 2040 }.count, 10)
        let qrm = try XCTUnwrap(inputs.first { $0.path == "content/" + Repo.big2ScoresQRMGemma27B })
        XCTAssertEqual(qrm.role, "RM scores: N-Gem-27B on big2")
    }

    func testInputRecordIsCodable() async throws {
        let study = try await realStudy()
        let data = try JSONEncoder().encode(study.inputs)
        XCTAssertEqual(try JSONDecoder().decode([InputFileRecord].self, from: data), study.inputs)
    }

    // MARK: A small synthetic study

    private let manifest = """
    title: T
    citation: C
    prompts:
      - { key: best, framing: positive, text: "Best?" }
      - { key: worst, framing: negative, text: "Worst?" }
    families:
      - { name: Gemma, colour: "#DB4437" }
      - { name: Llama, colour: "#0064E0" }
    dictionaries:
      - { id: big2, name: Big Two, format: category-word, file: dict.csv, citation: P }
    reward_models:
      - { label: A, name: org/a, family: Gemma, size: 2B, scores: { big2: scores/a.csv } }
      - { label: B, name: org/b, family: Llama, size: 8B, scores: { big2: scores/b.csv } }
    """

    private func makeStudy(scoresB: String = "response,worst,best\nlove,1,2\nwar,-3,4\n") throws -> URL {
        let content = try Scratch.folder("StudyLoaderTests").appendingPathComponent("content")
        try FileManager.default.createDirectory(at: content.appendingPathComponent("scores"), withIntermediateDirectories: true)
        func write(_ text: String, _ name: String) throws {
            try Data(text.utf8).write(to: content.appendingPathComponent(name))
        }
        try write(manifest, "study.yaml")
        try write("Category,token_decoded\nCommunion,love\nAgency,war\n", "dict.csv")
        try write("response,best,worst\nlove,0.5,0.25\nwar,1e-1,2\n", "scores/a.csv")
        try write(scoresB, "scores/b.csv")
        return content
    }

    func testSyntheticStudyLoads() async throws {
        let study = try await StudyLoader.load(folder: ContentFolder(root: try makeStudy()))
        XCTAssertEqual(study.inputs.map(\.path), ["content/study.yaml", "content/dict.csv", "content/scores/a.csv", "content/scores/b.csv"])
        XCTAssertEqual(study.inputs[1].rows, 2)
        XCTAssertEqual(study.inputs[2].columns, 3)
        let b = try XCTUnwrap(study.scores["big2"]?["B"])
        XCTAssertEqual(b.responses, ["love", "war"])
        XCTAssertEqual(b.scores, [[2, 4], [1, -3]])   // [best, worst] in manifest order
        XCTAssertEqual(study.dictionaries["big2"]?[.virtue]?.categoryOfWord, ["love": "Communion", "war": "Agency"])
    }

    func testBadScoreInASyntheticStudyNamesTheFileLineAndColumn() async throws {
        let content = try makeStudy(scoresB: "response,worst,best\nlove,1,2\nwar,NaN,4\n")
        var error: DataError?
        await assertThrowsAsync(try await StudyLoader.load(folder: ContentFolder(root: content))) { error = $0 as? DataError }
        XCTAssertEqual(error?.description, "content/scores/b.csv:3:2: expected a number, found \"NaN\"")
    }

    func testScoreFileOutsideTheContentFolderIsRejected() async throws {
        let content = try makeStudy()
        let text = manifest.replacingOccurrences(of: "big2: scores/b.csv", with: "big2: ../b.csv")
        try Data(text.utf8).write(to: content.appendingPathComponent("study.yaml"))
        try Data("response,best,worst\nx,1,2\n".utf8).write(to: content.deletingLastPathComponent().appendingPathComponent("b.csv"))
        var error: DataError?
        await assertThrowsAsync(try await StudyLoader.load(folder: ContentFolder(root: content))) { error = $0 as? DataError }
        XCTAssertTrue(error?.message.hasPrefix("reward_models.B.scores.big2: the path \"../b.csv\" leaves the content folder") ?? false,
                      error?.description ?? "")
    }

    func testMissingScoreFile() async throws {
        let content = try makeStudy()
        try FileManager.default.removeItem(at: content.appendingPathComponent("scores/b.csv"))
        var error: DataError?
        await assertThrowsAsync(try await StudyLoader.load(folder: ContentFolder(root: content))) { error = $0 as? DataError }
        XCTAssertEqual(error?.path, "content/scores/b.csv")
        XCTAssertTrue(error?.message.hasPrefix("cannot read the file") ?? false, error?.description ?? "")
    }

    // MARK: - Work beside the §3 tables

    private static let logprobTables = Repository.reference("logprobs/tables")

    /// `load(…, beside:)` hands its work the study without the §3 tables
    /// (everything else already read) and returns what a plain `load` does.
    func testBesideSeesEverythingButTheLogprobTables() async throws {
        let folder = ContentFolder(root: Repo.content)
        let (study, seen) = try await StudyLoader.load(folder: folder, logprobs: Self.logprobTables, beside: { core, _ in
            (hasTables: core.logprobs != nil, inputs: core.inputs.map(\.path), scores: core.scores.mapValues { $0.count }, training: core.training.count)
        })
        let plain = try await StudyLoader.load(folder: folder, logprobs: Self.logprobTables)
        XCTAssertFalse(seen.hasTables)
        XCTAssertEqual(study.logprobs?.files.count, 12)
        XCTAssertEqual(study.logprobs?.files.map(\.path), plain.logprobs?.files.map(\.path))
        XCTAssertEqual(study.inputs, plain.inputs)
        XCTAssertEqual(seen.inputs, Array(plain.inputs.map(\.path).dropLast(12)), "every input but the 12 tables, which come last")
        XCTAssertEqual(seen.scores, ["big2": 10, "mfd2": 10])
        XCTAssertEqual(seen.training, plain.training.count)
        XCTAssertGreaterThan(seen.training, 0)
    }

    /// The work beside the load gets a table as it is read: the same table
    /// the study ends with; and nil for one never read, once the reading is over.
    func testBesideGetsATableAsItArrives() async throws {
        let folder = ContentFolder(root: Repo.content)
        for model in ["google/gemma-2-2b", "meta-llama/Llama-3.2-1B-Instruct"] {
            let (study, arrived) = try await StudyLoader.load(folder: folder, logprobs: Self.logprobTables, beside: { core, arrivals in
                (table: await arrivals.table(model)?.fingerprint(), hadTables: core.logprobs != nil)
            })
            XCTAssertFalse(arrived.hadTables)
            XCTAssertEqual(arrived.table, study.logprobs?.tables[model]?.fingerprint(), model)
            XCTAssertNotNil(arrived.table, model)
        }
        let (_, missing) = try await StudyLoader.load(folder: folder, logprobs: Self.logprobTables, beside: { _, arrivals in
            await arrivals.table("no/such-model")
        })
        XCTAssertNil(missing)
    }

    /// With work beside the tables, errors still come in the sequential
    /// order: a score file's before a table's, and a table's even though
    /// the work beside it succeeded.
    func testBesideKeepsTheErrorOrder() async throws {
        let root = try Scratch.folder("StudyLoaderTests")
        let content = root.appendingPathComponent("content"), tables = root.appendingPathComponent("tables")
        try FileManager.default.copyItem(at: Repo.content, to: content)
        try FileManager.default.copyItem(at: Self.logprobTables, to: tables)
        func breakFile(_ url: URL) throws {
            var text = try String(contentsOf: url, encoding: .utf8)
            text += "broken,row\n"
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let score = "data/reward_model_scores/dict_MFD_20/MFD20_rewards_Skywork_Skywork-Reward-Llama-3.1-8B-v0.2.csv"
        try breakFile(content.appendingPathComponent(score))
        try breakFile(tables.appendingPathComponent("google--gemma-2-9b-it.csv"))
        // The work beside waits for the broken table: the failed read must
        // still end the arrivals, or this load would never return.
        func load() async throws -> Bool {
            try await StudyLoader.load(folder: ContentFolder(root: content), logprobs: tables, beside: { _, arrivals in
                await arrivals.table("google/gemma-2-9b-it") == nil
            }).beside
        }
        await assertThrowsAsync(try await load()) { error in
            XCTAssertTrue("\(error)".hasPrefix("content/" + score), "\(error)")
        }
        try FileManager.default.removeItem(at: content.appendingPathComponent(score))
        try FileManager.default.copyItem(at: Repo.contentFile(score), to: content.appendingPathComponent(score))
        await assertThrowsAsync(try await load()) { error in
            XCTAssertTrue("\(error)".contains("google--gemma-2-9b-it.csv"), "\(error)")
        }
    }
}

/// The §4 checkpoint-table reader: what it accepts and how it fails.
final class CheckpointTableReaderTests: XCTestCase {
    func testReadsStepColumnsInOrderAndKeepsMissingAsNaN() throws {
        let csv = "\"\",token_decoded,step-2000,token_id,step-1000\n0,\" Love\",1.5,7,NA\n1,\"x,y\",,8,-2\n"
        let t = try CheckpointTableReader.read(Data(csv.utf8), family: "Gemma", path: "g.csv")
        XCTAssertEqual(t.steps, [1000, 2000])
        XCTAssertEqual(t.tokens, [" Love", "x,y"])
        XCTAssertTrue(t.scores[0][0].isNaN); XCTAssertEqual(t.scores[0][1], 1.5)
        XCTAssertEqual(t.scores[1][0], -2); XCTAssertTrue(t.scores[1][1].isNaN)
    }

    func testErrorsNameLineAndColumn() {
        func error(_ csv: String) -> String {
            do { _ = try CheckpointTableReader.read(Data(csv.utf8), family: "G", path: "g.csv"); return "" } catch { return "\(error)" }
        }
        XCTAssertEqual(error("token_decoded,step-1\na,1\nb,oops\n"), "g.csv:3:2: expected a reward score, NA or an empty field, found \"oops\"")
        XCTAssertEqual(error("token_decoded,score\na,1\n"), "g.csv:1: expected one step-N column per checkpoint (e.g. step-1000), found none")
        XCTAssertEqual(error("token_decoded,step-x\na,1\n"), "g.csv:1:2: expected a column name step-N with a whole number N, found \"step-x\"")
        XCTAssertTrue(error("word,step-1\na,1\n").hasPrefix("g.csv:1: expected a column named \"token_decoded\""))
    }
}
