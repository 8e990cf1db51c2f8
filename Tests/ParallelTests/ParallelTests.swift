import Parallel
import XCTest

/// Independent work runs side by side, but results and errors come back in
/// index (or argument) order, whatever finishes first.
final class ParallelTests: XCTestCase {
    struct Failure: Error, Equatable { var name: String }

    /// Counts the children that ran to their end.
    actor Finished {
        var count = 0
        func add() { count += 1 }
    }

    func testMapKeepsIndexOrder() async throws {
        let squares = try await Parallel.map(100) { i -> Int in
            try await Task.sleep(nanoseconds: UInt64((100 - i) % 7) * 1_000_000)   // finish out of order
            return i * i
        }
        XCTAssertEqual(squares, (0..<100).map { $0 * $0 })
        let none = try await Parallel.map(0) { $0 }
        XCTAssertEqual(none, [])
    }

    /// Index 3 fails last in time, index 10 first: the error reported is
    /// index 3's, and every child still ran to its end.
    func testMapThrowsTheFirstFailingIndexAfterAllChildrenFinish() async {
        for _ in 0..<5 {
            let finished = Finished()
            do {
                _ = try await Parallel.map(50) { i -> Int in
                    if i == 3 { try? await Task.sleep(nanoseconds: 50_000_000) }
                    await finished.add()
                    if i % 7 == 3 { throw Failure(name: "\(i)") }
                    return i
                }
                XCTFail("no error thrown")
            } catch {
                XCTAssertEqual(error as? Failure, Failure(name: "3"))
            }
            let count = await finished.count
            XCTAssertEqual(count, 50, "no child is cancelled when another fails")
        }
    }

    /// The pattern the fixed fan-outs use (`async let`, then one `try await`
    /// of the tuple): the first failing argument's error is thrown even when
    /// a later one fails sooner.
    func testAsyncLetTupleThrowsTheFirstFailingArgument() async {
        func slowFailure(_ name: String) async throws -> Int {
            try? await Task.sleep(nanoseconds: 50_000_000)
            throw Failure(name: name)
        }
        func fastFailure(_ name: String) async throws -> Int { throw Failure(name: name) }
        func value() async throws -> Int { 1 }
        do {
            async let a = slowFailure("a")
            async let b = fastFailure("b")
            _ = try await (a, b)
            XCTFail("no error thrown")
        } catch {
            XCTAssertEqual(error as? Failure, Failure(name: "a"))
        }
        do {
            async let a = value()
            async let b = slowFailure("b")
            async let c = fastFailure("c")
            _ = try await (a, b, c)
            XCTFail("no error thrown")
        } catch {
            XCTAssertEqual(error as? Failure, Failure(name: "b"))
        }
    }
}
