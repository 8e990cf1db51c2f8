import Foundation
import TestSupport
import XCTest
@testable import StudyData

/// What §3 reads from each table (`LogprobReadPlan`), on the real manifest:
/// the build and `bench-logprobs` share it, so this is what both read.
final class LogprobReadPlanTests: XCTestCase {
    func testRankPairModelsReadTheirWordsUnderEveryPromptAndImplicitModelsEveryRowOfOnePromptPlusFreedomAndLove() throws {
        let manifest = try ManifestLoader.load(from: ContentFolder(root: Repo.content))
        let section = try XCTUnwrap(manifest.logprobs)
        let prompts = manifest.prompts.map(\.key)
        let words: Set<String> = ["agency", "warmth"]
        let plan = LogprobReadPlan(section: section, promptKeys: prompts, dictionaryWords: [section.rankPairs[0].dictionary: words])
        let byName = Dictionary(uniqueKeysWithValues: plan.entries.map { ($0.model.name, $0) })
        XCTAssertEqual(plan.implicitPrompt, "greatest_ever_one")
        // In the manifest's order, and only models some analysis uses.
        XCTAssertEqual(plan.entries.map(\.model.name), section.models.map(\.name).filter { byName[$0] != nil })

        let baseOnly = try XCTUnwrap(byName["google/gemma-2-2b"])            // Fig. 2 only
        XCTAssertEqual(baseOnly.request.prompts, prompts)
        XCTAssertEqual(baseOnly.request.tokens, words)
        XCTAssertEqual(baseOnly.request.everyRowPrompts, [])
        XCTAssertEqual(baseOnly.rankWords, words)
        XCTAssertFalse(baseOnly.implicitRewards)

        let both = try XCTUnwrap(byName["google/gemma-2-2b-it"])             // Fig. 2 and the implicit rewards: read once
        XCTAssertEqual(both.request.prompts, prompts)
        XCTAssertEqual(both.request.tokens, words)
        XCTAssertEqual(both.request.everyRowPrompts, ["greatest_ever_one"])
        XCTAssertTrue(both.implicitRewards)

        // A Fig. 3 model: every row under the Fig. 3 prompt, and the rows that
        // read as "freedom"/"love" under every prompt (Fig. 3 under every prompt), in one pass.
        let implicitOnly = try XCTUnwrap(byName["meta-llama/Llama-3.3-70B-Instruct"])
        XCTAssertEqual(implicitOnly.request.prompts, prompts)
        XCTAssertEqual(implicitOnly.request.tokens, [], "no dictionary word; only the reads-as words")
        XCTAssertEqual(implicitOnly.request.tokenWords?.words, ["freedom", "love"])
        XCTAssertEqual(implicitOnly.request.everyRowPrompts, ["greatest_ever_one"], "every row of the Fig. 3 prompt")
        XCTAssertNil(implicitOnly.rankWords)
        XCTAssertTrue(implicitOnly.implicitRewards)
    }

    func testLocateFindsCSVOrParquetAndNamesWhatIsMissing() throws {
        let manifest = try ManifestLoader.load(from: ContentFolder(root: Repo.content))
        let section = try XCTUnwrap(manifest.logprobs)
        let plan = LogprobReadPlan(section: section, promptKeys: manifest.prompts.map(\.key), dictionaryWords: [:])
        let folder = try Scratch.folder("read-plan")
        let first = plan.entries[0].model.file, second = plan.entries[1].model.file
        try Data().write(to: folder.appendingPathComponent(first))
        try Data().write(to: folder.appendingPathComponent((second as NSString).deletingPathExtension + ".parquet"))
        let found = try plan.locate(in: folder, display: "tables")
        XCTAssertEqual(found.present.map(\.url.lastPathComponent), [first, (second as NSString).deletingPathExtension + ".parquet"])
        XCTAssertEqual(found.missing, plan.entries.dropFirst(2).map(\.model.file))
        XCTAssertEqual(try plan.locate(in: nil, display: "tables").missing, plan.entries.map(\.model.file))
    }
}
