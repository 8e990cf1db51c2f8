import Foundation

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
    private let mapping: FileMapping

    init(url: URL, displayPath: String) throws {
        mapping = try FileMapping(url: url, displayPath: displayPath)
        bytes = UnsafeRawBufferPointer(start: mapping.base, count: mapping.count)
    }

    /// Drops from memory the whole pages inside `range` (byte offsets).
    func dropPages(in range: Range<Int>) { mapping.dropPages(in: range) }

    deinit { mapping.close() }
}
