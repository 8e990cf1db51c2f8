import Parallel
import Stats
import StudyData

/// R3 of the robustness layer: how much does any single reward model or any
/// single prompt move the paper's mixed model? The random-intercept model of
/// §2 is refitted without each RM in turn, then without each prompt in turn,
/// by the same exact REML solver (whose random-intercept V⁻¹ is applied per
/// RM in closed form, so a refit costs a few p × p factorisations).
public enum LeaveOneOut {
    /// `rows`: one dictionary's median-rank table; levels in model order.
    /// A family left with no RM drops out of the refit's design, so its
    /// terms are absent from that fit (never the case with the study's data).
    public static func refits(rows: [MedianRankRow], families: [String], categories: [String],
                              framings: [Framing]) async throws -> [LeaveOneOutFit] {
        var rms: [String] = [], prompts: [String] = []
        var rmIndex: [String: Int] = [:], promptIndex: [String: Int] = [:]
        var rmCodes: [Int] = [], promptCodes: [Int] = []
        rmCodes.reserveCapacity(rows.count); promptCodes.reserveCapacity(rows.count)
        for r in rows {
            if rmIndex[r.rm] == nil { rmIndex[r.rm] = rms.count; rms.append(r.rm) }
            if promptIndex[r.prompt] == nil { promptIndex[r.prompt] = prompts.count; prompts.append(r.prompt) }
            rmCodes.append(rmIndex[r.rm]!); promptCodes.append(promptIndex[r.prompt]!)
        }
        let units = rms.map { (LeaveOneOutFit.Unit.rm, $0) } + prompts.map { (LeaveOneOutFit.Unit.prompt, $0) }
        // Every refit's design is the full one without the rows left out (an
        // entry depends only on its row's levels), so it is cut from one
        // design built once, unless a family drops out and its terms with it.
        let design = RewardModelRanks.mixedModelDesign(rows: rows, families: families, categories: categories,
                                                       framings: framings)
        let familyCodes = rows.map { r in families.firstIndex(of: r.family)! }
        let response = rows.map(\.medianRank)
        // The refits are independent and many (one per RM and per prompt):
        // side by side, they no longer end the analysis on one core.
        let models = try await Parallel.map(units.count) { [rms, rmCodes, promptCodes] i -> [FixedEffectRow] in
            let (unit, leftOut) = units[i]
            let codes = unit == .rm ? rmCodes : promptCodes
            let leftOutCode = unit == .rm ? i : i - rms.count
            let kept = rows.indices.filter { codes[$0] != leftOutCode }
            var familyPresent = [Bool](repeating: false, count: families.count)
            for k in kept { familyPresent[familyCodes[k]] = true }
            guard familyPresent.allSatisfy({ $0 }) else {
                let subset = rows.filter { unit == .rm ? $0.rm != leftOut : $0.prompt != leftOut }
                let present = families.filter { f in subset.contains { $0.family == f } }
                return try RewardModelRanks.fitMixedModel(rows: subset, rmLabels: rms, families: present,
                                                          categories: categories, framings: framings).fixedEffects
            }
            return try RewardModelRanks.fitMixedModel(response: kept.map { response[$0] },
                                                      design: design.selectingRows(kept),
                                                      groups: kept.map { rmCodes[$0] }).fixedEffects
        }
        // The refits share few distinct DFs; each critical t is found once.
        var critical: [Double: Double] = [:]
        func interval(_ e: FixedEffectRow) -> ConfidenceInterval {
            let t = critical[e.df] ?? StudentT.twoSidedCritical(0.05, df: e.df)
            critical[e.df] = t
            return ConfidenceInterval(e, critical: t)
        }
        return units.indices.map { i in
            LeaveOneOutFit(unit: units[i].0, leftOut: units[i].1, fixedEffects: models[i],
                           confidenceIntervals: models[i].map(interval))
        }
    }
}

/// One refit of the paper's model with one RM or one prompt left out.
public struct LeaveOneOutFit: Codable, Equatable, Sendable {
    /// What one refit leaves out; the raw value is `results.json`'s `unit`.
    public enum Unit: String, Codable, CaseIterable, Sendable {
        case rm
        case prompt
    }

    public var unit: Unit
    /// The RM label or prompt key left out.
    public var leftOut: String
    public var fixedEffects: [FixedEffectRow]
    /// 95% t-based interval of each fixed effect, in the same order.
    public var confidenceIntervals: [ConfidenceInterval]
}

/// estimate ± t₀.₉₇₅(df) · SE for one term.
public struct ConfidenceInterval: Codable, Equatable, Sendable {
    public var term: String
    public var low: Double
    public var high: Double

    /// `critical`: t₀.₉₇₅(df) for the term's df.
    init(_ e: FixedEffectRow, critical: Double) {
        let half = critical * e.standardError
        term = e.term; low = e.estimate - half; high = e.estimate + half
    }
}
