import XCTest
import Stats

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
}
