import Failures

/// Why a statistical fit could not be produced. Thrown instead of returning
/// NaNs so that a report never silently shows a broken model.
public struct StatsError: UserFacingError, Sendable, Equatable {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { "Stats error: \(message)" }
}
