import Foundation

/// A fitted mixed model with a vector of correlated random effects per group.
public struct RandomSlopesFit: Codable, Equatable, Sendable {
    public var fixedEffects: [FixedEffect]
    /// Names of the random-effect columns, e.g. "(Intercept)", "categoryCommunion".
    public var randomEffectNames: [String]
    public var randomEffectSD: [Double]
    /// Correlation matrix of the random effects, row by row.
    public var randomEffectCorrelations: [[Double]]
    public var residualSD: Double
    /// Restricted log-likelihood with the constants of nlme and lme4.
    public var logLikelihood: Double
    /// lme4's `isSingular`: a diagonal element of the relative Cholesky factor below 1e-4.
    public var singular: Bool
    /// The relative Cholesky factor, lower triangle column by column (lme4's θ), diagonal ≥ 0.
    public var theta: [Double]
    public var evaluations: Int
}

/// `y ~ X·β + Z_g b_g + ε` with b_g ~ N(0, Σ) unstructured (q × q) per group,
/// fitted by REML — e.g. `(1 + category * framing | rm)`, the maximal model.
///
/// How, and why this way:
/// - Σ = σ² ΛΛᵀ with Λ lower triangular (θ = its q(q+1)/2 entries, as lme4).
///   Then V_g = σ² H_g, H_g = I + Z_g ΛΛᵀ Z_gᵀ, and by Woodbury with
///   M_g = I + Λᵀ Z_gᵀ Z_g Λ (q × q):  H_g⁻¹ = I − Z_gΛ M_g⁻¹ ΛᵀZ_gᵀ and
///   |H_g| = |M_g|. Every quantity of the criterion is therefore a sum over
///   groups of q × q and q × p pieces of the per-group cross-products
///   Z_gᵀZ_g, Z_gᵀX_g, Z_gᵀy_g: no n × n matrix.
/// - β and σ² are profiled out, leaving −2ℓ_R(θ) = log|H| + log|XᵀH⁻¹X|
///   + (N − p)(1 + log(2π rᵀH⁻¹r/(N − p))), minimised over θ by Nelder–Mead
///   (`NelderMead`). θ is unconstrained: flipping the sign of a column of Λ
///   leaves ΛΛᵀ unchanged, so the reported θ has its diagonal made ≥ 0.
public enum RandomSlopesModel {
    /// `df`: the denominator DF given to every fixed effect (for between-group
    /// inference: #groups − #between-group coefficients). `start`: θ to start
    /// from (default: Λ = I, as lme4).
    public static func fitREML(response: [Double], design: DesignMatrix, randomDesign: DesignMatrix, groups: [Int],
                               df: Double, start: [Double]? = nil) throws -> RandomSlopesFit {
        let problem = try SlopesProblem(response: response, design: design, randomDesign: randomDesign, groups: groups)
        let q = problem.q
        var initial = [Double](repeating: 0, count: q * (q + 1) / 2)
        var k = 0
        for j in 0..<q { for i in j..<q { if i == j { initial[k] = 1 }; k += 1 } }
        let optimum = NelderMead.minimise({ problem.deviance(theta: $0) }, start: start ?? initial, step: 0.5, tolerance: 1e-13, pointTolerance: 1e-7)
        var theta = optimum.point
        // Column signs of Λ do not matter; make the diagonal non-negative.
        k = 0
        for j in 0..<q {
            let sign: Double = theta[k] < 0 ? -1 : 1
            for _ in j..<q { theta[k] *= sign; k += 1 }
        }
        let state = try problem.state(theta: theta)
        let n = Double(problem.n), p = problem.p
        let sigma2 = state.weightedResidualSquares / (n - Double(p))
        let logLik = -0.5 * problem.deviance(theta: theta)
        let inverse = LinearAlgebra.choleskyInverse(state.cholesky, n: p)
        let effects = (0..<p).map { j -> FixedEffect in
            let se = (sigma2 * inverse[j * p + j]).squareRoot()
            let t = state.beta[j] / se
            return FixedEffect(term: design.columnNames[j], estimate: state.beta[j], standardError: se, df: df, t: t,
                               p: StudentT.twoSidedP(t, df: df))
        }
        let lambda = SlopesProblem.lowerFactor(theta, q: q)
        var covariance = [Double](repeating: 0, count: q * q)
        for i in 0..<q { for j in 0..<q { var s = 0.0; for l in 0..<q { s += lambda[i * q + l] * lambda[j * q + l] }; covariance[i * q + j] = s * sigma2 } }
        let sd = (0..<q).map { covariance[$0 * q + $0].squareRoot() }
        let correlations = (0..<q).map { i in (0..<q).map { j in i == j ? 1 : covariance[i * q + j] / (sd[i] * sd[j]) } }
        var diagonal: [Double] = []
        k = 0
        for j in 0..<q { for i in j..<q { if i == j { diagonal.append(theta[k]) }; k += 1 } }
        return RandomSlopesFit(fixedEffects: effects, randomEffectNames: randomDesign.columnNames, randomEffectSD: sd,
                               randomEffectCorrelations: correlations, residualSD: sigma2.squareRoot(), logLikelihood: logLik,
                               singular: diagonal.contains { $0 < 1e-4 }, theta: theta, evaluations: optimum.evaluations)
    }
}

/// The per-group cross-products one evaluation of the criterion needs.
struct SlopesProblem {
    let n: Int, p: Int, q: Int, groupCount: Int
    let design: DesignMatrix
    let response: [Double]
    let groupIndex: [Int]
    let crossProduct: [Double]      // XᵀX, p × p
    let xty: [Double]               // Xᵀy
    // Per group, stored group after group in one array each (the criterion
    // is evaluated thousands of times; nested arrays cost a uniqueness check
    // per write and an allocation per group):
    let ztz: [Double]               // Z_gᵀZ_g, q × q row-major, at g·q·q
    let ztx: [Double]               // Z_gᵀX_g, q × p row-major, at g·q·p
    let zty: [Double]               // Z_gᵀy_g, at g·q
    let randomValues: [Double]      // Z, column-major n × q

    init(response: [Double], design: DesignMatrix, randomDesign: DesignMatrix, groups: [Int]) throws {
        n = response.count; p = design.columnCount; q = randomDesign.columnCount
        guard design.rowCount == n, randomDesign.rowCount == n, groups.count == n else {
            throw StatsError("response (\(n)), designs (\(design.rowCount), \(randomDesign.rowCount)) and groups (\(groups.count)) differ in length")
        }
        guard response.allSatisfy({ $0.isFinite }) else { throw StatsError("response has non-finite values") }
        guard n > p + 1, q >= 1 else { throw StatsError("\(n) observations are too few for \(p) fixed effects") }
        self.design = design; self.response = response; randomValues = randomDesign.values
        var index: [Int: Int] = [:]
        var codes = [Int](repeating: 0, count: n)
        for (i, label) in groups.enumerated() {
            if let k = index[label] { codes[i] = k } else { codes[i] = index.count; index[label] = index.count }
        }
        groupIndex = codes; groupCount = index.count
        guard groupCount >= 2 else { throw StatsError("random effects need at least two groups") }
        crossProduct = LinearAlgebra.gram(design.values, rows: n, columns: p)
        xty = LinearAlgebra.transposeTimes(design.values, response, rows: n, columnsA: p, columnsB: 1)
        guard LinearAlgebra.cholesky(crossProduct, n: p) != nil else {
            throw StatsError("the fixed-effects design is rank deficient (XᵀX is singular)")
        }
        var ztz = [Double](repeating: 0, count: groupCount * q * q)
        var ztx = [Double](repeating: 0, count: groupCount * q * p)
        var zty = [Double](repeating: 0, count: groupCount * q)
        for i in 0..<n {
            let g = codes[i]
            for a in 0..<q {
                let za = randomDesign.values[a * n + i]
                if za == 0 { continue }
                for b in 0..<q { ztz[g * q * q + a * q + b] += za * randomDesign.values[b * n + i] }
                for j in 0..<p { ztx[g * q * p + a * p + j] += za * design.values[j * n + i] }
                zty[g * q + a] += za * response[i]
            }
        }
        self.ztz = ztz; self.ztx = ztx; self.zty = zty
    }

    /// Λ (row-major q × q) from θ, the lower triangle column by column.
    static func lowerFactor(_ theta: [Double], q: Int) -> [Double] {
        var lambda = [Double](repeating: 0, count: q * q)
        var k = 0
        for j in 0..<q { for i in j..<q { lambda[i * q + j] = theta[k]; k += 1 } }
        return lambda
    }

    struct State {
        var beta: [Double]
        var cholesky: [Double]
        var logDetA: Double
        var logDetH: Double
        var weightedResidualSquares: Double
    }

    /// −2ℓ_R at θ; +∞ where the criterion is undefined.
    func deviance(theta: [Double]) -> Double {
        guard let s = try? state(theta: theta), s.weightedResidualSquares > 0 else { return .infinity }
        let residualDF = Double(n - p)
        return s.logDetH + s.logDetA + residualDF * (1 + log(2 * Double.pi * s.weightedResidualSquares / residualDF))
    }

    func state(theta: [Double]) throws -> State {
        let lambdaValues = Self.lowerFactor(theta, q: q)
        let q = q, p = p, groupCount = groupCount
        var a = crossProduct, b = xty
        var logDetH = 0.0
        // Per group: L_g (Cholesky of M_g), C_g = L_g⁻¹ ΛᵀZ_gᵀX_g, c_g = L_g⁻¹ ΛᵀZ_gᵀy_g.
        // Scratch space is allocated once per evaluation, not once per group,
        // and every per-group step reads and writes through pointers: this runs
        // for every group at every criterion evaluation, and array subscripts'
        // bound checks and copies were a large part of it. The same sums in the same order.
        var factors = [Double](repeating: 0, count: groupCount * q * q)
        let scratchCount = 3 * q * q + q * p + q
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: scratchCount)
        scratch.initialize(repeating: 0, count: scratchCount)
        defer { scratch.deallocate() }
        let zl = scratch                // Z_gᵀZ_g Λ
        let m = zl + q * q              // T = Λᵀ Z_gᵀZ_g Λ + I
        let l = m + q * q
        let c = l + q * q               // Λᵀ Z_gᵀX_g, then L_g⁻¹ of it
        let cu = c + q * p              // Λᵀ Z_gᵀy_g, then L_g⁻¹ of it
        let positive = lambdaValues.withUnsafeBufferPointer { lambda in
            ztz.withUnsafeBufferPointer { ztz in ztx.withUnsafeBufferPointer { ztx in zty.withUnsafeBufferPointer { zty in
                factors.withUnsafeMutableBufferPointer { factors in a.withUnsafeMutableBufferPointer { a in b.withUnsafeMutableBufferPointer { b in
                    for g in 0..<groupCount {
                        let zz = g * q * q, zx = g * q * p, zy = g * q
                        for i in 0..<q { for j in 0..<q { var s = 0.0; for r in j..<q { s += ztz[zz + i * q + r] * lambda[r * q + j] }; zl[i * q + j] = s } }
                        for i in 0..<q { for j in 0..<q { var s = i == j ? 1.0 : 0.0; for r in i..<q { s += lambda[r * q + i] * zl[r * q + j] }; m[i * q + j] = s } }
                        guard Self.choleskyLower(m, q: q, into: l) else { return false }
                        for i in 0..<q { logDetH += 2 * log(l[i * q + i]) }
                        for i in 0..<q { for j in 0..<p { var s = 0.0; for r in i..<q { s += lambda[r * q + i] * ztx[zx + r * p + j] }; c[i * p + j] = s } }
                        for i in 0..<q { var s = 0.0; for r in i..<q { s += lambda[r * q + i] * zty[zy + r] }; cu[i] = s }
                        Self.forwardSolve(l, q: q, c, columns: p)
                        Self.forwardSolve(l, q: q, cu, columns: 1)
                        Self.subtractCrossProducts(c, cu, p: p, q: q, from: a.baseAddress!, b.baseAddress!)
                        for k in 0..<(q * q) { factors[zz + k] = l[k] }
                    }
                    return true
                } } }
            } } }
        }
        guard positive else { throw StatsError("M_g is not positive definite") }
        guard let chol = LinearAlgebra.cholesky(a, n: p) else { throw StatsError("XᵀH⁻¹X is not positive definite") }
        let beta = LinearAlgebra.choleskySolve(chol, n: p, b, columns: 1)
        let fitted = LinearAlgebra.times(design.values, beta, rows: n, columns: p)
        var (rr, ztr) = residualSums(fitted)
        lambdaValues.withUnsafeBufferPointer { lambda in
            factors.withUnsafeBufferPointer { factors in ztr.withUnsafeBufferPointer { ztr in
                for g in 0..<groupCount {
                    for i in 0..<q { var s = 0.0; for r in i..<q { s += lambda[r * q + i] * ztr[g * q + r] }; cu[i] = s }
                    for i in 0..<(q * q) { l[i] = factors[g * q * q + i] }
                    Self.forwardSolve(l, q: q, cu, columns: 1)
                    for i in 0..<q { rr -= cu[i] * cu[i] }
                }
            } }
        }
        return State(beta: beta, cholesky: chol, logDetA: LinearAlgebra.logDeterminant(choleskyFactor: chol, n: p),
                     logDetH: logDetH, weightedResidualSquares: rr)
    }

    /// A −= CᵀC and b −= Cᵀc for one group (C: q × p row-major, c: q).
    /// CᵀC is symmetric and IEEE products commute, so each off-diagonal sum is
    /// computed once and taken from both halves of A: the same numbers, in the
    /// same order, for half the work. Pointers, not array subscripts: this
    /// runs per group for every criterion evaluation, and the bound and
    /// overflow checks were a third of its instructions.
    static func subtractCrossProducts(_ c: [Double], _ cu: [Double], p: Int, q: Int, from a: inout [Double], _ b: inout [Double]) {
        c.withUnsafeBufferPointer { c in
            cu.withUnsafeBufferPointer { cu in
                a.withUnsafeMutableBufferPointer { a in
                    b.withUnsafeMutableBufferPointer { b in
                        subtractCrossProducts(c.baseAddress!, cu.baseAddress!, p: p, q: q, from: a.baseAddress!, b.baseAddress!)
                    }
                }
            }
        }
    }

    /// The same on pointers, as `state` calls it with its scratch space.
    static func subtractCrossProducts(_ c: UnsafePointer<Double>, _ cu: UnsafePointer<Double>, p: Int, q: Int,
                                      from a: UnsafeMutablePointer<Double>, _ b: UnsafeMutablePointer<Double>) {
        for j in 0..<p {
            for k in j..<p {
                var s = 0.0
                for i in 0..<q { s += c[i &* p &+ j] * c[i &* p &+ k] }
                a[k &* p &+ j] -= s
                if k != j { a[j &* p &+ k] -= s }
            }
            var s = 0.0
            for i in 0..<q { s += c[i &* p &+ j] * cu[i] }
            b[j] -= s
        }
    }

    /// Σ r² and, per group, Z_gᵀr for the residuals r = y − fitted, row by row
    /// in order (the sums in the order the rows come).
    func residualSums(_ fitted: [Double]) -> (squares: Double, ztr: [Double]) {
        var rr = 0.0
        var ztr = [Double](repeating: 0, count: groupCount * q)
        let n = n, q = q
        response.withUnsafeBufferPointer { y in
            fitted.withUnsafeBufferPointer { f in
                groupIndex.withUnsafeBufferPointer { groups in
                    randomValues.withUnsafeBufferPointer { z in
                        ztr.withUnsafeMutableBufferPointer { ztr in
                            for i in 0..<n {
                                let r = y[i] - f[i]
                                rr += r * r
                                let row = groups[i] &* q
                                for a in 0..<q { ztr[row &+ a] += z[a &* n &+ i] * r }
                            }
                        }
                    }
                }
            }
        }
        return (rr, ztr)
    }

    /// Lower Cholesky factor of a small symmetric matrix (row-major) into `l`
    /// (q × q, its upper triangle left alone); false if not positive definite.
    static func choleskyLower(_ m: UnsafePointer<Double>, q: Int, into l: UnsafeMutablePointer<Double>) -> Bool {
        for j in 0..<q {
            var d = m[j * q + j]
            for k in 0..<j { d -= l[j * q + k] * l[j * q + k] }
            guard d > 0 else { return false }
            l[j * q + j] = d.squareRoot()
            for i in (j + 1)..<q {
                var s = m[i * q + j]
                for k in 0..<j { s -= l[i * q + k] * l[j * q + k] }
                l[i * q + j] = s / l[j * q + j]
            }
        }
        return true
    }

    /// B ← L⁻¹ B in place, for lower-triangular L (q × q) and B (q × columns), row-major.
    static func forwardSolve(_ l: UnsafePointer<Double>, q: Int, _ x: UnsafeMutablePointer<Double>, columns: Int) {
        for i in 0..<q {
            for c in 0..<columns {
                var s = x[i * columns + c]
                for k in 0..<i { s -= l[i * q + k] * x[k * columns + c] }
                x[i * columns + c] = s / l[i * q + i]
            }
        }
    }
}
