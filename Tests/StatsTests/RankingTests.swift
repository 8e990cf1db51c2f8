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
