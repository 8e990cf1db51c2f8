import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file of the new site that is byte for byte the previous site's file at
/// the same path is hard-linked to that file instead of written again.
///
/// Why: a site is rebuilt in place again and again, and a deterministic
/// build changes few of its files. A link makes no new inode: ext4 spent
/// tens of milliseconds of each rebuild finding free inodes past the ones
/// the previous site's deletion had just freed (Benchmarks/README.md). And
/// an unchanged file keeps its modification time, so publishing by size
/// and time (`rsync`) sends only what changed.
///
/// Safe for the previous site: a link changes none of its bytes, and is
/// made only to a regular file that the previous build listed as its own
/// and that no other name shares, after comparing its bytes; they are
/// compared again once the new name exists, and any doubt writes the file
/// normally. The writer never writes through a linked name (a rewrite
/// first removes it), and links do not outlive the previous site
/// (`separate`).
enum UnchangedFileLink {
    /// Links `path` (which must not exist) to `previous` when that file
    /// holds exactly `data`; false, with nothing made, otherwise.
    static func create(_ path: String, toIdentical previous: String, data: Data) -> Bool {
        let fd = open(previous, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_nlink == 1, Int(info.st_size) == data.count,
              holds(fd, data), link(previous, path) == 0 else { return false }
        var made = stat()
        if lstat(path, &made) == 0, made.st_dev == info.st_dev, made.st_ino == info.st_ino, holds(fd, data) { return true }
        unlink(path)
        return false
    }

    /// Gives `path` a file of its own with the same bytes (written beside
    /// it, then renamed over it), so no other name shares it any longer.
    static func separate(_ path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let copy = path + ".separate-\(getpid())"
        try PlainFileWriter.write(data, to: copy)
        guard rename(copy, path) == 0 else {
            let failure = errno
            unlink(copy)
            throw OutputFolderError.fileSystem("replace", path, errno: failure)
        }
    }

    /// Whether the open file holds exactly `data`, nothing more.
    private static func holds(_ fd: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { expected -> Bool in
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            var offset = 0
            while true {
                let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, $0.count, off_t(offset)) }
                if n < 0 { return false }
                if n == 0 { return offset == expected.count }
                guard offset + n <= expected.count,
                      buffer.withUnsafeBytes({ memcmp($0.baseAddress!, expected.baseAddress! + offset, n) }) == 0 else { return false }
                offset += n
            }
        }
    }
}
