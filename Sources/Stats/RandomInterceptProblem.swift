import Foundation

/// The data of one random-intercept REML fit, reduced to what each evaluation
/// of the profiled criterion needs (`LinearMixedModel.fitREML`).
struct RandomInterceptProblem {
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
    /// Buffers every evaluation writes into instead of allocating: the search
    /// for θ evaluates ~55 times per fit, and on these small matrices the
    /// allocations (and copy-on-write checks) cost about as much as the
    /// arithmetic. A fit and its buffers live on one thread.
    let work: Workspace

    final class Workspace {
        /// Copies of `groupSizes`, `groupSums`, `crossProduct`, `xty` and
        /// `groupResponseSums`, read without bounds checks.
        let sizes, sums, cross, xty, responseSums: UnsafeMutableBufferPointer<Double>
        /// d_g = 1 + n_g γ (G).
        let d: UnsafeMutableBufferPointer<Double>
        /// c_g = γ/d_g and √c_g (G).
        let c, rootC: UnsafeMutableBufferPointer<Double>
        /// S scaled by √c_g (G×p).
        let scaled: UnsafeMutableBufferPointer<Double>
        /// A = XᵀH⁻¹X, then its upper Cholesky factor (p×p).
        let a: UnsafeMutableBufferPointer<Double>
        /// XᵀH⁻¹y, then β (p).
        let beta: UnsafeMutableBufferPointer<Double>
        /// Zᵀr (G).
        let residualGroupSums: UnsafeMutableBufferPointer<Double>
        /// Wᵀ, then U⁻ᵀWᵀ (p×G).
        let wt: UnsafeMutableBufferPointer<Double>

        init(groups g: Int, columns p: Int, sizes: [Double], sums: [Double], cross: [Double], xty: [Double],
             responseSums: [Double]) {
            func buffer(_ count: Int) -> UnsafeMutableBufferPointer<Double> {
                let b = UnsafeMutableBufferPointer<Double>.allocate(capacity: count)
                b.initialize(repeating: 0)
                return b
            }
            func copy(_ values: [Double]) -> UnsafeMutableBufferPointer<Double> {
                let b = UnsafeMutableBufferPointer<Double>.allocate(capacity: values.count)
                _ = b.initialize(fromContentsOf: values)
                return b
            }
            self.sizes = copy(sizes); self.sums = copy(sums); self.cross = copy(cross)
            self.xty = copy(xty); self.responseSums = copy(responseSums)
            d = buffer(g); c = buffer(g); rootC = buffer(g); scaled = buffer(g * p); a = buffer(p * p)
            beta = buffer(p); residualGroupSums = buffer(g); wt = buffer(p * g)
        }

        deinit {
            for b in [sizes, sums, cross, xty, responseSums, d, c, rootC, scaled, a, beta, residualGroupSums, wt] {
                b.deallocate()
            }
        }
    }

    init(response: [Double], design: DesignMatrix, groups: [Int]) throws {
        let n = response.count, p = design.columnCount
        self.n = n
        self.p = p
        self.design = design
        self.response = response
        let codes = Self.firstAppearanceCodes(groups)
        groupCount = Self.distinctCount(codes)
        groupIndex = codes
        var sizes = [Double](repeating: 0, count: groupCount)
        for g in codes { sizes[g] += 1 }
        groupSizes = sizes
        crossProduct = LinearAlgebra.gram(design.values, rows: n, columns: p)
        // ZᵀX and Zᵀy as sums over each group's rows (Z is an indicator
        // matrix: multiplying by it densely costs N·G and copies it each time).
        var sums = [Double](repeating: 0, count: groupCount * p)
        let g = groupCount
        // Each cell adds its rows' values in row order, as a plain loop over
        // the rows would; consecutive rows of one group (the usual layout)
        // are summed in a register, one run at a time.
        var runs: [(start: Int, end: Int, group: Int)] = []
        var start = 0
        while start < n {
            var end = start + 1
            while end < n && codes[end] == codes[start] { end += 1 }
            runs.append((start, end, codes[start]))
            start = end
        }
        sums.withUnsafeMutableBufferPointer { sums in
            design.values.withUnsafeBufferPointer { x in
                for j in 0..<p {
                    for run in runs {
                        var s = sums[j * g + run.group]
                        for i in run.start..<run.end { s += x[j * n + i] }
                        sums[j * g + run.group] = s
                    }
                }
            }
        }
        groupSums = sums
        xty = LinearAlgebra.transposeTimes(design.values, response, rows: n, columnsA: p, columnsB: 1)
        groupResponseSums = Self.groupTotals(response, codes: codes, groups: groupCount)
        responseSquares = LinearAlgebra.dot(response, response)
        work = Workspace(groups: groupCount, columns: p, sizes: sizes, sums: sums, cross: crossProduct, xty: xty,
                         responseSums: groupResponseSums)
        guard LinearAlgebra.cholesky(crossProduct, n: p) != nil else {
            throw StatsError("the fixed-effects design is rank deficient (XᵀX is singular)")
        }
    }

    /// The group of each observation as 0, 1, … in order of first appearance
    /// of its label. Labels within a small range (the usual 0..<G) are looked
    /// up in an array; others in a dictionary. Both give the same codes.
    static func firstAppearanceCodes(_ labels: [Int]) -> [Int] {
        var codes = [Int](repeating: 0, count: labels.count)
        guard var low = labels.first else { return codes }
        var high = low
        for label in labels { low = min(low, label); high = max(high, label) }
        let (span, overflow) = high.subtractingReportingOverflow(low)
        if !overflow && span < 4 * labels.count + 64 {
            var table = [Int](repeating: -1, count: span + 1)
            var next = 0
            labels.withUnsafeBufferPointer { labels in
                codes.withUnsafeMutableBufferPointer { codes in
                    table.withUnsafeMutableBufferPointer { table in
                        for i in 0..<labels.count {
                            let slot = labels[i] &- low
                            if table[slot] < 0 { table[slot] = next; next += 1 }
                            codes[i] = table[slot]
                        }
                    }
                }
            }
        } else {
            var index: [Int: Int] = [:]
            for (i, label) in labels.enumerated() {
                if let k = index[label] { codes[i] = k } else { codes[i] = index.count; index[label] = index.count }
            }
        }
        return codes
    }

    /// The number of groups in first-appearance codes: the largest code + 1.
    static func distinctCount(_ codes: [Int]) -> Int {
        var largest = -1
        for code in codes where code > largest { largest = code }
        return largest + 1
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

    /// The full state at γ, residuals from the rows (the fit that is reported).
    func evaluate(gamma: Double) throws -> State {
        let v = try evaluateInPlace(gamma: gamma, residuals: .exact)
        return State(beta: Array(work.beta), cholesky: Array(work.a), logDetA: v.logDetA, logDetH: v.logDetH,
                     weightedResidualSquares: v.weightedResidualSquares, score: v.score,
                     profiledLogLik: v.profiledLogLik)
    }

    /// The scalars of an evaluation at γ; β and the Cholesky factor of A are
    /// left in `work.beta` and `work.a`.
    struct Values {
        var logDetA: Double
        var logDetH: Double
        var weightedResidualSquares: Double
        var score: Double
        var profiledLogLik: Double
    }

    func evaluateInPlace(gamma: Double, residuals mode: Residuals) throws -> Values {
        let g = groupCount
        // The same expressions as the textbook form, each computed once
        // (d_g and √c_g are reused where it recomputed them: the same bits).
        let groupSizes = work.sizes, groupSums = work.sums, crossProduct = work.cross, xty = work.xty
        let groupResponseSums = work.responseSums
        let d = work.d, c = work.c, rootC = work.rootC, scaled = work.scaled, a = work.a, beta = work.beta
        let residualGroupSums = work.residualGroupSums, wt = work.wt
        var logDetH = 0.0
        for k in 0..<g {
            d[k] = 1 + groupSizes[k] * gamma
            c[k] = gamma / d[k]
            rootC[k] = c[k].squareRoot()
            logDetH += log1p(groupSizes[k] * gamma)
        }
        // A = XᵀX − Sᵀ diag(c) S, via the rows of S scaled by √c_g.
        for j in 0..<p { for k in 0..<g { scaled[j * g + k] = groupSums[j * g + k] * rootC[k] } }
        _ = a.update(fromContentsOf: crossProduct)
        LinearAlgebra.subtractGramUpper(UnsafeBufferPointer(scaled), rows: g, columns: p, from: a)
        guard LinearAlgebra.choleskyInPlace(a, n: p) else {
            throw StatsError("XᵀV⁻¹X is not positive definite at γ = \(gamma)")
        }
        // b = XᵀH⁻¹y = Xᵀy − Sᵀ (c ∘ Zᵀy); then β = A⁻¹b in place.
        for j in 0..<p {
            var s = 0.0
            for k in 0..<g { s += groupSums[j * g + k] * c[k] * groupResponseSums[k] }
            beta[j] = xty[j] - s
        }
        LinearAlgebra.choleskySolve(UnsafeBufferPointer(a), n: p, beta, columns: 1)
        var rHr: Double
        switch mode {
        case .exact:
            // Residuals directly (not yᵀH⁻¹y − bᵀβ) to avoid cancellation.
            let fitted = LinearAlgebra.times(design.values, Array(beta), rows: n, columns: p)
            var residual = response
            for i in 0..<n { residual[i] -= fitted[i] }
            _ = residualGroupSums.update(fromContentsOf: Self.groupTotals(residual, codes: groupIndex, groups: g))
            rHr = LinearAlgebra.dot(residual, residual)
        case .fromCrossProducts:
            for k in 0..<g {
                var s = groupResponseSums[k]
                for j in 0..<p { s -= groupSums[j * g + k] * beta[j] }
                residualGroupSums[k] = s
            }
            var quadratic = 0.0
            for j in 0..<p {
                var row = 0.0
                for l in 0..<p { row += crossProduct[j * p + l] * beta[l] }
                quadratic += beta[j] * (row - 2 * xty[j])
            }
            rHr = responseSquares + quadratic
            // A (near-)perfect fit leaves nothing but rounding: ask the rows.
            if !(rHr > 1e-8 * responseSquares) { return try evaluateInPlace(gamma: gamma, residuals: .exact) }
        }
        var q = 0.0
        var traceH = 0.0
        for k in 0..<g {
            let r = residualGroupSums[k]
            rHr -= c[k] * r * r
            let h = r / d[k]
            q += h * h
            traceH += groupSizes[k] / d[k]
        }
        // Σ_g w_gᵀ A⁻¹ w_g with w_g = s_g/(1 + n_g γ): ‖U⁻ᵀ Wᵀ‖²_F.
        for k in 0..<g {
            let scale = 1 / d[k]
            for j in 0..<p { wt[k * p + j] = groupSums[j * g + k] * scale }
        }
        LinearAlgebra.solveUpperTransposed(UnsafeBufferPointer(a), n: p, wt, columns: g)
        let traceCorrection = LinearAlgebra.dot(UnsafeBufferPointer(wt), UnsafeBufferPointer(wt))
        let residualDF = Double(n - p)
        let score = 0.5 * (residualDF * q / rHr - traceH + traceCorrection)
        let logDetA = LinearAlgebra.logDeterminant(choleskyFactor: UnsafeBufferPointer(a), n: p)
        let profiled = -0.5 * (residualDF * log(rHr / residualDF) + logDetH + logDetA)
        return Values(logDetA: logDetA, logDetH: logDetH, weightedResidualSquares: rHr, score: score,
                      profiledLogLik: profiled)
    }

    /// θ = log(σ_b/σ) at the REML maximum, or nil when the maximum is at σ_b = 0.
    func maximiseTheta() throws -> Double? {
        // Score in θ has the sign of the score in γ (dγ/dθ = 2γ > 0).
        let grid = stride(from: -12.0, through: 8.0, by: 0.5).map { $0 }
        var previous: (theta: Double, score: Double)? = nil
        var best: (theta: Double, logLik: Double)? = nil
        for theta in grid {
            let state = try evaluateInPlace(gamma: exp(2 * theta), residuals: .fromCrossProducts)
            if let prev = previous, prev.score > 0, state.score <= 0 {
                let root = try scoreRoot(low: (prev.theta, prev.score), high: (theta, state.score))
                let value = try evaluateInPlace(gamma: exp(2 * root), residuals: .fromCrossProducts).profiledLogLik
                if best == nil || value > best!.logLik { best = (root, value) }
            }
            previous = (theta, state.score)
        }
        if let best {
            // A maximum at the boundary σ_b → 0 can still beat an interior one.
            let boundary = try evaluateInPlace(gamma: 0, residuals: .fromCrossProducts).profiledLogLik
            return boundary > best.logLik ? nil : best.theta
        }
        let first = try evaluateInPlace(gamma: exp(2 * grid[0]), residuals: .fromCrossProducts)
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
            let f = try evaluateInPlace(gamma: exp(2 * x), residuals: .fromCrossProducts).score
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
                let g = try evaluateInPlace(gamma: exp(2 * mid), residuals: .fromCrossProducts).score
                if g > 0 { lo = mid; fLo = g } else { hi = mid; fHi = g }
                side = 0
            }
        }
        return 0.5 * (lo + hi)
    }

    /// nlme's denominator degrees of freedom per column.
    func denominatorDF() -> [Double] {
        // Per column: is every group's first value repeated on all its rows?
        let g = groupCount, n = n, p = p
        let between = design.values.withUnsafeBufferPointer { x in
            groupIndex.withUnsafeBufferPointer { groupIndex in
                withUnsafeTemporaryAllocation(of: Double.self, capacity: g) { first in
                    withUnsafeTemporaryAllocation(of: Bool.self, capacity: g) { seen in
                        (0..<p).map { j -> Bool in
                            seen.initialize(repeating: false)
                            for i in 0..<n {
                                let v = x[j * n + i], k = groupIndex[i]
                                if seen[k] {
                                    if first[k] != v { return false }
                                } else {
                                    first[k] = v
                                    seen[k] = true
                                }
                            }
                            return true
                        }
                    }
                }
            }
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
