/// One row of a mixed model's fixed-effects table (nlme `summary(fit)$tTable`).
public struct FixedEffect: Codable, Equatable, Sendable {
    /// R-style term name, e.g. "familyLlama:categoryCommunion".
    public var term: String
    public var estimate: Double
    public var standardError: Double
    /// Denominator degrees of freedom by nlme's containment rule.
    public var df: Double
    /// estimate / standardError.
    public var t: Double
    /// Two-sided p from t(df).
    public var p: Double

    public init(term: String, estimate: Double, standardError: Double, df: Double, t: Double, p: Double) {
        self.term = term; self.estimate = estimate; self.standardError = standardError
        self.df = df; self.t = t; self.p = p
    }
}

/// A fitted random-intercept mixed model, with the numbers nlme prints.
public struct MixedModelFit: Codable, Equatable, Sendable {
    /// Estimation method (only REML is implemented).
    public var method: EstimationMethod
    public var observations: Int
    public var groups: Int
    public var fixedEffects: [FixedEffect]
    /// σ_b, the SD of the per-group intercepts.
    public var randomInterceptSD: Double
    /// σ, the residual SD.
    public var residualSD: Double
    /// The restricted log-likelihood, with nlme's constants.
    public var logLikelihood: Double
    /// −2ℓ + 2k, k = #fixed effects + 2.
    public var aic: Double
    /// −2ℓ + k·log(N − p) (nlme's REML convention).
    public var bic: Double

    public init(method: EstimationMethod, observations: Int, groups: Int, fixedEffects: [FixedEffect],
                randomInterceptSD: Double, residualSD: Double, logLikelihood: Double, aic: Double, bic: Double) {
        self.method = method; self.observations = observations; self.groups = groups
        self.fixedEffects = fixedEffects; self.randomInterceptSD = randomInterceptSD
        self.residualSD = residualSD; self.logLikelihood = logLikelihood; self.aic = aic; self.bic = bic
    }
}

/// How a mixed model's variance components were estimated; the raw value is
/// nlme's name for it, as `results.json` reports it.
public enum EstimationMethod: String, Codable, CaseIterable, Sendable {
    case reml = "REML"
}
