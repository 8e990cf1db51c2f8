import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock on one output folder, held from the start of a build
/// (the CLI takes it before loading) until the new folder is in place: a second build into the same folder
/// fails at once with a clear message instead of racing the first. The lock
/// is `flock` on `.NAME.lock` beside the folder; the kernel releases it when
/// the process ends, however it ends, so a crash never leaves it held. The
/// empty lock file itself stays (removing it would let two processes lock two
/// different files of the same name).
public final class OutputLock {
    private var descriptor: Int32

    /// Takes the lock of `destination` or throws the message for the user.
    public init(for destination: URL, option: String) throws {
        let parent = destination.deletingLastPathComponent()
        do { try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true) } catch {
            throw OutputFolderError.fileSystem("create", parent.path, error)
        }
        let path = parent.appendingPathComponent(".\(destination.lastPathComponent).lock").path
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw OutputFolderError.fileSystem("create the lock file", path, errno: errno)
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(descriptor); descriptor = -1
            if code == EWOULDBLOCK {
                throw OutputFolderError("\(option) \(destination.path): another backbone process is writing this folder right now (it holds \(path)); wait for it to finish, or choose another \(option)")
            }
            throw OutputFolderError.fileSystem("lock", path, errno: code)
        }
    }

    public func release() {
        if descriptor >= 0 { close(descriptor); descriptor = -1 }
    }

    deinit { release() }
}
