import TestSupport
import XCTest
import Stats

final class NormalDistributionTests: XCTestCase {
    func testCdfMatchesR() throws {
        for c in try Fixtures.statsReference.objects("normal_cdf") {
            let z = try c.double("z")
            assertRelativelyClose(NormalDistribution.cdf(z), try c.double("p"), 1e-12, "z = \(z)")
        }
    }

    func testQuantileMatchesR() throws {
        for c in try Fixtures.statsReference.objects("normal_quantile") {
            let p = try c.double("p"), z = try c.double("z")
            if z == 0 { XCTAssertEqual(NormalDistribution.quantile(p), 0) } else {
                assertRelativelyClose(NormalDistribution.quantile(p), z, 1e-10, "p = \(p)")
            }
        }
        XCTAssertEqual(NormalDistribution.quantile(0), -.infinity)
        XCTAssertEqual(NormalDistribution.quantile(1), .infinity)
        XCTAssertTrue(NormalDistribution.quantile(1.5).isNaN)
    }
}
