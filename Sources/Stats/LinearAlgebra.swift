import COpenBLAS
import Foundation

/// The project's one door to OpenBLAS (a project rule: all dense linear algebra
/// goes through it). Matrices are column-major `[Double]`, as BLAS expects.
/// Debian's OpenBLAS has no LAPACKE, so LAPACK is called through the Fortran
/// symbols declared in `COpenBLAS/shim.h` (hidden character lengths last).
public enum LinearAlgebra {
    /// Every BLAS/LAPACK call below first touches this, so OpenBLAS runs on
    /// the calling thread only. The matrices here are tiny (tens of columns),
    /// and the analyses already run side by side on every core: OpenBLAS's own
    /// worker threads only spun in `sched_yield` beside them (≈ 8 % of a
    /// build's CPU) and made the analyse phase's time bimodal.
    /// It sets one thread and then ends the worker threads OpenBLAS started
    /// when it was loaded, in that order and only once: setting the thread
    /// count after the workers have ended starts them again (OpenBLAS 0.3.21's
    /// `goto_set_num_threads` calls `blas_thread_init`), and they spun ~50 ms
    /// of CPU in `sched_yield` beside the first mixed-model fit.
    /// (`static let` runs its initialiser exactly once, thread-safely.)
    private static let singleThreaded: Void = backbone_openblas_use_calling_thread()

    /// Runs OpenBLAS on the calling thread from now on and ends its worker
    /// threads, which otherwise spin beside the build's own work for their
    /// first ~0.1 s (sched_yield, about 0.1 s of CPU a build).
    /// Called once, first thing, by the command line tool.
    public static func useCallingThreadOnly() {
        _ = singleThreaded
    }

    /// Whether OpenBLAS's worker threads are running (false where the
    /// library has no threads): what `useCallingThreadOnly` ends, for a test
    /// that no later call starts them again.
    static var workerThreadsRunning: Bool { backbone_openblas_workers_up() != 0 }

    /// Upper triangle of AᵀA for an m×n matrix A (dsyrk). The lower triangle is
    /// filled in too, so the result can be used as a plain symmetric matrix.
    static func gram(_ a: [Double], rows m: Int, columns n: Int) -> [Double] {
        _ = singleThreaded
        var c = [Double](repeating: 0, count: n * n)
        guard m > 0, n > 0 else { return c }
        cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, Int32(n), Int32(m),
                    1, a, Int32(m), 0, &c, Int32(n))
        symmetrizeFromUpper(&c, n: n)
        return c
    }

    /// C − AᵀA for a k×n matrix A and a symmetric n×n C (dsyrk with α = −1).
    static func subtractGram(_ c: [Double], _ a: [Double], rows k: Int, columns n: Int) -> [Double] {
        _ = singleThreaded
        var result = c
        guard k > 0, n > 0 else { return result }
        cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, Int32(n), Int32(k),
                    -1, a, Int32(k), 1, &result, Int32(n))
        symmetrizeFromUpper(&result, n: n)
        return result
    }

    /// AᵀB for an m×n matrix A and an m×q matrix B (dgemm).
    static func transposeTimes(_ a: [Double], _ b: [Double], rows m: Int, columnsA n: Int, columnsB q: Int) -> [Double] {
        _ = singleThreaded
        var c = [Double](repeating: 0, count: n * q)
        guard m > 0, n > 0, q > 0 else { return c }
        cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, Int32(n), Int32(q), Int32(m),
                    1, a, Int32(m), b, Int32(m), 0, &c, Int32(n))
        return c
    }

    /// A·x for an m×n matrix A (dgemv).
    static func times(_ a: [Double], _ x: [Double], rows m: Int, columns n: Int) -> [Double] {
        _ = singleThreaded
        var y = [Double](repeating: 0, count: m)
        guard m > 0, n > 0 else { return y }
        cblas_dgemv(CblasColMajor, CblasNoTrans, Int32(m), Int32(n), 1, a, Int32(m), x, 1, 0, &y, 1)
        return y
    }

    /// xᵀy (ddot).
    static func dot(_ x: [Double], _ y: [Double]) -> Double {
        _ = singleThreaded
        precondition(x.count == y.count)
        return cblas_ddot(Int32(x.count), x, 1, y, 1)
    }

    /// Upper Cholesky factor U (A = UᵀU) of a symmetric positive-definite n×n
    /// matrix (dpotrf); nil if A is not positive definite.
    static func cholesky(_ a: [Double], n: Int) -> [Double]? {
        _ = singleThreaded
        var u = a
        var order = Int32(n), lda = Int32(n), info: Int32 = 0
        var uplo = CChar(UInt8(ascii: "U"))
        dpotrf_(&uplo, &order, &u, &lda, &info, 1)
        guard info == 0 else { return nil }
        for j in 0..<n { for i in (j + 1)..<n { u[j * n + i] = 0 } }
        return u
    }

    /// Solves A X = B given the upper Cholesky factor of A; B is n×q (dpotrs).
    static func choleskySolve(_ u: [Double], n: Int, _ b: [Double], columns q: Int) -> [Double] {
        _ = singleThreaded
        var x = b
        var order = Int32(n), nrhs = Int32(q), lda = Int32(n), ldb = Int32(n), info: Int32 = 0
        var uplo = CChar(UInt8(ascii: "U"))
        dpotrs_(&uplo, &order, &nrhs, u, &lda, &x, &ldb, &info, 1)
        precondition(info == 0, "dpotrs: invalid argument \(-info)")
        return x
    }

    /// A⁻¹ from the upper Cholesky factor of A (dpotri), as a full symmetric matrix.
    static func choleskyInverse(_ u: [Double], n: Int) -> [Double] {
        _ = singleThreaded
        var inverse = u
        var order = Int32(n), lda = Int32(n), info: Int32 = 0
        var uplo = CChar(UInt8(ascii: "U"))
        dpotri_(&uplo, &order, &inverse, &lda, &info, 1)
        precondition(info == 0, "dpotri failed with info \(info)")
        symmetrizeFromUpper(&inverse, n: n)
        return inverse
    }

    /// Solves Uᵀ Z = B in place for an upper-triangular U; B is n×q (dtrsm).
    static func solveUpperTransposed(_ u: [Double], n: Int, _ b: [Double], columns q: Int) -> [Double] {
        _ = singleThreaded
        var z = b
        guard n > 0, q > 0 else { return z }
        cblas_dtrsm(CblasColMajor, CblasLeft, CblasUpper, CblasTrans, CblasNonUnit,
                    Int32(n), Int32(q), 1, u, Int32(n), &z, Int32(n))
        return z
    }

    // In-place forms on buffers the caller keeps, for the random-intercept
    // search (`RandomInterceptProblem.evaluateInPlace`), which evaluates ~55
    // times per fit and fits a few hundred times a build on p ≤ ~20 columns
    // and G ≤ ~20 groups. These are plain loops, not OpenBLAS: on matrices
    // this small its per-call cost (argument checks, a work buffer taken
    // from its pool under a mutex, packing the operands for its kernels) was
    // several times the arithmetic — about 6 % of a build's CPU went to five
    // calls per evaluation. The loops also add up in one fixed order, so an
    // evaluation gives the same bits on every machine (OpenBLAS picks its
    // kernels by CPU). They agree with the allocating forms above to
    // rounding (`LinearAlgebraInPlaceTests`). Column-major, as above.

    /// The upper triangle of C ← C − AᵀA for a k×n matrix A and a symmetric
    /// n×n C (`subtractGram` without filling in the lower triangle, which
    /// keeps its old contents: for `choleskyInPlace`, which reads only the
    /// upper one). Each entry's products are summed in row order, then subtracted.
    static func subtractGramUpper(_ a: UnsafeBufferPointer<Double>, rows k: Int, columns n: Int,
                                  from c: UnsafeMutableBufferPointer<Double>) {
        precondition(a.count >= k * n && c.count >= n * n)
        guard k > 0, n > 0, let a = a.baseAddress, let c = c.baseAddress else { return }
        for j in 0..<n {
            let columnJ = a + j &* k
            for i in 0...j {
                let columnI = a + i &* k
                var s = 0.0
                for r in 0..<k { s += columnI[r] * columnJ[r] }
                c[j &* n &+ i] -= s
            }
        }
    }

    /// A ← its upper Cholesky factor U (A = UᵀU), the strictly lower triangle
    /// zeroed (`cholesky`; only the upper triangle is read); false, with A
    /// overwritten, if A is not positive definite (a pivot ≤ 0 or NaN, as
    /// dpotrf reports it). Column by column: U's column j above the
    /// diagonal solves U₀ᵀx = A's column j against the j × j factor U₀ made
    /// so far; then the pivot.
    static func choleskyInPlace(_ a: UnsafeMutableBufferPointer<Double>, n: Int) -> Bool {
        precondition(a.count >= n * n)
        guard n > 0, let a = a.baseAddress else { return true }
        for j in 0..<n {
            let columnJ = a + j &* n
            forwardSolveTransposed(a, n: j, stride: n, columnJ, columns: 1)
            var pivot = columnJ[j]
            for r in 0..<j { pivot -= columnJ[r] * columnJ[r] }
            guard pivot > 0 else { return false }
            columnJ[j] = pivot.squareRoot()
        }
        for j in 0..<n { for i in (j + 1)..<n { a[j &* n &+ i] = 0 } }
        return true
    }

    /// B ← A⁻¹ B given the upper Cholesky factor U of A; B is n×q
    /// (`choleskySolve`): Uᵀy = b forwards, then Ux = y backwards, per column.
    static func choleskySolve(_ u: UnsafeBufferPointer<Double>, n: Int, _ b: UnsafeMutableBufferPointer<Double>,
                              columns q: Int) {
        precondition(u.count >= n * n && b.count >= n * q)
        guard n > 0, q > 0, let u = u.baseAddress, let b = b.baseAddress else { return }
        forwardSolveTransposed(u, n: n, stride: n, b, columns: q)
        for column in 0..<q {
            let x = b + column &* n
            for i in stride(from: n - 1, through: 0, by: -1) {
                var s = x[i]
                for r in (i + 1)..<n { s -= u[r &* n &+ i] * x[r] }
                x[i] = s / u[i &* n &+ i]
            }
        }
    }

    /// B ← U⁻ᵀ B for an upper-triangular U; B is n×q (`solveUpperTransposed`).
    static func solveUpperTransposed(_ u: UnsafeBufferPointer<Double>, n: Int, _ b: UnsafeMutableBufferPointer<Double>,
                                     columns q: Int) {
        precondition(u.count >= n * n && b.count >= n * q)
        guard n > 0, q > 0, let u = u.baseAddress, let b = b.baseAddress else { return }
        forwardSolveTransposed(u, n: n, stride: n, b, columns: q)
    }

    /// Uᵀz = b per column of B (n×q), forwards: z_i = (b_i − Σ_{r<i} U_ri z_r) / U_ii,
    /// for U the leading n × n block of a matrix whose columns, like B's,
    /// are `stride` apart (the Cholesky solves against the part of the
    /// factor it has made). Row i of every column before row i + 1 of any:
    /// each z_i waits for the z_r before it, and taken column after column
    /// those waits added up; the columns' sums for one row do not depend on
    /// each other, so the processor overlaps them. Each column's operations
    /// are the same either way.
    private static func forwardSolveTransposed(_ u: UnsafePointer<Double>, n: Int, stride: Int, _ b: UnsafeMutablePointer<Double>,
                                               columns q: Int) {
        for i in 0..<n {
            let columnI = u + i &* stride
            for column in 0..<q {
                let z = b + column &* stride
                var s = z[i]
                for r in 0..<i { s -= columnI[r] * z[r] }
                z[i] = s / columnI[i]
            }
        }
    }

    /// xᵀy, summed in order.
    static func dot(_ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>) -> Double {
        precondition(x.count == y.count)
        var s = 0.0
        for i in 0..<x.count { s += x[i] * y[i] }
        return s
    }

    /// log det A from the Cholesky factor (`logDeterminant`, same sum).
    static func logDeterminant(choleskyFactor u: UnsafeBufferPointer<Double>, n: Int) -> Double {
        var s = 0.0
        for i in 0..<n { s += log(u[i * n + i]) }
        return 2 * s
    }

    /// log det A = 2 Σ log Uᵢᵢ from the Cholesky factor.
    static func logDeterminant(choleskyFactor u: [Double], n: Int) -> Double {
        var s = 0.0
        for i in 0..<n { s += log(u[i * n + i]) }
        return 2 * s
    }

    /// Least-squares solution of min ‖A x − b‖ for a full-column-rank m×n
    /// matrix A (m ≥ n) by Householder QR (dgels): more accurate than the
    /// normal equations when columns are nearly collinear. Returns the n
    /// coefficients and the residual sum of squares, or nil when A is rank
    /// deficient (a diagonal entry of R at rounding level).
    static func leastSquares(_ a: [Double], rows m: Int, columns n: Int, _ b: [Double]) -> (x: [Double], rss: Double)? {
        _ = singleThreaded
        precondition(a.count == m * n && b.count == m && m >= n)
        guard n > 0 else { return ([], b.reduce(0) { $0 + $1 * $1 }) }
        var work = a, rhs = b
        var rowsI = Int32(m), colsI = Int32(n), nrhs: Int32 = 1, lda = Int32(m), ldb = Int32(m), info: Int32 = 0
        var trans = CChar(UInt8(ascii: "N"))
        var query = 0.0, lwork: Int32 = -1
        dgels_(&trans, &rowsI, &colsI, &nrhs, &work, &lda, &rhs, &ldb, &query, &lwork, &info, 1)
        lwork = Int32(query)
        var buffer = [Double](repeating: 0, count: max(1, Int(lwork)))
        dgels_(&trans, &rowsI, &colsI, &nrhs, &work, &lda, &rhs, &ldb, &buffer, &lwork, &info, 1)
        guard info == 0 else { return nil }
        // dgels only notices an exactly zero diagonal of R; a collinear design
        // leaves one at rounding level, so apply the usual numerical-rank cut.
        let diagonal = (0..<n).map { abs(work[$0 * m + $0]) }
        let cut = (diagonal.max() ?? 0) * Double(max(m, n)) * Double.ulpOfOne
        guard diagonal.allSatisfy({ $0 > cut }) else { return nil }
        // Rows n..<m of the overwritten right-hand side hold Qᵀb's residual part.
        var rss = 0.0
        for i in n..<m { rss += rhs[i] * rhs[i] }
        return (Array(rhs[0..<n]), rss)
    }

    private static func symmetrizeFromUpper(_ c: inout [Double], n: Int) {
        for j in 0..<n { for i in (j + 1)..<n { c[j * n + i] = c[i * n + j] } }
    }
}
