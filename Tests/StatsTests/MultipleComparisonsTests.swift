import TestSupport
import XCTest
import Stats

final class MultipleComparisonsTests: XCTestCase {
    func testMatchesRPAdjust() throws {
        for c in try Fixtures.statsReference.objects("p_adjust") {
            let p = try c.doubles("p")
            assertRelativelyClose(MultipleComparisons.benjaminiHochberg(p), try c.doubles("bh"), 1e-14, "BH \(p)")
            assertRelativelyClose(MultipleComparisons.bonferroni(p), try c.doubles("bonferroni"), 1e-14, "Bonferroni \(p)")
        }
    }

    func testNaNIsKeptAndNotCounted() {
        let bh = MultipleComparisons.benjaminiHochberg([0.01, .nan, 0.04])
        XCTAssertTrue(bh[1].isNaN)
        XCTAssertEqual(bh[0], 0.02)
        XCTAssertEqual(bh[2], 0.04)
        let bonferroni = MultipleComparisons.bonferroni([0.3, .nan, 0.6])
        XCTAssertEqual(bonferroni[0], 0.6)
        XCTAssertEqual(bonferroni[2], 1)
        XCTAssertEqual(MultipleComparisons.benjaminiHochberg([]), [])
    }
}
