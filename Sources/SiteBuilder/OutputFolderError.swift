import Failures
import Foundation

/// Why Backbone will not (or could not) write an output folder (`build --out`,
/// `diff --html`). The message says what is wrong and what to do; it never
/// carries Foundation's raw error text.
public struct OutputFolderError: UserFacingError, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }

    /// A file-system failure in words: "cannot create /x: Permission denied".
    /// Foundation wraps the POSIX error in an `NSError` whose own text names
    /// internal domains; the reader needs only the operation, the path and the
    /// system's reason.
    public static func fileSystem(_ action: String, _ path: String, _ error: Error) -> OutputFolderError {
        OutputFolderError("cannot \(action) \(path): \(SystemErrorReason.reason(error))")
    }

    public static func fileSystem(_ action: String, _ path: String, errno code: Int32) -> OutputFolderError {
        OutputFolderError("cannot \(action) \(path): \(String(cString: strerror(code)))")
    }
}
