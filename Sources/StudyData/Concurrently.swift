import Dispatch
import Foundation

/// Runs independent computations in parallel and returns their results in
/// argument order. Why: reading the §3 log-prob tables and parsing the §2
/// score files, and the analyses of §2, §3 and §4 (and, inside §3, Fig. 2,
/// the implicit-reward tables and the App. F simulation) share no state, and
/// on a 2-core machine running them one after the other leaves a core idle. Errors are rethrown in argument order, so the message a bad
/// input gives does not depend on scheduling.
///
/// Not `DispatchQueue.concurrentPerform`: libdispatch runs a
/// `concurrentPerform` nested inside another one serially, which would
/// serialise the parallel loops inside these tasks (the simulation's
/// replicates, the vocabulary's per-model passes). The first task runs on the
/// calling thread, the others on the global queue.
public enum Concurrently {
    public static func run<A, B>(_ a: () throws -> A, _ b: @escaping () throws -> B) throws -> (A, B) {
        let second = Slots<B>(count: 1)
        let group = DispatchGroup()
        let work = UncheckedTask(body: b)
        DispatchQueue.global().async(group: group) { second.set(0, Result { try work.body() }) }
        let first = Result { try a() }
        group.wait()
        return (try first.get(), try second.result(0).get())
    }

    public static func run<A, B, C>(_ a: () throws -> A, _ b: @escaping () throws -> B, _ c: @escaping () throws -> C) throws -> (A, B, C) {
        let (x, (y, z)) = try run(a, { try run(b, c) })
        return (x, y, z)
    }

    /// `body(0) … body(count − 1)` in parallel (libdispatch uses every core), results in index order; the
    /// first error in index order is rethrown, so what a user is told does
    /// not depend on scheduling. (Not to be called from inside another
    /// `concurrentPerform`, which libdispatch would run serially.)
    public static func map<T>(_ count: Int, _ body: (Int) throws -> T) throws -> [T] {
        let slots = Slots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in slots.set(i, Result { try body(i) }) }
        return try (0..<count).map { try slots.result($0).get() }
    }
}

/// Result slots written by parallel workers, one each, read after they finish.
private final class Slots<Value>: @unchecked Sendable {
    private var slots: [Result<Value, Error>?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: Result<Value, Error>) { lock.lock(); slots[i] = value; lock.unlock() }
    func result(_ i: Int) -> Result<Value, Error> { lock.lock(); defer { lock.unlock() }; return slots[i]! }
}

/// A task handed to another thread; the analyses it runs are pure functions
/// of immutable inputs.
private struct UncheckedTask<Value>: @unchecked Sendable {
    let body: () throws -> Value
}
