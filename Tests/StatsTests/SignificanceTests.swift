import XCTest
import Stats

final class SignificanceTests: XCTestCase {
    func testThresholdsAreStrict() {
        XCTAssertEqual(Significance.stars(0.0009999), "***")
        XCTAssertEqual(Significance.stars(0.001), "**")
        XCTAssertEqual(Significance.stars(0.0099), "**")
        XCTAssertEqual(Significance.stars(0.01), "*")
        XCTAssertEqual(Significance.stars(0.0499), "*")
        XCTAssertEqual(Significance.stars(0.05), "n.s.")
        XCTAssertEqual(Significance.stars(.nan), "n.s.")
    }
}
