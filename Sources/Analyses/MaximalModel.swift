import Stats
import StudyData

/// R2 of the robustness layer: the paper's model with random effects kept
/// maximal for the design (Barr et al. 2013) — every within-RM effect
/// (category, framing, their interaction) gets its own random slope per RM,
/// with an unstructured covariance:
/// `median_rank ~ family * category * framing + (1 + category * framing | rm)`.
/// Each fixed effect is then tested against between-RM variation, with
/// df = #RMs − #families.
public enum MaximalModel {
    /// nil when the RMs cannot support the covariance: it has q(q + 1)/2
    /// parameters for q cells per RM, and with more parameters than RMs
    /// (MFD2: 10 cells, 55 parameters, 10 RMs) it is not identifiable in practice.
    /// `randomIntercept`: the paper's model on the same rows (§2), which the
    /// likelihood ratio compares with.
    public static func fit(rows: [MedianRankRow], families: [String], categories: [String], framings: [Framing],
                           randomIntercept: MixedModelResult) throws -> RandomSlopesResult? {
        var rms: [String] = []
        for row in rows where !rms.contains(row.rm) { rms.append(row.rm) }
        let cells = categories.count * framings.count
        guard cells * (cells + 1) / 2 <= rms.count else { return nil }
        let family = Factor(name: "family", levels: families, codes: rows.map { families.firstIndex(of: $0.family)! })
        let category = Factor(name: "category", levels: categories, codes: rows.map { categories.firstIndex(of: $0.category)! })
        let framing = Factor(name: "framing", levels: framings.map(\.rawValue), codes: rows.map { framings.firstIndex(of: $0.framing)! })
        let df = Double(rms.count - families.count)
        let fit = try RandomSlopesModel.fitREML(
            response: rows.map(\.medianRank), design: DesignMatrix.fullFactorial([family, category, framing]),
            randomDesign: DesignMatrix.fullFactorial([category, framing]), groups: rows.map { rms.firstIndex(of: $0.rm)! }, df: df)
        let parameters = cells * (cells + 1) / 2
        let statistic = max(0, 2 * (fit.logLikelihood - randomIntercept.logLikelihood))
        let lrDF = Double(parameters - 1)
        return RandomSlopesResult(
            formula: "median_rank ~ family * category * framing + (1 + category * framing | rm)",
            logLikelihood: fit.logLikelihood, logLikelihoodRandomIntercept: randomIntercept.logLikelihood,
            singular: fit.singular,
            fixedEffects: fit.fixedEffects.map(FixedEffectRow.init),
            randomEffects: RandomEffectCovariance(terms: fit.randomEffectNames, sd: fit.randomEffectSD, correlations: fit.randomEffectCorrelations),
            residualSD: fit.residualSD,
            likelihoodRatio: LikelihoodRatio(statistic: statistic, df: lrDF, p: ChiSquared.upperTail(statistic, df: lrDF)),
            theta: fit.theta)
    }
}

/// The maximal model's fit (`robustness.big2.random_slopes`).
public struct RandomSlopesResult: Codable, Equatable, Sendable {
    public var formula: String
    /// REML log-likelihood of the maximal model.
    public var logLikelihood: Double
    /// REML log-likelihood of the paper's random-intercept model.
    public var logLikelihoodRandomIntercept: Double
    /// A random-effect variance at 0 or a correlation at ±1 (lme4's `isSingular`, tolerance 1e-4).
    public var singular: Bool
    /// Every term with df = #RMs − #families.
    public var fixedEffects: [FixedEffectRow]
    public var randomEffects: RandomEffectCovariance
    public var residualSD: Double
    /// 2Δℓ against the random-intercept model, χ² with df = extra covariance parameters
    /// (conservative: the null puts variances on the boundary).
    public var likelihoodRatio: LikelihoodRatio
    /// The relative Cholesky factor at the optimum (lme4's θ).
    public var theta: [Double]
}

public struct RandomEffectCovariance: Codable, Equatable, Sendable {
    public var terms: [String]
    public var sd: [Double]
    public var correlations: [[Double]]
}

public struct LikelihoodRatio: Codable, Equatable, Sendable {
    public var statistic: Double
    public var df: Double
    public var p: Double
}
