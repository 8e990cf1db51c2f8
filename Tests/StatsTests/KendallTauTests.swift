import XCTest
import Stats

/// τ-b against scipy.stats.kendalltau (Tests/Fixtures/reference/training/kendall_reference.py).
final class KendallTauTests: XCTestCase {
    func testTauBMatchesScipyIncludingTies() throws {
        let cases = try Fixtures.json("training/kendall_reference.json").objects("cases")
        XCTAssertEqual(cases.count, 7)
        for c in cases {
            let x = try c.doubles("x"), y = try c.doubles("y")
            XCTAssertEqual(KendallTau.tauB(x, y), try c.double("tau_b"), accuracy: 1e-12, "\(x)")
        }
    }

    func testDegenerateInputsAreNaN() {
        XCTAssertTrue(KendallTau.tauB([1, 1, 1], [1, 2, 3]).isNaN, "constant sample")
        XCTAssertTrue(KendallTau.tauB([1], [1]).isNaN)
        XCTAssertTrue(KendallTau.tauB([1, 2], [1]).isNaN)
        XCTAssertTrue(KendallTau.tauB([1, .nan], [1, 2]).isNaN)
        // R: cor(c(1,2,2,3,4,4,4,5), c(2,1,2,3,5,4,4,6), method = "kendall") = 0.840672807476708
        XCTAssertEqual(KendallTau.tauB([1, 2, 2, 3, 4, 4, 4, 5], [2, 1, 2, 3, 5, 4, 4, 6]), 0.840672807476708, accuracy: 1e-14)
    }
}
