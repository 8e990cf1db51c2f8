import Foundation

/// Results written by `DispatchQueue.concurrentPerform` workers, one slot
/// each, read after the loop: the order of results never depends on scheduling.
final class ResultSlots<Value>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: Value) { lock.lock(); slots[index] = value; lock.unlock() }
    /// The value a worker stored (every worker stores one before the loop returns).
    func value(_ index: Int) -> Value { lock.lock(); defer { lock.unlock() }; return slots[index]! }
    var values: [Value] { lock.lock(); defer { lock.unlock() }; return slots.map { $0! } }
}
