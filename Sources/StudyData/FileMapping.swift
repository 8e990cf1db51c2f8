import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A whole regular file mapped read-only (`MAP_PRIVATE`), with its
/// descriptor: what `MappedFile` (a CSV log-prob table, scanned front to
/// back) and `ParquetFileMap` (a Parquet table, read column by column) are
/// built on. An empty file is not mapped (`base` is nil). The owner calls
/// `close()` once, when it no longer reads the bytes.
struct FileMapping {
    let fd: Int32
    let base: UnsafeMutableRawPointer?
    let count: Int
    static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    init(url: URL, displayPath: String) throws {
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else { throw DataError(path: displayPath, message: "cannot read the file (\(String(cString: strerror(errno))))") }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            Glibc.close(fd)
            throw DataError(path: displayPath, message: "cannot read the file's size")
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            Glibc.close(fd)
            let reason = info.st_mode & S_IFMT == S_IFDIR ? String(cString: strerror(EISDIR)) : "not a regular file"
            throw DataError(path: displayPath, message: "cannot read the file (\(reason))")
        }
        let count = Int(info.st_size)
        var base: UnsafeMutableRawPointer?
        if count > 0 {
            guard let mapped = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0), mapped != MAP_FAILED else {
                Glibc.close(fd)
                throw DataError(path: displayPath, message: "cannot map the file into memory")
            }
            base = mapped
        }
        self.fd = fd
        self.base = base
        self.count = count
    }

    /// Drops from memory the whole pages inside `range` (byte offsets); they
    /// are read from the file again if touched.
    func dropPages(in range: Range<Int>) {
        guard let base else { return }
        let start = (max(range.lowerBound, 0) + Self.pageSize - 1) / Self.pageSize * Self.pageSize
        let end = min(range.upperBound, count) / Self.pageSize * Self.pageSize
        guard end > start else { return }
        _ = madvise(base + start, end - start, MADV_DONTNEED)
    }

    func close() {
        if let base { munmap(base, count) }
        Glibc.close(fd)
    }
}
