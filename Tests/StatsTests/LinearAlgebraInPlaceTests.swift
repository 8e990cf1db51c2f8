@testable import Stats
import XCTest

/// The in-place forms of the linear algebra that the mixed model's search
/// evaluates with give exactly (==) what the allocating forms give: same
/// routines, same arguments. Seeded random matrices of the sizes the study's
/// fits use (p = 8 and 20 columns, 9–10 groups) and a few others.
final class LinearAlgebraInPlaceTests: XCTestCase {
    func testInPlaceFormsEqualTheAllocatingOnes() throws {
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
            for j in 0..<p { for i in 0...j { XCTAssertEqual(buffer[j * p + i], a[j * p + i], "A[\(i), \(j)], p = \(p)") } }
            XCTAssertTrue(LinearAlgebra.choleskyInPlace(buffer, n: p))
            XCTAssertEqual(Array(buffer), u, "U, p = \(p)")
            LinearAlgebra.choleskySolve(UnsafeBufferPointer(buffer), n: p, rhs, columns: 1)
            XCTAssertEqual(Array(rhs), beta, "β, p = \(p)")
            LinearAlgebra.solveUpperTransposed(UnsafeBufferPointer(buffer), n: p, wt, columns: g)
            XCTAssertEqual(Array(wt), z, "Z, p = \(p)")
            XCTAssertEqual(LinearAlgebra.dot(UnsafeBufferPointer(wt), UnsafeBufferPointer(wt)), LinearAlgebra.dot(z, z))
            XCTAssertEqual(LinearAlgebra.logDeterminant(choleskyFactor: UnsafeBufferPointer(buffer), n: p),
                           LinearAlgebra.logDeterminant(choleskyFactor: u, n: p))
        }
    }

    /// Not positive definite: both forms say so.
    func testInPlaceCholeskyRejectsWhatTheAllocatingOneRejects() {
        let a: [Double] = [1, 2, 2, 1]
        XCTAssertNil(LinearAlgebra.cholesky(a, n: 2))
        let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: 4)
        defer { buffer.deallocate() }
        _ = buffer.initialize(fromContentsOf: a)
        XCTAssertFalse(LinearAlgebra.choleskyInPlace(buffer, n: 2))
    }
}
