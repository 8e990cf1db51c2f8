import Foundation

extension Parallel {
    /// `body(0) … body(count − 1)` on `threads` threads of their own, outside
    /// Swift's cooperative pool; results in index order, every body run to
    /// its end, then the first error in index order rethrown — as `map`.
    ///
    /// Why: a body that blocks its thread waiting for the disk (reading a
    /// memory-mapped table that is not yet in the page cache faults on every
    /// page) would hold a thread of the cooperative pool, of which there is
    /// one per core, and everything else the build has to compute would wait
    /// behind it. Here only these threads wait; the pool keeps computing.
    ///
    /// `startOrder` (a permutation of the indices) is the order the threads
    /// take the bodies in; `finished(i)` is called on the caller's task as
    /// each body ends. The caller's task waits without blocking a thread.
    public static func mapBlocking<T: Sendable>(_ count: Int, threads: Int, startOrder: [Int]? = nil,
                                                finished: ((Int) -> Void)? = nil,
                                                _ body: @escaping @Sendable (Int) throws -> T) async throws -> [T] {
        guard count > 0 else { return [] }
        let queue = IndexQueue(startOrder ?? Array(0..<count))
        let (ends, continuation) = AsyncStream.makeStream(of: (index: Int, result: Result<T, any Error>).self)
        for _ in 0..<max(1, min(threads, count)) {
            Thread.detachNewThread {
                while let i = queue.next() {
                    continuation.yield((i, Result { try body(i) }))
                }
            }
        }
        var slots = [Result<T, any Error>?](repeating: nil, count: count)
        var remaining = count
        for await end in ends {
            slots[end.index] = end.result
            finished?(end.index)
            remaining -= 1
            if remaining == 0 { break }
        }
        continuation.finish()
        // Every index was filled above: each body's end is yielded exactly once.
        return try slots.map { try $0!.get() }
    }
}

/// The indices `mapBlocking`'s threads take, each exactly once, in order.
private final class IndexQueue: @unchecked Sendable {
    private let order: [Int]
    private var taken = 0
    private let lock = NSLock()

    init(_ order: [Int]) { self.order = order }

    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard taken < order.count else { return nil }
        taken += 1
        return order[taken - 1]
    }
}
