import Foundation
import TestSupport
import XCTest
@testable import StudyData

/// The scaling benchmark's larger §3 studies: every model copied, Fig. 3's
/// grid over every copy, a manifest section that validates and reads back.
final class ScaledLogprobStudyTests: XCTestCase {
    func testTwoCopiesDoubleTheModelsAndQuadrupleTheGrid() throws {
        let manifest = try ManifestLoader.load(from: ContentFolder(root: Repo.content))
        let base = try XCTUnwrap(manifest.logprobs)
        let scaled = ScaledLogprobStudy.section(base, copies: 2)
        XCTAssertEqual(scaled.models.count, 2 * base.models.count)
        XCTAssertEqual(Array(scaled.models.prefix(base.models.count)), base.models)
        XCTAssertEqual(scaled.model(named: "google/gemma-2-2b-it-copy2")?.file, "google--gemma-2-2b-it-copy2.csv")
        XCTAssertEqual(scaled.implicitRewards.grid.sources.count * scaled.implicitRewards.grid.targets.count,
                       4 * base.implicitRewards.grid.sources.count * base.implicitRewards.grid.targets.count)
        XCTAssertEqual(scaled.rankPairs, base.rankPairs)
        XCTAssertEqual(ScaledLogprobStudy.section(base, copies: 1), base)
        XCTAssertNoThrow(try LogprobManifestValidation.validate(scaled, in: manifest, displayPath: "study.yaml"))
    }

    /// What `Benchmarks/speed/scaling.sh` does: the manifest without its
    /// logprobs section, then the generated one; it must load as the scaled section.
    func testTheYAMLSectionReplacesTheManifestsOwn() throws {
        let base = try XCTUnwrap(try ManifestLoader.load(from: ContentFolder(root: Repo.content)).logprobs)
        let scaled = ScaledLogprobStudy.section(base, copies: 3)
        let text = try ScaledLogprobStudy.yaml(scaled)
        XCTAssertTrue(text.hasPrefix("logprobs:\n"))
        let original = try String(contentsOf: Repo.content.appendingPathComponent("study.yaml"), encoding: .utf8)
        var kept: [Substring] = [], skipping = false
        for line in original.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("logprobs:") { skipping = true; continue }
            if skipping, let first = line.first, first.isLetter { skipping = false }
            if !skipping { kept.append(line) }
        }
        let dir = try Scratch.folder("ScaledLogprobStudyTests")
        try (kept.joined(separator: "\n") + "\n" + text).write(to: dir.appendingPathComponent("study.yaml"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try ManifestLoader.load(from: ContentFolder(root: dir)).logprobs, scaled)
    }
}
