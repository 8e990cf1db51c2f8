import Foundation

/// The §3 tables as the loader finishes each one, for work that needs some
/// of the tables and so need not wait for all of them.
///
/// Why: a cold build reads its tables at the disk's pace, with the cores
/// mostly idle, and §3 used to start only after the last one. The App. F
/// simulation reads one table, and the shared vocabulary interns the tables
/// one by one; started as their tables arrive, they run in that idle time
/// instead of after the reads. `StudyLoader.load(…, beside:)` hands these
/// to its `beside` work.
///
/// Any number of calls may wait, for any tables, in any order. Sendable by
/// its lock: `state` is read and written only inside `withLock`.
public final class LogprobArrivals: @unchecked Sendable {
    private struct State {
        var tables: [String: LogprobTable] = [:]
        /// The models the loader reads; nil until it knows them.
        var expected: Set<String>? = nil
        var finished = false
        var waiting: [(model: String, continuation: CheckedContinuation<LogprobTable?, Never>)] = []

        /// What a call for `model` gets now: `.some(table)`, `.some(nil)`
        /// (it will not come), or nil (wait).
        func answer(_ model: String) -> LogprobTable?? {
            if let table = tables[model] { return .some(table) }
            if finished || expected.map({ !$0.contains(model) }) == true { return .some(nil) }
            return nil
        }
    }

    private var state = State()
    private let lock = NSLock()

    private func withLock<T>(_ body: (inout State) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&state)
    }

    init() {}

    /// Waits for `model`'s table; nil when it will not come: the loader does
    /// not read it (the file is absent, no analysis needs it, or the
    /// manifest has no §3 section), or the load ended without it (a read failed).
    public func table(_ model: String) async -> LogprobTable? {
        await withCheckedContinuation { continuation in
            let now = withLock { state -> LogprobTable?? in
                let now = state.answer(model)
                if now == nil { state.waiting.append((model, continuation)) }
                return now
            }
            if let now { continuation.resume(returning: now) }
        }
    }

    /// Arrivals of tables that were all read before the work that wants them
    /// started (a run that analyses after loading, not beside it).
    public static func loaded(_ tables: [String: LogprobTable]) -> LogprobArrivals {
        let arrivals = LogprobArrivals()
        arrivals.expect(Array(tables.keys))
        for (model, table) in tables { arrivals.arrive(model, table) }
        arrivals.finish()
        return arrivals
    }

    /// The loader: the models whose tables it is about to read.
    func expect(_ models: [String]) {
        settle { $0.expected = Set(models) }
    }

    /// The loader: `model`'s table is read.
    func arrive(_ model: String, _ table: LogprobTable) {
        settle { $0.tables[model] = table }
    }

    /// The loader: no more tables will come, however the reading ended. Must
    /// be called, or calls waiting for a table that failed would never return.
    func finish() {
        settle { $0.finished = true }
    }

    /// Applies `change`, then answers every waiting call that now has its
    /// answer (outside the lock: a resumed call may run at once).
    private func settle(_ change: (inout State) -> Void) {
        let answered = withLock { state -> [(CheckedContinuation<LogprobTable?, Never>, LogprobTable?)] in
            change(&state)
            var answered: [(CheckedContinuation<LogprobTable?, Never>, LogprobTable?)] = []
            let waiting = state.waiting
            state.waiting = []
            for call in waiting {
                if let now = state.answer(call.model) { answered.append((call.continuation, now)) } else { state.waiting.append(call) }
            }
            return answered
        }
        for (continuation, table) in answered { continuation.resume(returning: table) }
    }
}
