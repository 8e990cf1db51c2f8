import Foundation

/// Foundation's file errors in words a person can act on.
///
/// Foundation wraps the system's error in an `NSError` whose text names
/// internal domains ("The operation could not be completed. (NSCocoaErrorDomain
/// error 513.)"); the reader needs only the operation, the path and the
/// system's reason ("Permission denied"), as `ls` or `cp` would say it.
public enum SystemErrorReason {
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

    /// Whether Foundation or the system made the error (its own text would
    /// name `NSCocoaErrorDomain`).
    public static func isSystemError(_ error: Error) -> Bool {
        let domain = (error as NSError).domain
        return domain == NSCocoaErrorDomain || domain == NSPOSIXErrorDomain
    }

    /// A whole message for an error nobody described: the file Foundation
    /// names (if any) and the reason for a Foundation or POSIX error; a Swift
    /// error's own description otherwise (it is ours or a library's, never
    /// Foundation's domain text).
    public static func describe(_ error: Error) -> String {
        guard isSystemError(error) else { return String(describing: error) }
        let ns = error as NSError
        let path = (ns.userInfo[NSFilePathErrorKey] as? String) ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path
        return path.map { "\($0): \(reason(error))" } ?? reason(error)
    }
}
