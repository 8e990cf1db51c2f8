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

    /// Hand-picked tie patterns (Tests/Fixtures/reference/stats/kendall_reference.py, scipy).
    func testHandPickedTiesAndSymmetry() {
        let cases: [([Double], [Double], Double)] = [
            ([1, 2, 3, 4, 5], [5, 4, 3, 2, 1], -0.9999999999999999),
            ([1, 2, 2, 3, 4, 4, 4, 5], [2, 1, 3, 3, 5, 4, 4, 6], 0.8406728074767076),
            ([1, 1, 2, 2, 3, 3], [1, 2, 1, 2, 1, 2], 0.0),
            ([3.5, 1, 2, 2, 7, 6.25, 0, 0], [1, 1, 1, 2, 3, 3, 4, 0.5], 0.3202563076101743),
        ]
        for (x, y, expected) in cases {
            XCTAssertEqual(KendallTau.tauB(x, y), expected, accuracy: 1e-12, "\(x) vs \(y)")
            XCTAssertEqual(KendallTau.tauB(y, x), expected, accuracy: 1e-12, "symmetric")
        }
        XCTAssertEqual(KendallTau.tauB([1, 2, 3], [1, 2, 3]), 1, accuracy: 1e-15)
    }
}
