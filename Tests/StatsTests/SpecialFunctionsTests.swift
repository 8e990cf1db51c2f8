import TestSupport
import XCTest
import Stats

final class SpecialFunctionsTests: XCTestCase {
    func testIncompleteBetaMatchesR() throws {
        for c in try Fixtures.statsReference.objects("incomplete_beta") {
            let x = try c.double("x"), a = try c.double("a"), b = try c.double("b")
            assertRelativelyClose(SpecialFunctions.regularizedIncompleteBeta(x, a: a, b: b), try c.double("value"), 1e-10,
                           "I_\(x)(\(a), \(b))")
        }
        XCTAssertEqual(SpecialFunctions.regularizedIncompleteBeta(0, a: 2, b: 3), 0)
        XCTAssertEqual(SpecialFunctions.regularizedIncompleteBeta(1, a: 2, b: 3), 1)
        // I_x(1, 1) = x; symmetry I_x(a, b) = 1 − I_{1−x}(b, a).
        assertRelativelyClose(SpecialFunctions.regularizedIncompleteBeta(0.37, a: 1, b: 1), 0.37, 1e-14)
        assertRelativelyClose(SpecialFunctions.regularizedIncompleteBeta(0.2, a: 3, b: 4),
                       1 - SpecialFunctions.regularizedIncompleteBeta(0.8, a: 4, b: 3), 1e-13)
    }

    func testLogGammaMatchesR() throws {
        for c in try Fixtures.statsReference.objects("log_gamma") {
            assertRelativelyClose(SpecialFunctions.logGamma(try c.double("x")), try c.double("value"), 1e-13)
        }
    }
}
