import Dispatch

/// Runs independent computations on both cores and returns their results in
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
        let second = Outcome<B>()
        let group = DispatchGroup()
        let work = UncheckedTask(body: b)
        DispatchQueue.global().async(group: group) { second.value = Result { try work.body() } }
        let first = Result { try a() }
        group.wait()
        return (try first.get(), try second.value!.get())
    }

    public static func run<A, B, C>(_ a: () throws -> A, _ b: @escaping () throws -> B, _ c: @escaping () throws -> C) throws -> (A, B, C) {
        let third = Outcome<C>()
        let group = DispatchGroup()
        let work = UncheckedTask(body: c)
        DispatchQueue.global().async(group: group) { third.value = Result { try work.body() } }
        let (x, y) = try Result { try run(a, b) }.get()
        group.wait()
        return (x, y, try third.value!.get())
    }
}

/// One result slot, written by exactly one task before the group is left and
/// read only after `wait()` (the group orders the accesses).
private final class Outcome<Value>: @unchecked Sendable {
    var value: Result<Value, Error>?
}

/// A task handed to another thread; the analyses it runs are pure functions
/// of immutable inputs.
private struct UncheckedTask<Value>: @unchecked Sendable {
    let body: () throws -> Value
}
