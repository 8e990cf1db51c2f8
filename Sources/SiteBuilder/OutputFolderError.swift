import Foundation

/// Why Backbone will not (or could not) write an output folder (`build --out`,
/// `diff --html`). The message says what is wrong and what to do; it never
/// carries Foundation's raw error text.
public struct OutputFolderError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }

    /// A file-system failure in words: "cannot create /x: Permission denied".
    /// Foundation wraps the POSIX error in an `NSError` whose own text names
    /// internal domains; the reader needs only the operation, the path and the
    /// system's reason.
    public static func fileSystem(_ action: String, _ path: String, _ error: Error) -> OutputFolderError {
        OutputFolderError("cannot \(action) \(path): \(reason(error))")
    }

    public static func fileSystem(_ action: String, _ path: String, errno code: Int32) -> OutputFolderError {
        OutputFolderError("cannot \(action) \(path): \(String(cString: strerror(code)))")
    }

    /// The POSIX reason inside a Foundation error, or a plain fallback.
    public static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError { return reason(underlying) }
        switch CocoaError.Code(rawValue: ns.code) {
        case .fileWriteOutOfSpace: return String(cString: strerror(ENOSPC))
        case .fileWriteVolumeReadOnly: return String(cString: strerror(EROFS))
        case .fileWriteNoPermission, .fileReadNoPermission: return String(cString: strerror(EACCES))
        case .fileNoSuchFile, .fileReadNoSuchFile: return String(cString: strerror(ENOENT))
        case .fileWriteFileExists: return String(cString: strerror(EEXIST))
        default: return "the operating system refused it"
        }
    }
}
