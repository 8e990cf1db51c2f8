import XCTest
import Stats

final class SignificanceTests: XCTestCase {
    func testThresholdsAreStrict() {
        XCTAssertEqual(Significance.stars(0.0009999).rawValue, "***")
        XCTAssertEqual(Significance.stars(0.001).rawValue, "**")
        XCTAssertEqual(Significance.stars(0.0099).rawValue, "**")
        XCTAssertEqual(Significance.stars(0.01).rawValue, "*")
        XCTAssertEqual(Significance.stars(0.0499).rawValue, "*")
        XCTAssertEqual(Significance.stars(0.05).rawValue, "n.s.")
        XCTAssertEqual(Significance.stars(.nan).rawValue, "n.s.")
    }
}
