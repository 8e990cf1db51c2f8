import TestSupport
import XCTest
import Stats

final class RandomSlopesModelTests: XCTestCase {
    func testNelderMeadFindsTheRosenbrockMinimum() {
        let rosenbrock: ([Double]) -> Double = { x in
            var s = 0.0
            for i in 0..<(x.count - 1) { s += 100 * pow(x[i + 1] - x[i] * x[i], 2) + pow(1 - x[i], 2) }
            return s
        }
        let result = NelderMead.minimise(rosenbrock, start: [-1.2, 1, -0.5, 0.8], step: 0.5, tolerance: 1e-14, pointTolerance: 1e-9)
        for v in result.point { XCTAssertEqual(v, 1, accuracy: 1e-6) }
        XCTAssertLessThan(result.value, 1e-12)
    }

    func testNelderMeadReachesAMinimumOnTheBoundaryOfAVariance() {
        // f(θ) = (θ₀² − 0)² + (θ₁ − 3)²: the minimum puts θ₀ at 0, as a singular fit does.
        let result = NelderMead.minimise({ pow($0[0] * $0[0], 2) + pow($0[1] - 3, 2) }, start: [1, 1])
        XCTAssertEqual(result.point[1], 3, accuracy: 1e-6)
        XCTAssertLessThan(abs(result.point[0]), 1e-2)
        XCTAssertLessThan(result.evaluations, 100_000)
    }

    func testChiSquaredUpperTailMatchesR() throws {
        for c in try Fixtures.json("robustness/chisq_reference.json").objects("cases") {
            let x = try c.double("x"), df = try c.double("df")
            assertRelativelyClose(ChiSquared.upperTail(x, df: df), try c.double("p"), 1e-10, "x = \(x), df = \(df)")
        }
        XCTAssertEqual(ChiSquared.upperTail(0, df: 9), 1)
    }

    /// With one random effect the general solver must agree with the exact
    /// one-parameter random-intercept solver.
    func testOneRandomEffectAgreesWithTheRandomInterceptSolver() throws {
        let rows = try Fixtures.big2Rows()
        let y = rows.map { Double($0["sum_value"]!)! }
        let rms = rows.map { $0["model_id"]! }
        let labels = Array(Set(rms)).sorted()
        let families = ["Gemma", "Llama"], categories = ["Agency", "Communion"], framings = ["positive", "negative"]
        let design = DesignMatrix.fullFactorial([
            Factor(name: "family", levels: families, codes: rows.map { families.firstIndex(of: $0["base_model"]!)! }),
            Factor(name: "category", levels: categories, codes: rows.map { categories.firstIndex(of: $0["Category"]!)! }),
            Factor(name: "framing", levels: framings, codes: rows.map { framings.firstIndex(of: $0["prompt_framing"]!)! }),
        ])
        let groups = rms.map { labels.firstIndex(of: $0)! }
        let intercept = DesignMatrix(columnNames: ["(Intercept)"], rowCount: y.count, values: [Double](repeating: 1, count: y.count))
        let general = try RandomSlopesModel.fitREML(response: y, design: design, randomDesign: intercept, groups: groups, df: 8)
        let exact = try LinearMixedModel.fitREML(response: y, design: design, groups: groups)
        XCTAssertGreaterThanOrEqual(general.logLikelihood, exact.logLikelihood - 1e-9)
        assertRelativelyClose(general.logLikelihood, exact.logLikelihood, 1e-12)
        assertRelativelyClose(general.randomEffectSD[0], exact.randomInterceptSD, 1e-4)
        for (a, b) in zip(general.fixedEffects, exact.fixedEffects) {
            assertRelativelyClose(a.estimate, b.estimate, 1e-8, a.term)
            assertRelativelyClose(a.standardError, b.standardError, 1e-5, a.term)
        }
    }
}

final class StudentTCriticalTests: XCTestCase {
    func testCriticalValuesMatchRsQt() throws {
        for c in try Fixtures.json("robustness/chisq_reference.json").objects("t_critical") {
            let df = try c.double("df")
            assertRelativelyClose(StudentT.twoSidedCritical(0.05, df: df), try c.double("t975"), 1e-12, "df = \(df)")
        }
    }
}
