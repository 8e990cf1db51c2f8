import Analyses
import StudyData
import XCTest

/// The shared token index must give exactly the pairwise alignment.
final class SharedVocabularyTests: XCTestCase {
    func testEveryPairAlignsExactlyAsTheDirectJoin() throws {
        let tables = try XCTUnwrap(LogprobReferenceTests.study.logprobs?.tables)
        let prompt = "greatest_ever_one"
        let usable = tables.filter { $0.value.promptKeys.contains(prompt) }
        XCTAssertGreaterThanOrEqual(usable.count, 10)
        let vocabulary = try SharedVocabulary(tables: usable, prompt: prompt)
        for a in usable.keys.sorted() {
            for b in usable.keys.sorted() where b != a {
                let direct = try TokenAlignment.align(usable[a]!, usable[b]!, prompt: prompt)
                XCTAssertEqual(vocabulary.align(a, b), direct, "\(a) vs \(b)")
            }
        }
        XCTAssertNil(vocabulary.align("no/such-model", usable.keys.first!))
    }
}
