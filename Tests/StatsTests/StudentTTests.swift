import TestSupport
import XCTest
import Stats

final class StudentTTests: XCTestCase {
    func testCdfAndTwoSidedPMatchR() throws {
        for c in try Fixtures.statsReference.objects("student_t") {
            let t = try c.double("t"), df = try c.double("df")
            assertRelativelyClose(StudentT.cdf(t, df: df), try c.double("cdf"), 1e-10, "cdf(\(t), \(df))")
            assertRelativelyClose(StudentT.twoSidedP(t, df: df), try c.double("two_sided_p"), 1e-10, "p(\(t), \(df))")
        }
    }

    func testTinyPKeepsRelativeAccuracy() {
        // R: 2 * pt(-30.4245599284956, 1064) = 8.6569898164289e-147.
        assertRelativelyClose(StudentT.twoSidedP(30.4245599284956, df: 1064), 8.6569898164289e-147, 1e-10)
        XCTAssertEqual(StudentT.twoSidedP(0, df: 5), 1)
        XCTAssertEqual(StudentT.twoSidedP(.infinity, df: 5), 0)
        // df = 1 is the Cauchy distribution: P(T ≤ 1) = 3/4.
        assertRelativelyClose(StudentT.cdf(1, df: 1), 0.75, 1e-14)
    }
}
