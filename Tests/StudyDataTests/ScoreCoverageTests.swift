@testable import StudyData
import XCTest

/// Which reward model lacks a dictionary word another one scores, compared by
/// bytes: explicit cases, and random ones against the comparison written with
/// sets of byte arrays (how it was done before the words were interned).
final class ScoreCoverageTests: XCTestCase {
    func testNamesTheFirstModelItsFirstMissingWordAndWhoScoresIt() {
        let words = ["zeta", "alpha", "beta", "café"]
        XCTAssertNil(ScoreCoverage.firstGap(words: words, responses: ["a": ["alpha", "beta", "x"], "b": ["beta", "alpha", "y"]]))
        XCTAssertEqual(ScoreCoverage.firstGap(words: words, responses: ["c": ["alpha", "zeta", "beta"], "b": ["beta"], "a": ["zeta", "alpha", "beta"]]),
                       .init(model: "b", word: "alpha", scoredBy: ["a", "c"], missing: 2))
        // The decomposed spelling is another word by its bytes.
        XCTAssertEqual(ScoreCoverage.firstGap(words: words, responses: ["m1": ["café"], "m2": ["cafe\u{301}"]]),
                       .init(model: "m2", word: "café", scoredBy: ["m1"], missing: 1))
        XCTAssertNil(ScoreCoverage.firstGap(words: [], responses: ["a": ["alpha"], "b": []]))
    }

    func testEqualsTheByteSetComparison() {
        var state: UInt64 = 7
        func next(_ n: Int) -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int(state >> 33) % n }
        let pool = ["a", "b", "ab", "ba", "é", "e\u{301}", "", " a", "A", "zz", "café", "cafe\u{301}", "x1", "x2", "x3"]
        var gaps = 0
        for _ in 0..<400 {
            let words = (0..<next(8)).map { _ in pool[next(pool.count)] }
            var responses: [String: [String]] = [:]
            for m in 0..<(1 + next(4)) { responses["m\(m)"] = (0..<next(10)).map { _ in pool[next(pool.count)] } }
            let expected = Self.byteSetGap(words: words, responses: responses)
            XCTAssertEqual(ScoreCoverage.firstGap(words: words, responses: responses), expected, "\(words) \(responses)")
            if expected != nil { gaps += 1 }
        }
        XCTAssertGreaterThan(gaps, 50)
    }

    /// The comparison as it was written: sets of each model's responses' bytes.
    static func byteSetGap(words: [String], responses: [String: [String]]) -> ScoreCoverage.Gap? {
        let wordBytes = Set(words.map { Array($0.utf8) })
        let covered = responses.mapValues { Set($0.map { Array($0.utf8) }).intersection(wordBytes) }
        let union = covered.values.reduce(into: Set<[UInt8]>()) { $0.formUnion($1) }
        for label in responses.keys.sorted() {
            let missing = union.subtracting(covered[label] ?? [])
            guard let bytes = missing.min(by: { $0.lexicographicallyPrecedes($1) }) else { continue }
            return .init(model: label, word: String(decoding: bytes, as: UTF8.self),
                         scoredBy: covered.filter { $0.value.contains(bytes) }.keys.sorted(), missing: missing.count)
        }
        return nil
    }
}
