import Stats
import XCTest

/// τ-b against scipy.stats.kendalltau (Tests/Fixtures/reference/stats/kendall_reference.py), ties included.
final class KendallTauTests: XCTestCase {
    func testMatchesScipyWithTies() {
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
        XCTAssertTrue(KendallTau.tauB([1, 1, 1], [1, 2, 3]).isNaN)
        XCTAssertEqual(KendallTau.tauB([1, 2, 3], [1, 2, 3]), 1, accuracy: 1e-15)
    }
}
