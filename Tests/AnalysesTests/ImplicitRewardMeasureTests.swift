import Analyses
import Foundation
import StudyData
import TestSupport
import XCTest

/// The eight measures on hand-checkable log-prob pairs (values from numpy in
/// make_logprob_reference.py) and their symmetry properties.
final class ImplicitRewardMeasureTests: XCTestCase {
    func testEachMeasureMatchesNumpyOnHandCases() throws {
        let cases = try XCTUnwrap(try Fixtures.json("logprobs/reference.json")["hand_cases"] as? [[String: Any]])
        for c in cases {
            let a = double(c["a"]), b = double(c["b"])
            for measure in ImplicitRewardMeasure.allCases {
                let expected = double(c[measure.rawValue])
                if expected == 0 { XCTAssertEqual(measure.score(a, b), 0, "\(measure.rawValue)(\(a), \(b))") }
                else { assertRelativelyClose(measure.score(a, b), expected, 1e-12, "\(measure.rawValue)(\(a), \(b))") }
            }
        }
        // By hand: a = log ½, b = log ¼ → LLR = log 2, MWLR = ½(½ + ¼) log 2.
        XCTAssertEqual(ImplicitRewardMeasure.llr.score(log(0.5), log(0.25)), log(2), accuracy: 1e-15)
        XCTAssertEqual(ImplicitRewardMeasure.mwlr.score(log(0.5), log(0.25)), 0.375 * log(2), accuracy: 1e-15)
        XCTAssertEqual(ImplicitRewardMeasure.gmlr.score(log(0.5), log(0.25)), (0.125).squareRoot() * log(2), accuracy: 1e-15)
        XCTAssertEqual(ImplicitRewardMeasure.p1lr.score(log(0.5), log(0.25)), 0.5 * log(2), accuracy: 1e-15)
        XCTAssertEqual(ImplicitRewardMeasure.p2lr.score(log(0.5), log(0.25)), 0.25 * log(2), accuracy: 1e-15)
        let m = 0.375
        XCTAssertEqual(ImplicitRewardMeasure.jslr.score(log(0.5), log(0.25)), 0.5 * (0.5 * log(0.5 / m) - 0.25 * log(0.25 / m)), accuracy: 1e-15)
    }

    func testCapsAndUnderflow() throws {
        XCTAssertEqual(ImplicitRewardMeasure.lr20.score(-30, -25), 0, "both below the cap")
        XCTAssertEqual(ImplicitRewardMeasure.lr10.score(-5, -30), 5)
        XCTAssertEqual(ImplicitRewardMeasure.lr20.score(-5, -30), 15)
        XCTAssertEqual(ImplicitRewardMeasure.mwlr.score(-1000, -2000), 0, "both probabilities underflow: 0, not NaN")
        XCTAssertEqual(ImplicitRewardMeasure.jslr.score(-1000, -2000), 0)
        XCTAssertEqual(ImplicitRewardMeasure.mwlr.score(-.infinity, -.infinity), 0)
        XCTAssertFalse(ImplicitRewardMeasure.jslr.score(-0.1, -800).isNaN)
    }

    func testAntisymmetricMeasuresFlipSignAndReverseTheOrder() throws {
        var g = SplitMix(seed: 3)
        let a = (0..<200).map { _ in -25 * g.unit() }, b = (0..<200).map { _ in -25 * g.unit() }
        let tokens = (0..<200).map { "t\($0)" }
        for measure in ImplicitRewardMeasure.allCases where measure.isAntisymmetric {
            for (x, y) in zip(a, b) { XCTAssertEqual(measure.score(x, y), -measure.score(y, x), accuracy: 1e-15, measure.rawValue) }
            let forward = ImplicitRewards.ranking(TokenAlignment(tokens: tokens, a: a, b: b), measure: measure).map(\.token)
            let backward = ImplicitRewards.ranking(TokenAlignment(tokens: tokens, a: b, b: a), measure: measure).map(\.token)
            if measure == .llr || measure == .mwlr || measure == .gmlr || measure == .jslr {
                XCTAssertEqual(forward, backward.reversed(), "\(measure.rawValue) reverses the order")
            }
        }
        XCTAssertFalse(ImplicitRewardMeasure.p1lr.isAntisymmetric)
        XCTAssertNotEqual(ImplicitRewardMeasure.p1lr.score(-1, -3), -ImplicitRewardMeasure.p1lr.score(-3, -1))
        XCTAssertEqual(ImplicitRewardMeasure(name: "mwlr"), .mwlr)
        XCTAssertEqual(ImplicitRewardMeasure(name: "lr-20"), .lr20)
    }

    func testAlignmentDropsEmptyKeepsHighestAndJoinsOnStrings() throws {
        func table(_ rows: [(String, Double)]) -> LogprobTable {
            LogprobTable(path: "t.csv", tokenIDs: rows.indices.map { Int32($0) }, tokens: rows.map(\.0), promptKeys: ["p"],
                         columns: [rows.map(\.1)], rowsInFile: rows.count,
                         audit: LogprobAudit(rows: rows.count, invalidUTF8Rows: 0, bareCRRows: 0, missingLikeTokens: 0, controlCharRows: 0))
        }
        let a = table([("", -1), ("x", -5), ("y", -2), ("x", -3), ("NaN", -4), ("only", -1)])
        let b = table([("y", -6), ("x", -7), ("NaN", -8), ("", -0.5)])
        let aligned = try TokenAlignment.align(a, b, prompt: "p")
        XCTAssertEqual(aligned, TokenAlignment(tokens: ["x", "y", "NaN"], a: [-3, -2, -4], b: [-7, -6, -8]))
    }

    func testWordsAreTrimmedAsPythonStrip() throws {
        XCTAssertEqual(ImplicitRewards.normalizedWord(" Freedom\n"), "freedom")
        XCTAssertEqual(ImplicitRewards.normalizedWord("\u{00A0}Love\u{3000}"), "love")
        XCTAssertEqual(ImplicitRewards.normalizedWord("\u{1F}Love"), "love", "Python's isspace includes U+001C–U+001F")
        XCTAssertEqual(ImplicitRewards.normalizedWord("Love\u{200B}"), "love\u{200B}", "zero-width space is not whitespace")
    }
}

/// A tiny deterministic generator for property tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func unit() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) / 9_007_199_254_740_992
    }
}
