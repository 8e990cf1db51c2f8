import Failures

/// A problem building the site that is not about input data (templates, pages, output folder).
public struct SiteError: UserFacingError, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
