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
    private let mapping: FileMapping
    private var released = 0

    init(url: URL, displayPath: String) throws {
        mapping = try FileMapping(url: url, displayPath: displayPath)
        count = mapping.count
        if let base = mapping.base {
            _ = madvise(base, count, MADV_SEQUENTIAL)
            pointer = UnsafePointer(base.assumingMemoryBound(to: UInt8.self))
        } else {
            pointer = UnsafePointer(UnsafeMutablePointer<UInt8>.allocate(capacity: 1))
        }
    }

    /// Drops the pages before `offset` from memory (they are re-read from the
    /// file if touched again).
    func release(upTo offset: Int) {
        let end = offset / FileMapping.pageSize * FileMapping.pageSize
        guard end > released else { return }
        mapping.dropPages(in: released ..< end)
        released = end
    }

    deinit {
        if mapping.base == nil { UnsafeMutablePointer(mutating: pointer).deallocate() }
        mapping.close()
    }
}
