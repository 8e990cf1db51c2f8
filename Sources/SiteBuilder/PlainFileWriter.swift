import Foundation

/// Writes one new file with POSIX calls, so a failure keeps its `errno`:
/// Foundation's `Data.write` reports a full disk or a file-size limit as a
/// generic Cocoa error that no longer says which (the reader is told "No
/// space left on device" or "File too large", not "the operating system
/// refused it").
enum PlainFileWriter {
    static func write(_ data: Data, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputFolderError.fileSystem("write", path, errno: errno) }
        var failure: Int32 = 0
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
        if close(fd) != 0, failure == 0 { failure = errno }
        if failure != 0 { throw OutputFolderError.fileSystem("write", path, errno: failure) }
    }
}
