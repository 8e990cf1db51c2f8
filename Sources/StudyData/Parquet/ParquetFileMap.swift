import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A Parquet file mapped read-only into memory, whose pages can be handed
/// back once the column chunks they hold have been decoded.
///
/// Why not `Data(contentsOf:options: .alwaysMapped)`: a mapped page that has
/// been read stays resident until the map goes, so a log-prob table read
/// column by column ended up wholly resident (about 80 MB a table, two
/// tables at once), which put the peak memory of a 12-table build 150 MB
/// above the CSV reader's (`MappedFile.release(upTo:)`). Parquet's column
/// chunks are not read in file order, so pages are dropped by range.
///
/// `@unchecked Sendable`: every stored property is a constant, and
/// `dropPages` only asks the kernel to forget pages (they are read from the
/// file again if touched), which is safe from any thread.
final class ParquetFileMap: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
    private let fd: Int32
    private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    init(url: URL, displayPath: String) throws {
        fd = open(url.path, O_RDONLY)
        guard fd >= 0 else { throw DataError(path: displayPath, message: "cannot read the file (\(String(cString: strerror(errno))))") }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            Glibc.close(fd)
            throw DataError(path: displayPath, message: "cannot read the file's size")
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            Glibc.close(fd)
            throw DataError(path: displayPath, message: "cannot read the file (\(String(cString: strerror(info.st_mode & S_IFMT == S_IFDIR ? EISDIR : EINVAL))))")
        }
        let count = Int(info.st_size)
        guard count > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let mapped = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0), mapped != MAP_FAILED else {
            Glibc.close(fd)
            throw DataError(path: displayPath, message: "cannot map the file into memory")
        }
        bytes = UnsafeRawBufferPointer(start: mapped, count: count)
    }

    /// Drops from memory the whole pages inside `range` (byte offsets).
    func dropPages(in range: Range<Int>) {
        guard let base = bytes.baseAddress else { return }
        let start = (max(range.lowerBound, 0) + Self.pageSize - 1) / Self.pageSize * Self.pageSize
        let end = min(range.upperBound, bytes.count) / Self.pageSize * Self.pageSize
        guard end > start else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, MADV_DONTNEED)
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
        Glibc.close(fd)
    }
}
