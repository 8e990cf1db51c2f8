@testable import Analyses
import Foundation
import StudyData
import TestSupport
import XCTest

/// The shared-vocabulary counts against an independent pandas reading of the
/// same files (Tests/Fixtures/reference/vocabulary/make_vocabulary_reference.py).
final class VocabularyCountsTests: XCTestCase {
    func testCountsMatchPandas() async throws {
        let data = try Data(contentsOf: Fixtures.references.appendingPathComponent("vocabulary/vocabulary_reference.json"))
        let ref = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let fixtureResults = try await Fixtures.results()
        let v = try XCTUnwrap(fixtureResults.vocabulary)
        XCTAssertEqual(v.sharedStrings, ref["shared_strings"] as? Int)
        XCTAssertEqual(v.emptyStrings, ref["empty_strings"] as? Int)
        XCTAssertEqual(v.sharedNouns, ref["shared_nouns"] as? Int)
        XCTAssertEqual(v.sharedNounsLowercase, ref["shared_nouns_lowercase"] as? Int)
        let perCategory = try XCTUnwrap(ref["shared_nouns_per_category"] as? [String: Int])
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: v.sharedNounsPerCategory.map { ($0.category, $0.count) }), perCategory)
        XCTAssertEqual(v.expandedTokenStrings, ref["expanded_token_strings"] as? Int)
        XCTAssertEqual(v.expandedDistinctWords, ref["expanded_distinct_words"] as? Int)
        // The manifest's axis label ("#1 = best, #N = worst") is the same count.
        let fixtureStudy = try await Fixtures.study()
        XCTAssertEqual(fixtureStudy.manifest.training?.words, v.expandedTokenStrings)
    }

    /// The fast path (nothing to trim when both ends are visible ASCII) gives
    /// Foundation's answer on strings with and without Unicode white space.
    func testTrimmingKeepsFoundationsAnswer() {
        let tokens = ["Love", " Love", "Love ", "\tLOVE\n", "", " ", "\u{00A0}love", "love\u{2003}", "\u{3000}Ä",
                      "É", "é ", "a b", "\u{85}x", "x\u{85}", "\u{1C}x", "x\u{7F}", "▁love", "!", "Straße"]
            + HostileStrings.corpus
        for token in tokens {
            XCTAssertEqual(VocabularyCounts.trimmedLowercased(token),
                           token.trimmingCharacters(in: .whitespacesAndNewlines).lowercased(), "\(token.debugDescription)")
        }
    }
}
