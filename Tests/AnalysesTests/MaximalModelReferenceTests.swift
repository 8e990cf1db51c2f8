import Analyses
import TestSupport
import XCTest

/// R2 (the maximal model on Big Two) against lme4::lmer
/// (Tests/Fixtures/reference/robustness/make_robustness_reference.R).
final class MaximalModelReferenceTests: XCTestCase {
    func testMaximalModelReachesLme4sOptimum() async throws {
        let reference = try Fixtures.json("robustness/maximal_model_reference.json")
        let fixtureResults = try await Fixtures.results()
        let robustness = try XCTUnwrap(fixtureResults.robustness)
        let ours = try XCTUnwrap(robustness.result(for: "big2")?.randomSlopes)
        // REML log-likelihood at least lme4's.
        XCTAssertGreaterThanOrEqual(ours.logLikelihood, double(reference["log_likelihood"]) - 1e-6 * abs(double(reference["log_likelihood"])))
        assertRelativelyClose(ours.logLikelihood, double(reference["log_likelihood"]), 1e-6, "log-likelihood")
        assertRelativelyClose(ours.logLikelihoodRandomIntercept, double(reference["log_likelihood_random_intercept"]), 1e-9, "random-intercept log-likelihood")
        let terms = reference["fixed_effects"] as! [[String: Any]]
        XCTAssertEqual(ours.fixedEffects.map(\.term), terms.map { $0["term"] as! String })
        for (e, t) in zip(ours.fixedEffects, terms) {
            assertRelativelyClose(e.estimate, double(t["estimate"]), 1e-8, "\(e.term) estimate")
            assertRelativelyClose(e.t, double(t["t"]), 1e-4, "\(e.term) t")
            assertRelativelyClose(e.standardError, double(t["std_error"]), 1e-4, "\(e.term) SE")
            XCTAssertEqual(e.df, 8, e.term)  // 10 RMs − 2 families
        }
        XCTAssertEqual(ours.singular, reference["singular"] as? Bool)
        XCTAssertEqual(ours.randomEffects.terms, reference["random_effect_names"] as? [String])
        let sd = (reference["random_effect_sd"] as! [Any]).map(double)
        for (a, b) in zip(ours.randomEffects.sd, sd) { assertRelativelyClose(a, b, 1e-3, "random-effect SD") }
        let correlations = (reference["random_effect_correlations"] as! [[Any]]).map { $0.map(double) }
        for (rowA, rowB) in zip(ours.randomEffects.correlations, correlations) {
            for (a, b) in zip(rowA, rowB) { XCTAssertEqual(a, b, accuracy: 1e-3, "correlation") }
        }
        assertRelativelyClose(ours.residualSD, double(reference["residual_sd"]), 1e-5, "residual SD")
        XCTAssertEqual(ours.likelihoodRatio.df, 9)
        assertRelativelyClose(ours.likelihoodRatio.statistic, double(reference["likelihood_ratio"]), 1e-6, "LR statistic")
        assertRelativelyClose(ours.likelihoodRatio.p, double(reference["likelihood_ratio_p"]), 1e-4, "LR p")
        // MFD2 has 10 cells per RM (55 covariance parameters for 10 RMs): not fitted.
        XCTAssertNil(robustness.result(for: "mfd2")?.randomSlopes)
        XCTAssertNil(robustness.result(for: "mfd2_script")?.randomSlopes)
    }
}
