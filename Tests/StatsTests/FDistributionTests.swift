import TestSupport
import XCTest
import Stats

final class FDistributionTests: XCTestCase {
    func testUpperTailMatchesR() throws {
        for c in try Fixtures.statsReference.objects("f_upper") {
            let f = try c.double("f"), d1 = try c.double("df1"), d2 = try c.double("df2")
            assertRelativelyClose(FDistribution.upperTail(f, df1: d1, df2: d2), try c.double("upper"), 1e-10,
                           "F(\(f); \(d1), \(d2))")
        }
        XCTAssertEqual(FDistribution.upperTail(0, df1: 2, df2: 5), 1)
    }

    func testFWithOneNumeratorDFIsSquaredT() {
        // F(1, ν) upper tail at t² equals the two-sided t p-value.
        assertRelativelyClose(FDistribution.upperTail(2.5 * 2.5, df1: 1, df2: 17), StudentT.twoSidedP(2.5, df: 17), 1e-12)
    }
}
