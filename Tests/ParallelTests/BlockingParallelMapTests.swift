import Foundation
import Parallel
import XCTest

/// `mapBlocking` returns and throws as `map` does, takes the bodies in the
/// start order, and gives them threads outside the cooperative pool: bodies
/// that wait for each other all run at once.
final class BlockingParallelMapTests: XCTestCase {
    struct Failure: Error, Equatable { var name: String }

    /// Counts bodies as they start, under a lock (they run on plain threads).
    final class Started: @unchecked Sendable {
        private let lock = NSLock()
        private var order: [Int] = []
        func add(_ i: Int) { lock.lock(); order.append(i); lock.unlock() }
        var indices: [Int] { lock.lock(); defer { lock.unlock() }; return order }
    }

    func testResultsComeInIndexOrderAndEveryEndIsReported() async throws {
        var finished: [Int] = []
        let squares = try await Parallel.mapBlocking(60, threads: 3, finished: { finished.append($0) }) { i -> Int in
            usleep(UInt32((60 - i) % 5) * 300)   // finish out of order
            return i * i
        }
        XCTAssertEqual(squares, (0..<60).map { $0 * $0 })
        XCTAssertEqual(finished.sorted(), Array(0..<60))
        let none = try await Parallel.mapBlocking(0, threads: 2) { $0 }
        XCTAssertEqual(none, [])
    }

    /// One thread takes the bodies exactly in the start order.
    func testOneThreadTakesTheBodiesInTheStartOrder() async throws {
        let started = Started()
        let order = [4, 0, 3, 1, 2]
        let values = try await Parallel.mapBlocking(5, threads: 1, startOrder: order) { i -> Int in
            started.add(i)
            return i + 10
        }
        XCTAssertEqual(values, [10, 11, 12, 13, 14])
        XCTAssertEqual(started.indices, order)
    }

    /// Index 3 fails last in time, index 10 first: the error reported is
    /// index 3's, and every body still ran to its end.
    func testThrowsTheFirstFailingIndexAfterEveryBodyEnds() async {
        let started = Started()
        do {
            _ = try await Parallel.mapBlocking(40, threads: 4) { i -> Int in
                if i == 3 { usleep(50_000) }
                started.add(i)
                if i % 7 == 3 { throw Failure(name: "\(i)") }
                return i
            }
            XCTFail("no error thrown")
        } catch {
            XCTAssertEqual(error as? Failure, Failure(name: "3"))
        }
        XCTAssertEqual(started.indices.count, 40, "no body is skipped when another fails")
    }

    /// Eight bodies that each wait until all eight have started: they finish
    /// only if eight threads run them at once, more than the cooperative pool
    /// has on a machine with fewer cores. A body that waits 20 s in vain
    /// throws instead of hanging the test.
    func testBodiesRunOnThreadsOfTheirOwn() async throws {
        let arrived = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        let count = 8
        // One body gathers the others, then lets them all go.
        let values = try await Parallel.mapBlocking(count, threads: count) { i -> Int in
            if i == 0 {
                for _ in 1..<count where arrived.wait(timeout: .now() + 20) == .timedOut { throw Failure(name: "not all started") }
                for _ in 1..<count { release.signal() }
            } else {
                arrived.signal()
                if release.wait(timeout: .now() + 20) == .timedOut { throw Failure(name: "never released") }
            }
            return i
        }
        XCTAssertEqual(values, Array(0..<count))
    }
}
