@testable import Stats
import XCTest

/// The in-place forms of the linear algebra that the random-intercept search
/// evaluates with (plain loops, not OpenBLAS) give what the allocating
/// OpenBLAS forms give, to rounding, and solve what they claim to solve.
/// Seeded random matrices of the sizes the study's fits use (p = 8 and 20
/// columns, 9–10 groups) and a few others.
final class LinearAlgebraInPlaceTests: XCTestCase {
    /// |x − y| ≤ 1e-12 · max(1, |x|, |y|) for every entry.
    private func assertClose(_ x: [Double], _ y: [Double], _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(x.count, y.count, message, file: file, line: line)
        for (k, (a, b)) in zip(x, y).enumerated() {
            XCTAssertLessThanOrEqual(abs(a - b), 1e-12 * max(1, abs(a), abs(b)), "\(message), entry \(k): \(a) vs \(b)", file: file, line: line)
        }
    }

    func testInPlaceFormsAgreeWithTheOpenBLASOnes() throws {
        var generator = SeededGenerator(seed: 2026)
        func uniform() -> Double { Double(generator.next() >> 11) / Double(1 << 53) * 2 - 1 }
        for (p, g) in [(8, 10), (20, 9), (20, 10), (1, 2), (3, 7), (33, 5)] {
            // C = XᵀX + I for a random X with more rows than columns: well conditioned, positive definite.
            let x = (0..<(3 * p * p + p)).map { _ in uniform() }
            var c = LinearAlgebra.gram(x, rows: 3 * p + 1, columns: p)
            for i in 0..<p { c[i * p + i] += 1 }
            let s = (0..<(g * p)).map { _ in 0.1 * uniform() }
            let b = (0..<p).map { _ in uniform() }
            let w = (0..<(p * g)).map { _ in uniform() }

            let a = LinearAlgebra.subtractGram(c, s, rows: g, columns: p)
            let u = try XCTUnwrap(LinearAlgebra.cholesky(a, n: p))
            let beta = LinearAlgebra.choleskySolve(u, n: p, b, columns: 1)
            let z = LinearAlgebra.solveUpperTransposed(u, n: p, w, columns: g)

            let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: p * p)
            let rhs = UnsafeMutableBufferPointer<Double>.allocate(capacity: p)
            let wt = UnsafeMutableBufferPointer<Double>.allocate(capacity: p * g)
            defer { buffer.deallocate(); rhs.deallocate(); wt.deallocate() }
            _ = buffer.initialize(fromContentsOf: c)
            _ = rhs.initialize(fromContentsOf: b)
            _ = wt.initialize(fromContentsOf: w)
            s.withUnsafeBufferPointer { LinearAlgebra.subtractGramUpper($0, rows: g, columns: p, from: buffer) }
            for j in 0..<p {
                for i in 0...j { assertClose([buffer[j * p + i]], [a[j * p + i]], "A[\(i), \(j)], p = \(p)") }
                // The lower triangle keeps C's entries.
                for i in (j + 1)..<p { XCTAssertEqual(buffer[j * p + i], c[j * p + i], "C[\(i), \(j)] kept, p = \(p)") }
            }
            let aInPlace = (0..<p).flatMap { j in (0..<p).map { i in buffer[max(i, j) * p + min(i, j)] } }
            XCTAssertTrue(LinearAlgebra.choleskyInPlace(buffer, n: p))
            let uInPlace = Array(buffer)
            assertClose(uInPlace, u, "U, p = \(p)")
            // Upper triangular, a positive diagonal, and UᵀU = A.
            for j in 0..<p {
                XCTAssertGreaterThan(uInPlace[j * p + j], 0)
                for i in (j + 1)..<p { XCTAssertEqual(uInPlace[j * p + i], 0, "U[\(i), \(j)] below the diagonal, p = \(p)") }
            }
            let product = (0..<p).flatMap { j in (0..<p).map { i in (0..<p).reduce(0.0) { $0 + uInPlace[i * p + $1] * uInPlace[j * p + $1] } } }
            assertClose(product, aInPlace, "UᵀU = A, p = \(p)")

            LinearAlgebra.choleskySolve(UnsafeBufferPointer(buffer), n: p, rhs, columns: 1)
            assertClose(Array(rhs), beta, "β, p = \(p)")
            let aBeta = (0..<p).map { i in (0..<p).reduce(0.0) { $0 + aInPlace[$1 * p + i] * rhs[$1] } }
            assertClose(aBeta, b, "A β = b, p = \(p)")

            LinearAlgebra.solveUpperTransposed(UnsafeBufferPointer(buffer), n: p, wt, columns: g)
            assertClose(Array(wt), z, "Z, p = \(p)")
            for column in 0..<g {
                let uz = (0..<p).map { i in (0...i).reduce(0.0) { $0 + uInPlace[i * p + $1] * wt[column * p + $1] } }
                assertClose(uz, Array(w[(column * p)..<((column + 1) * p)]), "Uᵀz = w, column \(column), p = \(p)")
            }
            assertClose([LinearAlgebra.dot(UnsafeBufferPointer(wt), UnsafeBufferPointer(wt))], [LinearAlgebra.dot(z, z)], "zᵀz, p = \(p)")
            assertClose([LinearAlgebra.logDeterminant(choleskyFactor: UnsafeBufferPointer(buffer), n: p)],
                        [LinearAlgebra.logDeterminant(choleskyFactor: u, n: p)], "log det, p = \(p)")
        }
    }

    /// The in-place forms add up in one fixed order: a hand-worked 2 × 2 case, exactly.
    func testInPlaceFormsOnAWorkedExample() {
        // A = [[4, 2], [2, 5]] = UᵀU with U = [[2, 1], [0, 2]]; column-major.
        let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: 4)
        let rhs = UnsafeMutableBufferPointer<Double>.allocate(capacity: 2)
        defer { buffer.deallocate(); rhs.deallocate() }
        // C − SᵀS with S = [[1, 0], [1, 1]] (2 rows × 2 columns, column-major [1, 1, 0, 1]) from C = [[6, 3], [3, 6]].
        _ = buffer.initialize(fromContentsOf: [6, 3, 3, 6])
        [1.0, 1, 0, 1].withUnsafeBufferPointer { LinearAlgebra.subtractGramUpper($0, rows: 2, columns: 2, from: buffer) }
        XCTAssertEqual(Array(buffer), [4, 3, 2, 5])                  // upper triangle updated, C's lower entry kept
        XCTAssertTrue(LinearAlgebra.choleskyInPlace(buffer, n: 2))
        XCTAssertEqual(Array(buffer), [2, 0, 1, 2])
        // A x = [8, 12] → x = [1, 2].
        _ = rhs.initialize(fromContentsOf: [8, 12])
        LinearAlgebra.choleskySolve(UnsafeBufferPointer(buffer), n: 2, rhs, columns: 1)
        XCTAssertEqual(Array(rhs), [1, 2])
        // Uᵀz = [2, 5] → z = [1, 2].
        _ = rhs.update(fromContentsOf: [2, 5])
        LinearAlgebra.solveUpperTransposed(UnsafeBufferPointer(buffer), n: 2, rhs, columns: 1)
        XCTAssertEqual(Array(rhs), [1, 2])
        XCTAssertEqual(LinearAlgebra.dot(UnsafeBufferPointer(rhs), UnsafeBufferPointer(rhs)), 5)
    }

    /// Not positive definite (or NaN): both forms say so.
    func testInPlaceCholeskyRejectsWhatTheAllocatingOneRejects() {
        let a: [Double] = [1, 2, 2, 1]
        XCTAssertNil(LinearAlgebra.cholesky(a, n: 2))
        let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: 4)
        defer { buffer.deallocate() }
        _ = buffer.initialize(fromContentsOf: a)
        XCTAssertFalse(LinearAlgebra.choleskyInPlace(buffer, n: 2))
        // A NaN pivot is not positive: the search must see a failed evaluation, not a NaN factor.
        _ = buffer.update(fromContentsOf: [Double.nan, 0, 0, 1])
        XCTAssertFalse(LinearAlgebra.choleskyInPlace(buffer, n: 2))
        _ = buffer.update(fromContentsOf: [1, 0, 0, 0])
        XCTAssertFalse(LinearAlgebra.choleskyInPlace(buffer, n: 2))
    }
}
