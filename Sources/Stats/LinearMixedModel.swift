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
    ///   the residual terms come from cross-products too (`Problem.Residuals`),
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
        let problem = try Problem(response: response, design: design, groups: groups)
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

/// The data of one random-intercept REML fit, reduced to what each evaluation
/// of the profiled criterion needs.
private struct Problem {
    let n: Int
    let p: Int
    let groupCount: Int
    let design: DesignMatrix
    let response: [Double]
    let groupIndex: [Int]
    let groupSizes: [Double]
    /// XᵀX (p×p).
    let crossProduct: [Double]
    /// S = ZᵀX (G×p): per-group column sums.
    let groupSums: [Double]
    /// Xᵀy, Zᵀy and yᵀy.
    let xty: [Double]
    let groupResponseSums: [Double]
    let responseSquares: Double

    init(response: [Double], design: DesignMatrix, groups: [Int]) throws {
        n = response.count
        p = design.columnCount
        self.design = design
        self.response = response
        var index: [Int: Int] = [:]
        var codes = [Int](repeating: 0, count: n)
        for (i, label) in groups.enumerated() {
            if let k = index[label] { codes[i] = k } else { codes[i] = index.count; index[label] = index.count }
        }
        groupCount = index.count
        groupIndex = codes
        var sizes = [Double](repeating: 0, count: groupCount)
        for g in codes { sizes[g] += 1 }
        groupSizes = sizes
        crossProduct = LinearAlgebra.gram(design.values, rows: n, columns: p)
        // ZᵀX and Zᵀy as sums over each group's rows (Z is an indicator
        // matrix: multiplying by it densely costs N·G and copies it each time).
        var sums = [Double](repeating: 0, count: groupCount * p)
        for j in 0..<p {
            for i in 0..<n { sums[j * groupCount + codes[i]] += design.values[j * n + i] }
        }
        groupSums = sums
        xty = LinearAlgebra.transposeTimes(design.values, response, rows: n, columnsA: p, columnsB: 1)
        groupResponseSums = Self.groupTotals(response, codes: codes, groups: groupCount)
        responseSquares = LinearAlgebra.dot(response, response)
        guard LinearAlgebra.cholesky(crossProduct, n: p) != nil else {
            throw StatsError("the fixed-effects design is rank deficient (XᵀX is singular)")
        }
    }

    /// Zᵀv: the sum of `values` over each group's observations.
    static func groupTotals(_ values: [Double], codes: [Int], groups: Int) -> [Double] {
        var totals = [Double](repeating: 0, count: groups)
        for (value, g) in zip(values, codes) { totals[g] += value }
        return totals
    }

    /// Everything the profiled criterion and its score need at one γ.
    struct State {
        var beta: [Double]
        var cholesky: [Double]
        var logDetA: Double
        var logDetH: Double
        var weightedResidualSquares: Double
        /// d ℓ_profiled / d γ.
        var score: Double
        var profiledLogLik: Double
    }

    /// How an evaluation gets the residuals' sum of squares and group sums.
    enum Residuals {
        /// From r = y − Xβ itself: one pass over the N rows, no cancellation.
        /// For the fit that is reported.
        case exact
        /// From the cross-products alone: rᵀr = yᵀy − 2βᵀXᵀy + βᵀXᵀXβ and
        /// Zᵀr = Zᵀy − (ZᵀX)β, so an evaluation costs O(G·p + p²) whatever N.
        /// For the search for θ (its ~55 evaluations per fit dominate the
        /// leave-one-out analysis's 192 fits). The cancellation in rᵀr costs
        /// about log₁₀(yᵀy / rᵀr) ≈ 3 of 16 digits on the study's ranks, far
        /// below what locating the score's root needs.
        case fromCrossProducts
    }

    func evaluate(gamma: Double, residuals mode: Residuals = .exact) throws -> State {
        let g = groupCount
        var c = [Double](repeating: 0, count: g)
        var logDetH = 0.0
        for k in 0..<g {
            let d = 1 + groupSizes[k] * gamma
            c[k] = gamma / d
            logDetH += log1p(groupSizes[k] * gamma)
        }
        // A = XᵀX − Sᵀ diag(c) S, via the rows of S scaled by √c_g.
        var scaled = groupSums
        for j in 0..<p { for k in 0..<g { scaled[j * g + k] *= c[k].squareRoot() } }
        let a = LinearAlgebra.subtractGram(crossProduct, scaled, rows: g, columns: p)
        guard let u = LinearAlgebra.cholesky(a, n: p) else {
            throw StatsError("XᵀV⁻¹X is not positive definite at γ = \(gamma)")
        }
        // b = XᵀH⁻¹y = Xᵀy − Sᵀ (c ∘ Zᵀy).
        var b = xty
        for j in 0..<p {
            var s = 0.0
            for k in 0..<g { s += groupSums[j * g + k] * c[k] * groupResponseSums[k] }
            b[j] -= s
        }
        let beta = LinearAlgebra.choleskySolve(u, n: p, b, columns: 1)
        let residualGroupSums: [Double]
        var rHr: Double
        switch mode {
        case .exact:
            // Residuals directly (not yᵀH⁻¹y − bᵀβ) to avoid cancellation.
            let fitted = LinearAlgebra.times(design.values, beta, rows: n, columns: p)
            var residual = response
            for i in 0..<n { residual[i] -= fitted[i] }
            residualGroupSums = Self.groupTotals(residual, codes: groupIndex, groups: g)
            rHr = LinearAlgebra.dot(residual, residual)
        case .fromCrossProducts:
            residualGroupSums = (0..<g).map { k in
                var s = groupResponseSums[k]
                for j in 0..<p { s -= groupSums[j * g + k] * beta[j] }
                return s
            }
            var quadratic = 0.0
            for j in 0..<p {
                var row = 0.0
                for l in 0..<p { row += crossProduct[j * p + l] * beta[l] }
                quadratic += beta[j] * (row - 2 * xty[j])
            }
            rHr = responseSquares + quadratic
            // A (near-)perfect fit leaves nothing but rounding: ask the rows.
            if !(rHr > 1e-8 * responseSquares) { return try evaluate(gamma: gamma, residuals: .exact) }
        }
        var q = 0.0
        var traceH = 0.0
        for k in 0..<g {
            rHr -= c[k] * residualGroupSums[k] * residualGroupSums[k]
            let h = residualGroupSums[k] / (1 + groupSizes[k] * gamma)
            q += h * h
            traceH += groupSizes[k] / (1 + groupSizes[k] * gamma)
        }
        // Σ_g w_gᵀ A⁻¹ w_g with w_g = s_g/(1 + n_g γ): ‖U⁻ᵀ Wᵀ‖²_F.
        var wt = [Double](repeating: 0, count: p * g)
        for k in 0..<g {
            let scale = 1 / (1 + groupSizes[k] * gamma)
            for j in 0..<p { wt[k * p + j] = groupSums[j * g + k] * scale }
        }
        let z = LinearAlgebra.solveUpperTransposed(u, n: p, wt, columns: g)
        let traceCorrection = LinearAlgebra.dot(z, z)
        let residualDF = Double(n - p)
        let score = 0.5 * (residualDF * q / rHr - traceH + traceCorrection)
        let logDetA = LinearAlgebra.logDeterminant(choleskyFactor: u, n: p)
        let profiled = -0.5 * (residualDF * log(rHr / residualDF) + logDetH + logDetA)
        return State(beta: beta, cholesky: u, logDetA: logDetA, logDetH: logDetH,
                     weightedResidualSquares: rHr, score: score, profiledLogLik: profiled)
    }

    /// θ = log(σ_b/σ) at the REML maximum, or nil when the maximum is at σ_b = 0.
    func maximiseTheta() throws -> Double? {
        // Score in θ has the sign of the score in γ (dγ/dθ = 2γ > 0).
        let grid = stride(from: -12.0, through: 8.0, by: 0.5).map { $0 }
        var previous: (theta: Double, score: Double)? = nil
        var best: (theta: Double, logLik: Double)? = nil
        for theta in grid {
            let state = try evaluate(gamma: exp(2 * theta), residuals: .fromCrossProducts)
            if let prev = previous, prev.score > 0, state.score <= 0 {
                let root = try scoreRoot(low: (prev.theta, prev.score), high: (theta, state.score))
                let value = try evaluate(gamma: exp(2 * root), residuals: .fromCrossProducts).profiledLogLik
                if best == nil || value > best!.logLik { best = (root, value) }
            }
            previous = (theta, state.score)
        }
        if let best {
            // A maximum at the boundary σ_b → 0 can still beat an interior one.
            let boundary = try evaluate(gamma: 0, residuals: .fromCrossProducts).profiledLogLik
            return boundary > best.logLik ? nil : best.theta
        }
        let first = try evaluate(gamma: exp(2 * grid[0]), residuals: .fromCrossProducts)
        if first.score <= 0 { return nil }
        throw StatsError("the REML criterion has no maximum for θ ≤ \(grid.last!): the residual variance vanishes")
    }

    /// The score's root between θ with positive score (low) and θ with
    /// non-positive score (high), bracketed until the bracket cannot shrink
    /// further. False position (Illinois variant) converges in a few steps on
    /// this smooth score; a bisection step whenever an update shrinks the
    /// bracket by less than half keeps the worst case at bisection's.
    private func scoreRoot(low: (Double, Double), high: (Double, Double)) throws -> Double {
        var (lo, fLo) = low, (hi, fHi) = high
        var side = 0   // which end was kept last: -1 low, +1 high (Illinois halves its value)
        while true {
            let width = hi - lo
            var x = fLo > fHi ? lo + fLo / (fLo - fHi) * width : 0.5 * (lo + hi)
            if !(x > lo && x < hi) { x = 0.5 * (lo + hi) }
            if x <= lo || x >= hi { break }
            let f = try evaluate(gamma: exp(2 * x), residuals: .fromCrossProducts).score
            if f > 0 {
                lo = x; fLo = f
                if side == -1 { fHi *= 0.5 }
                side = -1
            } else {
                hi = x; fHi = f
                if side == 1 { fLo *= 0.5 }
                side = 1
            }
            if hi - lo > 0.5 * width {
                let mid = 0.5 * (lo + hi)
                if mid <= lo || mid >= hi { break }
                let g = try evaluate(gamma: exp(2 * mid), residuals: .fromCrossProducts).score
                if g > 0 { lo = mid; fLo = g } else { hi = mid; fHi = g }
                side = 0
            }
        }
        return 0.5 * (lo + hi)
    }

    /// nlme's denominator degrees of freedom per column.
    func denominatorDF() -> [Double] {
        var between = [Bool](repeating: false, count: p)
        for j in 0..<p {
            var first = [Double?](repeating: nil, count: groupCount)
            var constant = true
            for i in 0..<n {
                let v = design.values[j * n + i]
                if let f = first[groupIndex[i]] {
                    if f != v { constant = false; break }
                } else {
                    first[groupIndex[i]] = v
                }
            }
            between[j] = constant
        }
        let interceptIndex = design.columnNames.firstIndex(of: "(Intercept)")
        // The intercept counts as between-group in the between DF but takes the within DF.
        let betweenCount = between.filter { $0 }.count + ((interceptIndex.map { between[$0] } ?? true) ? 0 : 1)
        let withinCount = (0..<p).filter { !between[$0] && $0 != interceptIndex }.count
        let betweenDF = Double(groupCount - betweenCount)
        let withinDF = Double(n - groupCount - withinCount)
        return (0..<p).map { j in (between[j] && j != interceptIndex) ? betweenDF : withinDF }
    }
}
