import TestSupport
import XCTest
import Stats

final class DescriptiveTests: XCTestCase {
    func testMedianEvenAndOddMatchR() throws {
        for case_ in try Fixtures.statsReference.objects("median") {
            let values = try case_.doubles("values")
            XCTAssertEqual(Descriptive.median(values), try case_.double("median"), "\(values)")
        }
        XCTAssertTrue(Descriptive.median([]).isNaN)
    }

    func testMeanVarianceAndStandardError() {
        let x: [Double] = [2, 4, 4, 4, 5, 5, 7, 9]
        XCTAssertEqual(Descriptive.mean(x), 5)
        assertRelativelyClose(Descriptive.variance(x), 32.0 / 7, 1e-15)
        assertRelativelyClose(Descriptive.standardDeviation(x), (32.0 / 7).squareRoot(), 1e-15)
        assertRelativelyClose(Descriptive.standardError(x), (32.0 / 7 / 8).squareRoot(), 1e-15)
        XCTAssertTrue(Descriptive.variance([1]).isNaN)
    }
}
