import Foundation

/// Linear mixed model with one random intercept per group — the study's main
/// test (`lme(median_rank ~ family*category*framing, random = ~1|RM)`).
public enum LinearMixedModel {
    /// y ~ X·β + b_group + ε, random intercept per group, fitted by REML (as R nlme::lme(..., method="REML")).
    ///
    /// How, and why this way:
    /// - With γ = σ_b²/σ², V = σ²H and H is block compound-symmetric, so
    ///   H_g⁻¹ = I − c_g 11ᵀ with c_g = γ/(1 + n_g γ) (Sherman–Morrison) and
    ///   XᵀH⁻¹X = XᵀX − Σ_g c_g s_g s_gᵀ (s_g = column sums of X in group g).
    ///   Each evaluation is therefore a p×p Cholesky; during the search for θ
    ///   the residual terms come from cross-products too (`RandomInterceptProblem.Residuals`),
    ///   so an evaluation is independent of N. Docs/Methods.md#mixed-model.
    /// - β and σ² are profiled out, leaving a one-parameter REML criterion in
    ///   θ = log(σ_b/σ). Its maximum is located by a grid scan of the analytic
    ///   score (steps of 0.5 in θ, a factor e^0.5 in σ_b/σ) and then the
    ///   score's root is bracketed down to the limit of double precision by
    ///   false position with bisection steps (the criterion itself is too flat
    ///   near its maximum to pin θ down to 1e-6 relative by function values
    ///   alone). Every fit of the leave-one-out analysis runs this, so the
    ///   number of evaluations matters: about 55 instead of 130 by a finer
    ///   grid and plain bisection.
    /// - If the score is negative everywhere, the REML optimum is σ_b = 0 and
    ///   the fit is reported with σ_b = 0 (nlme would return a tiny positive SD).
    /// - ℓ is nlme's restricted log-likelihood:
    ///   −½[(N−p)log 2π + log|V| + log|XᵀV⁻¹X| + rᵀV⁻¹r]; AIC = −2ℓ + 2k,
    ///   BIC = −2ℓ + k·log(N−p), k = p + 2.
    /// - Denominator DF follow nlme: a column constant within every group is
    ///   between-group and gets #groups − #between-group columns (counting the
    ///   intercept); the intercept and the other columns get
    ///   N − #groups − #within-group columns.
    ///
    /// `groups` holds any integer label per observation.
    /// Throws `StatsError` for mismatched sizes, too few observations or groups,
    /// or a rank-deficient design.
    public static func fitREML(response: [Double], design: DesignMatrix, groups: [Int]) throws -> MixedModelFit {
        let n = response.count
        let p = design.columnCount
        guard design.rowCount == n, groups.count == n else {
            throw StatsError("response (\(n)), design (\(design.rowCount)) and groups (\(groups.count)) differ in length")
        }
        guard response.allSatisfy({ $0.isFinite }) else { throw StatsError("response has non-finite values") }
        guard n > p + 1 else { throw StatsError("\(n) observations are too few for \(p) fixed effects") }
        let problem = try RandomInterceptProblem(response: response, design: design, groups: groups)
        guard problem.groupCount >= 2 else { throw StatsError("a random intercept needs at least two groups") }

        let theta = try problem.maximiseTheta()
        let gamma = theta.map { exp(2 * $0) } ?? 0
        let state = try problem.evaluate(gamma: gamma)

        let residualDF = Double(n - p)
        let sigma2 = state.weightedResidualSquares / residualDF
        let logLik = -0.5 * (residualDF * log(2 * Double.pi * sigma2) + residualDF
            + state.logDetH + state.logDetA)
        let k = Double(p + 2)

        let inverse = LinearAlgebra.choleskyInverse(state.cholesky, n: p)
        let dfs = problem.denominatorDF()
        var effects: [FixedEffect] = []
        for j in 0..<p {
            let se = (sigma2 * inverse[j * p + j]).squareRoot()
            let t = state.beta[j] / se
            effects.append(FixedEffect(term: design.columnNames[j], estimate: state.beta[j], standardError: se,
                                       df: dfs[j], t: t, p: StudentT.twoSidedP(t, df: dfs[j])))
        }
        return MixedModelFit(method: .reml, observations: n, groups: problem.groupCount,
                             fixedEffects: effects,
                             randomInterceptSD: (gamma * sigma2).squareRoot(),
                             residualSD: sigma2.squareRoot(), logLikelihood: logLik,
                             aic: -2 * logLik + 2 * k, bic: -2 * logLik + k * log(residualDF))
    }
}
