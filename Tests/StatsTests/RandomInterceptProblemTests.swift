@testable import Stats
import XCTest

/// The per-fit invariants of the random-intercept REML fit, as built now
/// (raw buffers, runs of consecutive rows per group, an array for small
/// labels), equal (==) what the plain constructions give: seeded random
/// designs with arbitrary values, so a different order of summation would
/// show in the last bits, and groups both in runs and interleaved.
final class RandomInterceptProblemTests: XCTestCase {
    private func randomCase(_ generator: inout SeededGenerator, trial: Int) -> (y: [Double], x: DesignMatrix, labels: [Int]) {
        let n = 20 + Int(generator.next() % 300), p = 1 + Int(generator.next() % 12), g = 5 + Int(generator.next() % 6)
        func uniform() -> Double { Double(generator.next() >> 11) / Double(1 << 53) * 10 - 5 }
        var groups = (0..<n).map { i in trial % 2 == 0 ? i * g / n : Int(generator.next() % UInt64(g)) }
        groups[0] = 0; groups[n - 1] = g - 1
        let names = ["(Intercept)"] + (1..<p).map { "x\($0)" }
        var values = [Double](repeating: 1, count: n)
        for j in 1..<max(p, 1) {
            // Some columns constant within groups (between-group), the others not.
            let between = j % 3 == 0
            let perGroup = (0..<g).map { _ in uniform() }
            values += (0..<n).map { between ? perGroup[groups[$0]] : uniform() }
        }
        let offset = trial % 3 == 0 ? 1_000_000_007 : 17   // the dictionary path, then the array path
        return ((0..<n).map { _ in uniform() }, DesignMatrix(columnNames: names, rowCount: n, values: values),
                groups.map { $0 * offset - 3 })
    }

    func testInvariantsEqualThePlainConstructions() throws {
        var generator = SeededGenerator(seed: 1_515)
        for trial in 0..<60 {
            let (y, x, labels) = randomCase(&generator, trial: trial)
            let n = y.count, p = x.columnCount
            // Plain: a dictionary in order of first appearance, then one pass adding row by row.
            var index: [Int: Int] = [:]
            let codes = labels.map { label -> Int in
                if let k = index[label] { return k }
                index[label] = index.count
                return index.count - 1
            }
            let g = index.count
            var sums = [Double](repeating: 0, count: g * p)
            for j in 0..<p { for i in 0..<n { sums[j * g + codes[i]] += x.values[j * n + i] } }
            var sizes = [Double](repeating: 0, count: g)
            for k in codes { sizes[k] += 1 }

            let problem = try RandomInterceptProblem(response: y, design: x, groups: labels)
            XCTAssertEqual(RandomInterceptProblem.firstAppearanceCodes(labels), codes, "trial \(trial)")
            XCTAssertEqual(problem.groupIndex, codes, "trial \(trial)")
            XCTAssertEqual(problem.groupCount, g, "trial \(trial)")
            XCTAssertEqual(problem.groupSizes, sizes, "trial \(trial)")
            XCTAssertEqual(problem.groupSums, sums, "trial \(trial)")
            XCTAssertEqual(problem.denominatorDF(), plainDenominatorDF(x, codes: codes, groups: g), "trial \(trial)")
        }
    }

    /// nlme's containment rule as first written: per column, a [Double?] of each group's first value.
    private func plainDenominatorDF(_ x: DesignMatrix, codes: [Int], groups: Int) -> [Double] {
        let n = x.rowCount, p = x.columnCount
        var between = [Bool](repeating: false, count: p)
        for j in 0..<p {
            var first = [Double?](repeating: nil, count: groups)
            var constant = true
            for i in 0..<n {
                let v = x.values[j * n + i]
                if let f = first[codes[i]] {
                    if f != v { constant = false; break }
                } else {
                    first[codes[i]] = v
                }
            }
            between[j] = constant
        }
        let interceptIndex = x.columnNames.firstIndex(of: "(Intercept)")
        let betweenCount = between.filter { $0 }.count + ((interceptIndex.map { between[$0] } ?? true) ? 0 : 1)
        let withinCount = (0..<p).filter { !between[$0] && $0 != interceptIndex }.count
        return (0..<p).map { j in
            (between[j] && j != interceptIndex) ? Double(groups - betweenCount) : Double(n - groups - withinCount)
        }
    }

    func testLabelsWithOverflowingSpanUseTheDictionary() {
        XCTAssertEqual(RandomInterceptProblem.firstAppearanceCodes([Int.max, Int.min, Int.max, 0, Int.min]), [0, 1, 0, 2, 1])
        XCTAssertEqual(RandomInterceptProblem.firstAppearanceCodes([]), [])
        XCTAssertEqual(RandomInterceptProblem.distinctCount([]), 0)
        XCTAssertEqual(RandomInterceptProblem.distinctCount([0, 1, 0, 2]), 3)
    }
}
