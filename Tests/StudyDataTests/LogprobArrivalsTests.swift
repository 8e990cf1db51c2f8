@testable import StudyData
import XCTest

/// `LogprobArrivals`: a waiting call gets its model's table, or nil once the
/// stream has ended without it (the loader's side is in `StudyLoaderTests`).
final class LogprobArrivalsTests: XCTestCase {
    private func table(_ path: String, rows: Int) -> LogprobTable {
        LogprobTable(path: path, tokenIDs: (0..<rows).map { Int32($0) }, tokens: (0..<rows).map { "t\($0)" }, promptKeys: ["p"],
                     columns: [(0..<rows).map { -Double($0) }], rowsInFile: rows,
                     audit: LogprobAudit(rows: rows, invalidUTF8Rows: 0, bareCRRows: 0, missingLikeTokens: 0, controlCharRows: 0))
    }

    func testLoadedTablesAreHandedOutByModel() async {
        let tables = ["a/one": table("one.csv", rows: 3), "b/two": table("two.csv", rows: 5)]
        let two = await LogprobArrivals.loaded(tables).table("b/two")
        XCTAssertEqual(two?.path, "two.csv")
        XCTAssertEqual(two?.rowsInFile, 5)
        let none = await LogprobArrivals.loaded(tables).table("c/three")
        XCTAssertNil(none)
        let empty = await LogprobArrivals.loaded([:]).table("a/one")
        XCTAssertNil(empty)
    }

    /// A call waits for a table yielded after it started, and returns nil
    /// only when the stream is finished.
    func testWaitsForALaterArrivalAndEndsWithTheStream() async {
        let (arrivals, continuation) = LogprobArrivals.make()
        async let later = arrivals.table("b/two")
        continuation.yield(("a/one", table("one.csv", rows: 3)))
        continuation.yield(("b/two", table("two.csv", rows: 5)))
        let got = await later
        XCTAssertEqual(got?.path, "two.csv")

        let (unfinished, ending) = LogprobArrivals.make()
        async let never = unfinished.table("b/two")
        ending.yield(("a/one", table("one.csv", rows: 3)))
        ending.finish()
        let missing = await never
        XCTAssertNil(missing)
    }
}
