import Failures

/// An analysis could not run on inputs that loaded fine (e.g. only one family).
public struct AnalysisError: UserFacingError, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
