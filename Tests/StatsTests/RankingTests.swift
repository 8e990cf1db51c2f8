import TestSupport
import XCTest
@testable import Stats

final class RankingTests: XCTestCase {
    func testAverageRanksMatchR() throws {
        for case_ in try Fixtures.statsReference.objects("ranking") {
            let values = try case_.doubles("values")
            XCTAssertEqual(Ranking.averageRanks(values), try case_.doubles("ascending"), "\(values)")
            XCTAssertEqual(Ranking.averageRanks(values, descending: true), try case_.doubles("descending"), "\(values)")
        }
    }

    func testTiesAndEmptyInput() {
        // Rewards 9, 7, 7, 7, 1 → descending ranks 1, 3, 3, 3, 5 ("#1 = best").
        XCTAssertEqual(Ranking.averageRanks([7, 9, 7, 1, 7], descending: true), [3, 1, 3, 5, 3])
        XCTAssertEqual(Ranking.averageRanks([]), [])
        // Ranks always sum to n(n+1)/2.
        let r = Ranking.averageRanks([0.5, 0.5, 2, -1, 2, 2, 0.5])
        XCTAssertEqual(r.reduce(0, +), 28)
    }

    /// The integer-key sort against the comparison sort it replaced (kept
    /// for NaN as `averageRanksWithNaN`): identical ranks on columns with
    /// many ties, −0 beside +0, infinities, and values a bit apart.
    func testKeySortGivesTheRanksOfTheComparisonSort() {
        var state: UInt64 = 12_345
        func next() -> UInt64 { state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407; return state >> 33 }
        let specials: [Double] = [0, -0.0, .infinity, -.infinity, 1, 1.0000000000000002, -1, .leastNonzeroMagnitude, -.greatestFiniteMagnitude]
        for n in [0, 1, 2, 3, 17, 300, 2_000] {
            for _ in 0..<5 {
                let values = (0..<n).map { _ -> Double in
                    next() % 5 == 0 ? specials[Int(next() % UInt64(specials.count))] : Double(Int(next() % 40) - 20) / 8
                }
                for descending in [false, true] {
                    XCTAssertEqual(Ranking.averageRanks(values, descending: descending),
                                   Ranking.averageRanksWithNaN(values, descending: descending), "\(values)")
                }
            }
        }
        XCTAssertEqual(Ranking.averageRanks([-0.0, 0, 0, -0.0]), [2.5, 2.5, 2.5, 2.5])
    }

    /// NaN has no place in `<`; what it has always been given stays (these
    /// are the results of the ranking before the key sort).
    func testNaNRanksAreUnchanged() {
        XCTAssertEqual(Ranking.averageRanks([3, .nan, 1, 2]), [1, 2, 3, 4])
        XCTAssertEqual(Ranking.averageRanks([3, .nan, 1, 2], descending: true), [1, 2, 4, 3])
        XCTAssertEqual(Ranking.averageRanks([.nan, 2, .nan, 2, 1]), [1, 2, 3, 5, 4])
        XCTAssertEqual(Ranking.averageRanks([.nan, 2, .nan, 2, 1], descending: true), [1, 2, 3, 4, 5])
        XCTAssertEqual(Ranking.averageRanks([1, 1, .nan, 0, -0.0, .infinity]), [1.5, 1.5, 3, 4.5, 4.5, 6])
        XCTAssertEqual(Ranking.averageRanks([1, 1, .nan, 0, -0.0, .infinity], descending: true), [1.5, 1.5, 3, 5.5, 5.5, 4])
    }
}

/// The radix-sorted ranking (`RankOrder`, behind `Ranking.averageRanks`)
/// against the plainest ranking there is, written here: sort the positions by
/// value, give each run of `==` values the average of its ranks. Columns of
/// every length around the insertion-sort cut-off, with heavy ties, ±0,
/// infinities, subnormals, keys sharing all but their low bytes and keys
/// differing in every byte.
final class RankOrderDifferentialTests: XCTestCase {
    /// Columns of one shape: `kind` picks how values repeat and which key bytes vary.
    private func column(_ n: Int, kind: Int, _ g: inout SeededGenerator) -> [Double] {
        let specials: [Double] = [0, -0.0, .infinity, -.infinity, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
                                  .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1, -1]
        return (0..<n).map { _ -> Double in
            switch kind {
            case 0: return Double(g.nextInt(below: 5)) - 2                          // a few values, heavy ties
            case 1: return specials[g.nextInt(below: specials.count)]               // only the edges
            case 2: return 1 + Double(g.nextInt(below: 300)) * 0x1p-52              // only the low bytes differ
            case 3:                                                                  // any bit pattern but NaN
                let v = Double(bitPattern: g.next())
                return v.isNaN ? 0 : v
            case 4: return g.nextInt(below: 4) == 0 ? specials[g.nextInt(below: specials.count)]
                                                    : Double(g.nextInt(below: 60) - 30) / 8
            default: return (Double(g.next() >> 11) * 0x1p-53 - 0.5) * 20            // reward-like, rarely tied
            }
        }
    }

    func testAverageRanksEqualTheReferenceBitForBit() {
        var g = SeededGenerator(seed: 2_026)
        let sizes = Array(0...70) + [127, 128, 129, 255, 256, 257, 1_000, 2_039, 5_000]
        for n in sizes {
            for kind in 0..<6 {
                let values = column(n, kind: kind, &g)
                for descending in [false, true] {
                    let ours = Ranking.averageRanks(values, descending: descending)
                    let expected = ReferenceRanking.averageRanks(values, descending: descending)
                    let label = "n = \(n), kind = \(kind), descending = \(descending)"
                    XCTAssertEqual(ours.count, expected.count, label)
                    // The first difference, not two columns of thousands.
                    if let i = ours.indices.first(where: { ours[$0].bitPattern != expected[$0].bitPattern }) {
                        XCTFail("\(label): position \(i) ranked \(ours[i]), expected \(expected[i])")
                    }
                }
            }
        }
    }

    func testSortedAndReversedColumnsAndOneValueEverywhere() {
        for n in [1, 2, 33, 500] {
            let up = (0..<n).map(Double.init)
            XCTAssertEqual(Ranking.averageRanks(up), up.map { $0 + 1 })
            XCTAssertEqual(Ranking.averageRanks(up, descending: true), up.map { Double(n) - $0 })
            XCTAssertEqual(Ranking.averageRanks(up.reversed()), up.map { Double(n) - $0 })
            XCTAssertEqual(Ranking.averageRanks([Double](repeating: -0.0, count: n)), [Double](repeating: Double(n + 1) / 2, count: n))
        }
    }

    /// One `RankOrder` reused across columns of growing, shrinking and equal
    /// lengths, NaN columns among them: positions are a permutation, ranks
    /// never decrease along them, and each is the rank `averageRanks` gives.
    func testOneRankOrderReusedAcrossColumns() {
        var g = SeededGenerator(seed: 99)
        var order = RankOrder()
        for (n, kind) in [(300, 0), (300, 5), (10, 4), (2_000, 2), (0, 0), (40, 3), (1, 1), (300, 4), (33, 0)] {
            var values = column(n, kind: kind, &g)
            if n > 5 && kind == 4 { values[n / 2] = .nan; values[1] = .nan }
            for descending in [false, true] {
                order.rank(values, descending: descending)
                let ranks = Ranking.averageRanks(values, descending: descending)
                XCTAssertEqual(order.positions.sorted(), Array(0..<n), "n = \(n), kind = \(kind)")
                XCTAssertEqual(order.ranks, order.ranks.sorted(), "n = \(n), kind = \(kind)")
                XCTAssertEqual(order.positions.map { ranks[$0] }, order.ranks, "n = \(n), kind = \(kind)")
            }
        }
    }
}
