import TestSupport
import XCTest
import Stats

final class QuantileTests: XCTestCase {
    func testType7MatchesR() throws {
        let q = try Fixtures.statsReference.object("quantile7")
        let values = try q.doubles("values")
        for (p, expected) in zip(try q.doubles("probs"), try q.doubles("quantiles")) {
            assertRelativelyClose(Quantile.type7(values, p), expected, 1e-14, "p = \(p)")
        }
        assertRelativelyClose(Quantile.interquartileRange(values), try q.double("iqr"), 1e-14)
    }
}
