import XCTest
@testable import Stats

/// The random-slopes criterion's inner kernels against the plain loops they
/// replaced: bit-identical results, so the optimiser takes the same path.
final class SlopesProblemKernelTests: XCTestCase {
    func testHalfCrossProductsMatchTheFullLoop() {
        var g = SeededGenerator(seed: 41)
        func value() -> Double { Double(g.nextInt(below: 2_000_001)) / 1_000_000 - 1 }
        for (p, q) in [(1, 1), (3, 2), (8, 4), (12, 5)] {
            let c = (0..<(q * p)).map { _ in value() }, cu = (0..<q).map { _ in value() }
            // An A that is not exactly symmetric, so each half must get its own subtraction.
            let a0 = (0..<(p * p)).map { _ in value() * 10 }, b0 = (0..<p).map { _ in value() }
            var a = a0, b = b0
            SlopesProblem.subtractCrossProducts(c, cu, p: p, q: q, from: &a, &b)
            var wantA = a0, wantB = b0
            for j in 0..<p {
                for k in 0..<p { var s = 0.0; for i in 0..<q { s += c[i * p + j] * c[i * p + k] }; wantA[k * p + j] -= s }
                var s = 0.0; for i in 0..<q { s += c[i * p + j] * cu[i] }; wantB[j] -= s
            }
            XCTAssertEqual(a.map(\.bitPattern), wantA.map(\.bitPattern), "p \(p), q \(q)")
            XCTAssertEqual(b.map(\.bitPattern), wantB.map(\.bitPattern), "p \(p), q \(q)")
        }
    }

    func testResidualSumsMatchThePlainLoop() throws {
        var g = SeededGenerator(seed: 43)
        let n = 240, groups = 6
        let rows = (0..<n).map { $0 }
        let response = rows.map { _ in Double(g.nextInt(below: 100_000)) / 997 }
        let framing = Factor(name: "framing", levels: ["positive", "negative"], codes: rows.map { $0 % 2 })
        let category = Factor(name: "category", levels: ["A", "B", "C"], codes: rows.map { ($0 / 2) % 3 })
        let group = rows.map { ($0 * 7) % groups }
        let problem = try SlopesProblem(response: response, design: DesignMatrix.fullFactorial([framing, category]),
                                        randomDesign: DesignMatrix.fullFactorial([framing]), groups: group)
        let fitted = rows.map { _ in Double(g.nextInt(below: 100_000)) / 1013 }
        let got = problem.residualSums(fitted)
        var rr = 0.0
        var ztr = [Double](repeating: 0, count: problem.groupCount * problem.q)
        for i in 0..<n {
            let r = response[i] - fitted[i]
            rr += r * r
            for a in 0..<problem.q { ztr[problem.groupIndex[i] * problem.q + a] += problem.randomValues[a * n + i] * r }
        }
        XCTAssertEqual(got.squares.bitPattern, rr.bitPattern)
        XCTAssertEqual(got.ztr.map(\.bitPattern), ztr.map(\.bitPattern))
        XCTAssertEqual(problem.groupCount, groups)
    }
}
