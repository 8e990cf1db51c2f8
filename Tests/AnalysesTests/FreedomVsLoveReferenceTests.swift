import Analyses
import Foundation
import Stats
import StudyData
import TestSupport
import XCTest

/// Fig. 3 under every prompt on the generated log-prob tables of
/// Tests/Fixtures/reference/logprobs/tables, against the pandas/numpy values
/// of Tests/Fixtures/reference/robustness/make_freedom_vs_love_reference.py.
final class FreedomVsLoveReferenceTests: XCTestCase {
    func testEveryPairUnderEveryPromptMatchesPandas() async throws {
        let reference = try Fixtures.json("robustness/freedom_vs_love_reference.json")
        let study = try await LogprobReferenceTests.sharedStudy()
        let section = try XCTUnwrap(FreedomVsLove.analyse(study))
        XCTAssertEqual(section.status, .ok)
        XCTAssertEqual(section.missing, [])
        XCTAssertTrue(section.simulated)
        XCTAssertEqual(section.positivePrompts, reference["positive_prompts"] as? Int)
        XCTAssertEqual(section.negativePrompts, reference["negative_prompts"] as? Int)
        XCTAssertEqual(section.pairsFreedomAboveLoveUnderEveryPositivePrompt,
                       reference["pairs_freedom_above_love_under_every_positive_prompt"] as? Int)
        XCTAssertEqual(section.pairsFreedomAboveLoveUnderEveryNegativePrompt,
                       reference["pairs_freedom_above_love_under_every_negative_prompt"] as? Int)
        let pairs = try XCTUnwrap(reference["pairs"] as? [[String: Any]])
        XCTAssertEqual(section.pairs.count, 21)
        XCTAssertEqual(section.pairs.map(\.llamaModel), pairs.map { $0["llama_model"] as! String }, "Fig. 3 order")
        XCTAssertEqual(section.pairs.map(\.gemmaModel), pairs.map { $0["gemma_model"] as! String })
        for (pair, ref) in zip(section.pairs, pairs) {
            XCTAssertEqual(pair.label, ref["label"] as? String)
            for key in ["positive_prompts", "positive_prompts_freedom_above_love", "negative_prompts", "negative_prompts_freedom_above_love"] {
                let mine = [pair.positivePrompts, pair.positivePromptsFreedomAboveLove, pair.negativePrompts, pair.negativePromptsFreedomAboveLove][
                    ["positive_prompts", "positive_prompts_freedom_above_love", "negative_prompts", "negative_prompts_freedom_above_love"].firstIndex(of: key)!]
                XCTAssertEqual(mine, ref[key] as? Int, "\(pair.label) \(key)")
            }
            let prompts = try XCTUnwrap(ref["per_prompt"] as? [[String: Any]])
            XCTAssertEqual(pair.perPrompt.map(\.prompt), prompts.map { $0["prompt"] as! String })
            for (row, r) in zip(pair.perPrompt, prompts) {
                XCTAssertEqual(row.framing, r["framing"] as? String)
                XCTAssertEqual(row.freedomMwlr, double(r["freedom_mwlr"]), accuracy: 1e-9, "\(pair.label) \(row.prompt) freedom")
                XCTAssertEqual(row.loveMwlr, double(r["love_mwlr"]), accuracy: 1e-9, "\(pair.label) \(row.prompt) love")
                XCTAssertEqual(row.freedomMinusLove, double(r["freedom_mwlr"]) - double(r["love_mwlr"]), accuracy: 1e-9)
                XCTAssertEqual(row.freedomTokens, r["freedom_tokens"] as? Int)
                XCTAssertEqual(row.loveTokens, r["love_tokens"] as? Int)
            }
        }
        // The fixture is not trivial: some pairs hold under every positive prompt, some do not.
        XCTAssertGreaterThan(section.pairsFreedomAboveLoveUnderEveryPositivePrompt, 0)
        XCTAssertLessThan(section.pairsFreedomAboveLoveUnderEveryPositivePrompt, 21)
    }

    /// Under the Fig. 3 prompt the numbers are Fig. 3's, bit for bit.
    func testTheFigure3PromptGivesFigure3() async throws {
        let study = try await LogprobReferenceTests.sharedStudy()
        let section = try XCTUnwrap(FreedomVsLove.analyse(study))
        let analysed = try await LogprobAnalyses.run(study)
        let figure3 = try XCTUnwrap(analysed).rewards.freedomLove
        XCTAssertEqual(figure3.map(\.label), section.pairs.map(\.label))
        for (row, pair) in zip(figure3, section.pairs) {
            let cell = try XCTUnwrap(pair.perPrompt.first { $0.prompt == section.figure3Prompt })
            XCTAssertEqual(cell.freedomMwlr, row.freedom, row.label)
            XCTAssertEqual(cell.loveMwlr, row.love, row.label)
            XCTAssertEqual(cell.freedomTokens, row.freedomTokens)
            XCTAssertEqual(cell.loveTokens, row.loveTokens)
        }
    }

    /// Under every prompt, each pair's numbers are Fig. 3's rule bit for bit
    /// (`freedomLoveScores` of `TokenAlignment.align` on the whole tables),
    /// though the analysis indexes each model's rows once for all its pairs.
    func testEveryPromptFollowsFigure3sRuleBitForBit() async throws {
        let study = try await LogprobReferenceTests.sharedStudy()
        let section = try XCTUnwrap(FreedomVsLove.analyse(study))
        let plan = try XCTUnwrap(study.manifest.logprobs).implicitRewards
        let tables = try XCTUnwrap(study.logprobs).tables
        XCTAssertEqual(section.pairs.count, plan.grid.sources.count * plan.grid.targets.count)
        var compared = 0
        for pair in section.pairs {
            let a = try XCTUnwrap(tables[pair.llamaModel]), b = try XCTUnwrap(tables[pair.gemmaModel])
            XCTAssertEqual(pair.perPrompt.map(\.prompt), study.manifest.prompts.map(\.key))
            for cell in pair.perPrompt {
                let (freedom, love) = ImplicitRewards.freedomLoveScores(try TokenAlignment.align(a, b, prompt: cell.prompt))
                let f = Descriptive.mean(freedom), l = Descriptive.mean(love)
                XCTAssertEqual(cell.freedomMwlr.bitPattern, f.bitPattern, "\(pair.label) \(cell.prompt) freedom")
                XCTAssertEqual(cell.loveMwlr.bitPattern, l.bitPattern, "\(pair.label) \(cell.prompt) love")
                XCTAssertEqual(cell.freedomTokens, freedom.count)
                XCTAssertEqual(cell.loveTokens, love.count)
                compared += 1
            }
        }
        XCTAssertEqual(compared, 21 * 54)
    }

    /// The loader read the Fig. 3 models' "freedom"/"love" rows with every
    /// prompt and their other rows with the Fig. 3 prompt only, in one pass.
    func testOnlyTheFreedomLoveRowsAreReadUnderEveryPrompt() async throws {
        let study = try await LogprobReferenceTests.sharedStudy()
        let table = try XCTUnwrap(study.logprobs?.tables["meta-llama/Llama-3.1-8B-Instruct"])
        XCTAssertEqual(table.promptKeys, study.manifest.prompts.map(\.key))
        let other = try XCTUnwrap(table.promptKeys.firstIndex(of: "worst_ever_one"))
        let figure3 = try XCTUnwrap(table.promptKeys.firstIndex(of: "greatest_ever_one"))
        for (row, token) in table.tokens.enumerated() {
            let reads = TokenWords.freedomLove.word(of: token) != nil
            XCTAssertEqual(table.columns[other][row].isNaN, !reads, "\(token.debugDescription): other prompts read only for freedom/love rows")
            XCTAssertFalse(table.columns[figure3][row].isNaN)
        }
        XCTAssertEqual(study.logprobs?.files.first { $0.model == "meta-llama/Llama-3.1-8B-Instruct" }?.promptsRead, 54)
    }

    func testWithoutTablesTheSectionIsMissingAndNamesTheFiles() async throws {
        let empty = try Scratch.folder("FreedomVsLoveReferenceTests")
        let study = try await StudyLoader.load(folder: Fixtures.content, logprobs: empty)
        let section = try XCTUnwrap(FreedomVsLove.analyse(study))
        XCTAssertEqual(section.status, .missing)
        XCTAssertEqual(section.pairs, [])
        XCTAssertEqual(section.pairsFreedomAboveLoveUnderEveryPositivePrompt, 0)
        let plan = try XCTUnwrap(study.manifest.logprobs)
        XCTAssertEqual(section.missing, (plan.implicitRewards.grid.sources + plan.implicitRewards.grid.targets).map { plan.model(named: $0)!.file })
        // §3's own section reports the same status for the same reason.
        let analysed = try await LogprobAnalyses.run(study)
        XCTAssertEqual(try XCTUnwrap(analysed).rewards.status, .missing)
    }

    func testSomeTablesGivePartialResults() async throws {
        let folder = try Scratch.folder("FreedomVsLoveReferenceTests")
        for file in ["meta-llama--Llama-3.2-1B-Instruct.csv", "google--gemma-2-9b-it.csv", "google--gemma-2-27b-it.csv"] {
            try FileManager.default.copyItem(at: LogprobReferenceTests.tablesFolder.appendingPathComponent(file),
                                             to: folder.appendingPathComponent(file))
        }
        let study = try await StudyLoader.load(folder: Fixtures.content, logprobs: folder)
        let section = try XCTUnwrap(FreedomVsLove.analyse(study))
        XCTAssertEqual(section.status, .partial)
        XCTAssertEqual(section.pairs.map(\.label), ["G2-9b → L3.2-1b", "G2-27b → L3.2-1b"])
        XCTAssertEqual(section.missing.count, 7, "10 Fig. 3 models, 3 given")
        XCTAssertFalse(section.missing.contains("google--gemma-2-9b-it.csv"))
    }

    func testWithoutALogprobSectionThereIsNoResult() async throws {
        let fixtureStudy = try await Fixtures.study()
        var study = fixtureStudy
        study.manifest.logprobs = nil
        study.logprobs = nil
        XCTAssertNil(try FreedomVsLove.analyse(study))
    }
}


