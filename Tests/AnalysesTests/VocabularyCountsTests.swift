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

    /// The trimming without Foundation (`trimmedWithoutFoundation`) gives
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

    /// Every ASCII scalar, alone and at either end of a word, one or two
    /// deep and beside non-ASCII text: the trimming without Foundation and
    /// Foundation's agree, and the ASCII set is exactly Foundation's.
    func testTrimmingWithoutFoundationIsFoundationsOnEveryASCIIScalar() {
        for value in UInt8(0)..<0x80 {
            let scalar = Unicode.Scalar(value), c = String(scalar)
            XCTAssertEqual(VocabularyCounts.isASCIIWhiteSpace(scalar), c.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "scalar \(value)")
            for token in [c, c + "Word", "Word" + c, c + c + "a b" + c, " " + c + "é", "é" + c + "\t", c + "\u{3000}", "\r\n" + c + "\r\n",
                          "\u{A0}" + c, c + "\u{2028}", " ü" + c, "\u{301}" + c] {
                XCTAssertEqual(VocabularyCounts.trimmedLowercased(token),
                               token.trimmingCharacters(in: .whitespacesAndNewlines).lowercased(), "\(token.debugDescription)")
            }
        }
    }

    /// Foundation's white space beyond ASCII is inside the set that sends a
    /// string to Foundation, over every Unicode scalar; and the strings
    /// that end in one of those scalars trim as Foundation trims them.
    func testEveryNonASCIIWhiteSpaceScalarGoesToFoundation() {
        let set = CharacterSet.whitespacesAndNewlines
        var members = 0
        for value in UInt32(0x80)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if set.contains(scalar) {
                members += 1
                XCTAssertTrue(VocabularyCounts.mayBeUnicodeWhiteSpace(scalar), "U+\(String(value, radix: 16))")
            }
        }
        XCTAssertGreaterThan(members, 15)   // U+0085, U+00A0, U+1680, U+2000…U+200A, U+2028, …
        for value: UInt32 in [0x85, 0xA0, 0x1680, 0x180E, 0x2000, 0x2005, 0x200A, 0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF] {
            let w = String(Unicode.Scalar(value)!)
            for token in [w + "Love", "Love" + w, " " + w + " x " + w + "\n", w] {
                XCTAssertEqual(VocabularyCounts.trimmedLowercased(token),
                               token.trimmingCharacters(in: .whitespacesAndNewlines).lowercased(), "\(token.debugDescription)")
            }
        }
    }
}
