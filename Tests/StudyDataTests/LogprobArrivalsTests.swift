@testable import StudyData
import XCTest

/// `LogprobArrivals`: a waiting call gets its model's table, or nil as soon
/// as the table will not come (the loader's side is in `StudyLoaderTests`).
final class LogprobArrivalsTests: XCTestCase {
    private func table(_ path: String, rows: Int) -> LogprobTable {
        LogprobTable(path: path, tokenIDs: (0..<rows).map { Int32($0) }, tokens: (0..<rows).map { "t\($0)" }, promptKeys: ["p"],
                     columns: [(0..<rows).map { -Double($0) }], rowsInFile: rows,
                     audit: LogprobAudit(rows: rows, invalidUTF8Rows: 0, bareCRRows: 0, missingLikeTokens: 0, controlCharRows: 0))
    }

    func testLoadedTablesAreHandedOutByModelAsOftenAsAsked() async {
        let arrivals = LogprobArrivals.loaded(["a/one": table("one.csv", rows: 3), "b/two": table("two.csv", rows: 5)])
        let two = await arrivals.table("b/two"), one = await arrivals.table("a/one"), again = await arrivals.table("b/two")
        XCTAssertEqual([two?.path, one?.path, again?.path], ["two.csv", "one.csv", "two.csv"])
        XCTAssertEqual(two?.rowsInFile, 5)
        let none = await arrivals.table("c/three")
        XCTAssertNil(none)
        let empty = await LogprobArrivals.loaded([:]).table("a/one")
        XCTAssertNil(empty)
    }

    /// Calls wait for tables that arrive after they started, in any order;
    /// a model the loader does not read is nil as soon as it says which it
    /// reads; one it reads but that never came is nil when it finishes.
    func testWaitsForLaterArrivalsAndAnswersNilWhenATableWillNotCome() async {
        let arrivals = LogprobArrivals()
        async let two = arrivals.table("b/two")
        async let one = arrivals.table("a/one")
        async let unread = arrivals.table("c/three")
        async let failed = arrivals.table("d/four")
        arrivals.expect(["a/one", "b/two", "d/four"])
        let notRead = await unread
        XCTAssertNil(notRead, "answered before any table arrived or the load finished")
        arrivals.arrive("b/two", table("two.csv", rows: 5))
        arrivals.arrive("a/one", table("one.csv", rows: 3))
        let (first, second) = await (one, two)
        XCTAssertEqual([first?.path, second?.path], ["one.csv", "two.csv"])
        arrivals.finish()
        let neverCame = await failed
        XCTAssertNil(neverCame)
    }
}
