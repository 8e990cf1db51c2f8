import Foundation

/// A problem inside a Parquet structure, said as "expected …". The reader
/// adds the file, column, row group and page before it reaches a person
/// (`ParquetFile` turns it into a `DataError`).
struct ParquetIssue: Error, Equatable {
    var message: String
    /// The 1-based page of the column chunk, when the problem is in one.
    var page: Int?
    init(_ message: String) { self.message = message }
}

/// A bounds-checked reading position over bytes that belong to someone else
/// (a mapped file or a decompressed page). Every length read from a file is
/// checked against what is really there before anything is sliced or
/// allocated, so a lying file gives an error, never a crash.
struct ByteCursor {
    let base: UnsafeRawBufferPointer
    private(set) var position: Int
    let end: Int

    init(_ base: UnsafeRawBufferPointer, from start: Int = 0, to end: Int? = nil) {
        self.base = base
        self.position = start
        self.end = end ?? base.count
    }

    var remaining: Int { end - position }
    var isAtEnd: Bool { position >= end }

    mutating func byte(_ what: @autoclosure () -> String) throws -> UInt8 {
        guard position < end else { throw ParquetIssue("expected \(what()), found the end of the data") }
        defer { position += 1 }
        return base[position]
    }

    /// The next `count` bytes, without copying.
    mutating func bytes(_ count: Int, _ what: @autoclosure () -> String) throws -> UnsafeRawBufferPointer {
        guard count >= 0, count <= remaining else {
            throw ParquetIssue("expected \(what()) of \(count) bytes, found \(max(remaining, 0)) bytes left")
        }
        defer { position += count }
        return UnsafeRawBufferPointer(rebasing: base[position ..< position + count])
    }

    mutating func skip(_ count: Int, _ what: @autoclosure () -> String) throws {
        _ = try bytes(count, what())
    }

    /// A little-endian fixed-width integer.
    mutating func littleEndian<T: FixedWidthInteger>(_: T.Type, _ what: @autoclosure () -> String) throws -> T {
        let size = MemoryLayout<T>.size
        guard size <= remaining else { throw ParquetIssue("expected \(what()) (\(size) bytes), found \(max(remaining, 0)) bytes left") }
        defer { position += size }
        return T(littleEndian: base.loadUnaligned(fromByteOffset: position, as: T.self))
    }

    /// An unsigned LEB128 varint (Thrift compact integers, RLE headers, delta headers).
    mutating func uleb128(_ what: @autoclosure () -> String) throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < end else { throw ParquetIssue("expected \(what()), found the end of the data") }
            let b = base[position]
            position += 1
            if shift == 63 && b > 1 { throw ParquetIssue("expected \(what()) to fit in 64 bits") }
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw ParquetIssue("expected \(what()) to fit in 64 bits") }
        }
    }

    /// A zigzag-encoded signed varint.
    mutating func zigzag(_ what: @autoclosure () -> String) throws -> Int64 {
        let u = try uleb128(what())
        return Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1)))
    }
}

/// Converts a count read from a file to `Int`, refusing negatives and sizes
/// beyond `limit` (so a lying count never becomes an allocation).
func checkedCount<T: BinaryInteger>(_ value: T, limit: Int, _ what: String) throws -> Int {
    guard value >= 0, let n = Int(exactly: value), n <= limit else {
        throw ParquetIssue("expected \(what) between 0 and \(limit), found \(value)")
    }
    return n
}
