/// The §3 tables as the loader finishes each one, for work that needs a
/// single table and so need not wait for all of them.
///
/// Why: a cold build reads its tables at the disk's pace, with the cores
/// mostly idle, and §3 used to start only after the last one. The App. F
/// simulation reads one table (the first the loader reads, being among the
/// largest); started as that table arrives, it runs in that idle time
/// instead of after the reads. `StudyLoader.load(…, beside:)` hands these
/// to its `beside` work.
///
/// One use: `table(_:)` passes over the tables that arrive before the one it
/// waits for, and they are not handed out again.
public struct LogprobArrivals: Sendable {
    public typealias Arrival = (model: String, table: LogprobTable)
    private let stream: AsyncStream<Arrival>

    private init(stream: AsyncStream<Arrival>) { self.stream = stream }

    /// Waits for `model`'s table; nil once the load has ended without it (the
    /// file is absent or failed to read, or the manifest has no §3 section).
    /// Call it once per value: see the type's note.
    public func table(_ model: String) async -> LogprobTable? {
        for await arrival in stream where arrival.model == model { return arrival.table }
        return nil
    }

    /// Arrivals of tables that were all read before the work that wants them
    /// started (a run that analyses after loading, not beside it).
    public static func loaded(_ tables: [String: LogprobTable]) -> LogprobArrivals {
        let (arrivals, continuation) = make()
        for model in tables.keys.sorted() { continuation.yield((model, tables[model]!)) }
        continuation.finish()
        return arrivals
    }

    /// An empty stream and its continuation: the loader yields each table as
    /// it is read, and must finish the continuation when its reading ends,
    /// however it ends (a waiting `table(_:)` returns nil only then).
    static func make() -> (LogprobArrivals, AsyncStream<Arrival>.Continuation) {
        let (stream, continuation) = AsyncStream.makeStream(of: Arrival.self)
        return (LogprobArrivals(stream: stream), continuation)
    }
}
