import Foundation

/// A failure Backbone explains to the person who ran it.
///
/// Every error that can end a command conforms: it says in one message what
/// is wrong and what to do (for input data `path:line:column: …`), and which
/// exit status the process ends with. The CLI's entry point catches once,
/// prints `userMessage` and exits with `exitStatus`; no command lists the
/// error types it expects.
///
/// This protocol lives in its own small target that every other target
/// depends on, because errors are thrown at every layer — `Stats` (a fit that
/// cannot be produced) sits beside `StudyData`, not above it, and
/// `SiteBuilder` (output folders, templates, diffs) above both — while the
/// only code that turns them into text and an exit status is the CLI. A
/// protocol in any one of those targets would leave the others' errors out.
///
/// It refines `LocalizedError` so that code outside Backbone that shows an
/// error (ArgumentParser for an error thrown while parsing, `localizedDescription`)
/// shows the same message.
public protocol UserFacingError: LocalizedError, CustomStringConvertible {
    /// What is wrong and what to do, for stderr; never Foundation's raw error text.
    var userMessage: String { get }
    /// The process exit status (1 unless a command's contract says otherwise).
    var exitStatus: Int32 { get }
}

extension UserFacingError {
    public var userMessage: String { description }
    public var exitStatus: Int32 { 1 }
    public var errorDescription: String? { userMessage }
}

/// The user-facing message of any error: its own for a `UserFacingError`,
/// otherwise the operating system's reason in words (see `SystemErrorReason`).
public func describeForUser(_ error: Error) -> String {
    if let error = error as? UserFacingError { return error.userMessage }
    return SystemErrorReason.describe(error)
}
