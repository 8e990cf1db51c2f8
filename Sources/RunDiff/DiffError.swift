import Failures

/// A problem comparing two runs (unreadable or mismatched inputs). Its exit
/// status is the ordinary 1: `backbone diff` ends every failure with 2 (its
/// contract keeps 1 for "changed"), `build --compare-to` with 1 as any build error.
public struct DiffError: UserFacingError, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
