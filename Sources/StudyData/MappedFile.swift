import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A read-only memory map of a whole file, for scanning large tables without
/// copying them. Pages already scanned can be handed back (`release`), so a
/// 280 MB table does not stay resident while the next one is read: peak
/// memory stays near what the analyses keep, not the size of the inputs.
final class MappedFile {
    let pointer: UnsafePointer<UInt8>
    let count: Int
    private let base: UnsafeMutableRawPointer?
    private let fd: Int32
    private var released = 0
    private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    init(url: URL, displayPath: String) throws {
        fd = open(url.path, O_RDONLY)
        guard fd >= 0 else { throw DataError(path: displayPath, message: "cannot open the file (\(String(cString: strerror(errno))))") }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            Glibc.close(fd)
            throw DataError(path: displayPath, message: "cannot read the file's size")
        }
        count = Int(info.st_size)
        if count == 0 {
            base = nil
            pointer = UnsafePointer(UnsafeMutablePointer<UInt8>.allocate(capacity: 1))
            return
        }
        guard let mapped = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0), mapped != MAP_FAILED else {
            Glibc.close(fd)
            throw DataError(path: displayPath, message: "cannot map the file into memory")
        }
        _ = madvise(mapped, count, MADV_SEQUENTIAL)
        base = mapped
        pointer = UnsafePointer(mapped.assumingMemoryBound(to: UInt8.self))
    }

    /// Drops the pages before `offset` from memory (they are re-read from the
    /// file if touched again).
    func release(upTo offset: Int) {
        guard let base else { return }
        let end = (offset / Self.pageSize) * Self.pageSize
        guard end > released else { return }
        _ = madvise(base + released, end - released, MADV_DONTNEED)
        released = end
    }

    deinit {
        if let base { munmap(base, count) } else { UnsafeMutablePointer(mutating: pointer).deallocate() }
        Glibc.close(fd)
    }
}
