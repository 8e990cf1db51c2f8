import Failures

/// A failure a command itself describes (a missing manifest section, a
/// malformed benchmark file): printed as is, exit status 1.
struct CLIFailure: UserFacingError {
    var message: String
    var description: String { message }
}
