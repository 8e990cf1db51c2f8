@testable import Stats
import XCTest

/// OpenBLAS's worker threads, once ended, stay ended through the calls a fit
/// makes: they only spin beside the build's own threads (see
/// `LinearAlgebra.useCallingThreadOnly`). Setting the thread count after they
/// had ended started them again, at the first fit of every build.
final class LinearAlgebraThreadsTests: XCTestCase {
    func testWorkerThreadsStayEndedThroughTheCallsOfAFit() throws {
        LinearAlgebra.useCallingThreadOnly()
        XCTAssertFalse(LinearAlgebra.workerThreadsRunning, "after useCallingThreadOnly")
        // X = [1 0; 1 1; 1 2]: XᵀX = [3 3; 3 5].
        let x: [Double] = [1, 1, 1, 0, 1, 2]
        let c = LinearAlgebra.gram(x, rows: 3, columns: 2)
        XCTAssertEqual(c, [3, 3, 3, 5])
        let u = try XCTUnwrap(LinearAlgebra.cholesky(c, n: 2))
        let solved = LinearAlgebra.choleskySolve(u, n: 2, [3, 3], columns: 1)
        XCTAssertEqual(solved[0], 1, accuracy: 1e-12)
        XCTAssertEqual(solved[1], 0, accuracy: 1e-12)
        XCTAssertNotNil(LinearAlgebra.leastSquares(x, rows: 3, columns: 2, [1, 2, 3]))
        XCTAssertFalse(LinearAlgebra.workerThreadsRunning, "after gram, cholesky, choleskySolve and leastSquares")
    }
}
