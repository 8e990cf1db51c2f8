import Foundation
@testable import StudyData
import TestSupport
import XCTest

/// Reading several tables in parallel gives what reading them one by one gives.
final class LogprobReadAllTests: XCTestCase {
    let table = LogprobTestTable()

    func files() throws -> [URL] {
        try (0..<6).map { k in
            var body = LogprobTestTable.header
            for r in 0..<(50 * (k + 1)) { body += "\(r),t\(r),\(r % 7 == 0 ? "love" : "w\(r)"),-\(r).5,-\(k).\(r)e-3,-\(r % 9)\n" }
            return try table.write(Array(body.utf8), name: "m\(k).csv")
        }
    }

    func testSameAsSequentialReadsInInputOrder() async throws {
        let urls = try files()
        let request = LogprobRequest(prompts: ["worst_ever_one", "greatest_ever_one"], tokens: ["love"])
        let all = try await LogprobReader.readAll(urls.map { ($0, $0.lastPathComponent) }, request: request, progress: nil)
        XCTAssertEqual(all.map(\.path), urls.map(\.lastPathComponent))
        for (k, url) in urls.enumerated() {
            let one = try LogprobReader.read(url: url, displayPath: url.lastPathComponent, request: request)
            XCTAssertEqual(all[k].tokens, one.tokens)
            XCTAssertEqual(all[k].tokenIDs, one.tokenIDs)
            XCTAssertEqual(all[k].columns, one.columns)
            XCTAssertEqual(all[k].audit, one.audit)
        }
    }

    func testJobsWithTheirOwnRequestsAndProgressInBytes() async throws {
        let urls = try files()
        let jobs = urls.enumerated().map { k, url in
            LogprobJob(url: url, displayPath: url.lastPathComponent,
                       request: k % 2 == 0 ? LogprobRequest(prompts: ["greatest_ever_one"]) : LogprobRequest(prompts: ["best_ever_one"], tokens: ["love"]))
        }
        let reports = Reports()
        let tables = try await LogprobReader.readAll(jobs: jobs, progress: { done, total in reports.add(done, total) })
        for (job, t) in zip(jobs, tables) {
            XCTAssertEqual(t.promptKeys, job.request.prompts)
            XCTAssertEqual(t.tokens.count, job.request.tokens == nil ? t.rowsInFile : t.tokens.filter { $0 == "love" }.count)
        }
        // `then` runs once on each job's own table; its results come in input order.
        let calls = Reports()
        let fingerprints = try await LogprobReader.readAll(jobs: jobs, progress: nil) { k, table in
            calls.add(k, table.rowsInFile)
            return table.fingerprint()
        }
        XCTAssertEqual(fingerprints, tables.map { $0.fingerprint() })
        XCTAssertEqual(calls.all.sorted { $0.0 < $1.0 }.map { [$0.0, $0.1] }, tables.enumerated().map { [$0.offset, $0.element.rowsInFile] })
        let totalBytes = urls.reduce(0) { $0 + ((try? Data(contentsOf: $1))?.count ?? 0) }
        let seen = reports.all.sorted { $0.0 < $1.0 }
        XCTAssertEqual(seen.count, urls.count)
        XCTAssertEqual(seen.last?.0, totalBytes)
        XCTAssertTrue(seen.allSatisfy { $0.1 == totalBytes })
    }

    /// Tables out of the page cache are read on threads of their own
    /// (`Parallel.mapBlocking`): the same tables, in input order, and the
    /// same progress in bytes.
    func testTablesOutOfMemoryAreReadTheSame() async throws {
        let urls = try files()
        let request = LogprobRequest(prompts: ["worst_ever_one", "greatest_ever_one"], tokens: ["love"])
        let inMemory = try await LogprobReader.readAll(urls.map { ($0, $0.lastPathComponent) }, request: request, progress: nil)
        try XCTSkipUnless(dropFromPageCache(urls[2]), "this file system keeps its files in memory")
        let reports = Reports()
        let fromDisk = try await LogprobReader.readAll(urls.map { ($0, $0.lastPathComponent) }, request: request,
                                                       progress: { done, total in reports.add(done, total) })
        XCTAssertEqual(fromDisk.map(\.path), inMemory.map(\.path))
        XCTAssertEqual(fromDisk.map(\.tokens), inMemory.map(\.tokens))
        XCTAssertEqual(fromDisk.map(\.columns), inMemory.map(\.columns))
        let totalBytes = urls.reduce(0) { $0 + ((try? Data(contentsOf: $1))?.count ?? 0) }
        XCTAssertEqual(reports.all.map(\.0).sorted().last, totalBytes)
        XCTAssertEqual(reports.all.count, urls.count)
    }

    func testFirstErrorInInputOrderIsThrown() async throws {
        let good = try files()[0]
        let bad1 = try table.write(Array((LogprobTestTable.header + "0,a,x,-1,oops,-3\n").utf8), name: "bad1.csv")
        let bad2 = try table.write(Array((LogprobTestTable.header + "0,a,x,-1\n").utf8), name: "bad2.csv")
        await assertThrowsAsync(try await LogprobReader.readAll([(good, "good"), (bad1, "bad1"), (bad2, "bad2")],
                                                                request: LogprobRequest(prompts: ["greatest_ever_one"]), progress: nil)) { error in
            XCTAssertEqual((error as? DataError)?.path, "bad1")
        }
    }
}

/// Progress reports, collected through a `@Sendable` callback. `@unchecked`:
/// every access to `items` holds `lock`, which the compiler cannot see
/// (`Mutex` would need macOS 15; the package supports 13).
private final class Reports: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [(Int, Int)] = []
    func add(_ done: Int, _ total: Int) { lock.lock(); items.append((done, total)); lock.unlock() }
    var all: [(Int, Int)] { lock.lock(); defer { lock.unlock() }; return items }
}
