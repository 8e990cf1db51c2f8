import TestSupport
import XCTest
import Stats

final class KernelDensityTests: XCTestCase {
    /// Bandwidth against R `bw.nrd0`, density against an exact kernel sum in R
    /// (not `density()`'s FFT output), on the same grid R `density()` would span.
    func testBandwidthAndDensityMatchR() throws {
        for c in try Fixtures.statsReference.objects("kde") {
            let x = try c.doubles("x")
            let bandwidth = KernelDensity.bandwidthNRD0(x)
            assertRelativelyClose(bandwidth, try c.double("bw"), 1e-12, "bw for n = \(x.count)")
            let grid = try c.doubles("grid")
            assertRelativelyClose(KernelDensity.evaluate(x, bandwidth: bandwidth, at: grid), try c.doubles("density"), 1e-10)
            let curve = KernelDensity.curve(x, points: grid.count)
            assertRelativelyClose(curve.grid, grid, 1e-12, "grid")
            assertRelativelyClose(curve.density, try c.doubles("density"), 1e-10, "curve")
        }
    }

    func testDensityIntegratesToOne() {
        let x: [Double] = [1, 2, 2.5, 4, 7]
        let curve = KernelDensity.curve(x, points: 2001, cut: 8)
        let step = curve.grid[1] - curve.grid[0]
        // Trapezoid rule over ±8 bandwidths.
        let integral = step * (curve.density.reduce(0, +) - 0.5 * (curve.density.first! + curve.density.last!))
        XCTAssertEqual(integral, 1, accuracy: 1e-6)
        XCTAssertTrue(KernelDensity.bandwidthNRD0([3]).isNaN)
    }
}
