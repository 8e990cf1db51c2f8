/// Independent pieces of work run side by side on Swift's cooperative thread
/// pool (one thread per core), their results and errors reported in index
/// order, so what a user sees never depends on scheduling.
///
/// Why a target of its own: the loaders (`StudyData`), the analyses
/// (`Analyses`), results.json's members (`OutputFormat`) and the site checks
/// (`SiteBuilder`) all fan work out this way, and the helper belongs to none
/// of their concepts; depending on nothing, it can sit under all of them
/// without a layer reaching sideways.
/// Fixed fan-outs of different types use `async let` at the call site instead.
public enum Parallel {
    /// `body(0) … body(count − 1)` as child tasks of one task group, results
    /// in index order. Every child runs to the end (none is cancelled when
    /// another fails); then the first error in index order is rethrown, so
    /// a bad input gives the same message whichever child failed first in
    /// time. The bodies run on the cooperative pool: they may compute for
    /// long, but must never block a thread waiting for another task.
    ///
    /// `startOrder` (a permutation of the indices) chooses which children are
    /// started first, e.g. the largest files, so the pool does not end on one
    /// long job; `finished(i)` is called on the caller's task as each child
    /// ends, e.g. to move a progress bar.
    public static func map<T: Sendable>(_ count: Int, startOrder: [Int]? = nil, finished: ((Int) -> Void)? = nil,
                                        _ body: @escaping @Sendable (Int) async throws -> T) async throws -> [T] {
        let slots = await withTaskGroup(of: (index: Int, result: Result<T, any Error>).self) { group in
            for i in startOrder ?? Array(0..<count) {
                group.addTask {
                    do { return (i, .success(try await body(i))) } catch { return (i, .failure(error)) }
                }
            }
            var slots = [Result<T, any Error>?](repeating: nil, count: count)
            for await child in group {
                slots[child.index] = child.result
                finished?(child.index)
            }
            return slots
        }
        // Every index was filled above: each child returns exactly once.
        return try slots.map { try $0!.get() }
    }
}
