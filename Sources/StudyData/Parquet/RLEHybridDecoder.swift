import Foundation

/// The RLE / bit-packed hybrid encoding: runs of one repeated value and
/// groups of eight values packed `bitWidth` bits each, least significant bit
/// first. Parquet uses it for definition levels, dictionary indices and RLE
/// booleans.
enum RLEHybridDecoder {
    /// Decodes exactly `count` values of `bitWidth` bits (0…32) from the cursor.
    /// A run longer than needed is cut; data that ends before `count` values is an error.
    static func decode(_ cursor: inout ByteCursor, bitWidth: Int, count: Int, what: String) throws -> [UInt32] {
        guard (0...32).contains(bitWidth) else { throw ParquetIssue("expected a bit width of at most 32 for \(what), found \(bitWidth)") }
        // Written in place into the result's storage: dictionary indices are
        // the bulk of a dictionary-encoded column, so no per-value append.
        return try [UInt32](unsafeUninitializedCapacity: count) { out, initialized in
            let valueBytes = (bitWidth + 7) / 8
            while initialized < count {
                let header = try cursor.uleb128("a run header of \(what) (\(initialized) of \(count) values read)")
                if header & 1 == 0 {
                    let runLength = header >> 1
                    var value: UInt32 = 0
                    for k in 0 ..< valueBytes { value |= UInt32(try cursor.byte("the repeated value of \(what)")) << UInt32(8 * k) }
                    if bitWidth < 32 && value >> UInt32(bitWidth) != 0 {
                        throw ParquetIssue("expected a repeated value of at most \(bitWidth) bits in \(what), found \(value)")
                    }
                    guard runLength > 0 else { throw ParquetIssue("expected a run of at least one value in \(what), found an empty run") }
                    let take = Int(min(runLength, UInt64(count - initialized)))
                    (out.baseAddress! + initialized).initialize(repeating: value, count: take)
                    initialized += take
                } else {
                    let groups = header >> 1
                    guard groups > 0, groups <= UInt64(Int32.max) else { throw ParquetIssue("expected a bit-packed run of 1 to 2^31 groups in \(what), found \(groups)") }
                    let values = Int(groups) * 8
                    let take = min(values, count - initialized)
                    // The run occupies groups × bitWidth bytes; only the bytes of the
                    // values needed must be present (the last run may be cut short).
                    let runBytes = min(Int(groups) * bitWidth, cursor.remaining)
                    let needed = (take * bitWidth + 7) / 8
                    guard needed <= runBytes else {
                        throw ParquetIssue("expected \(needed) bytes of bit-packed \(what), found \(runBytes)")
                    }
                    let bytes = try cursor.bytes(runBytes, "bit-packed \(what)")
                    unpack(bytes, bitWidth: bitWidth, count: take,
                           into: UnsafeMutableBufferPointer(rebasing: out[initialized ..< initialized + take]))
                    initialized += take
                }
            }
        }
    }

    /// A flat column's definition levels (bit width 1), or nil when all
    /// `count` are 1 as one run, which is how writers store a page without
    /// missing values: no array of ones is made for it, and nothing is
    /// counted over one. Otherwise every level, as `decode` gives them, with
    /// its errors.
    static func definitionLevels(_ cursor: inout ByteCursor, count: Int) throws -> [UInt32]? {
        var probe = cursor
        if count > 0, let header = try? probe.uleb128("a run header"), header & 1 == 0, header >> 1 >= UInt64(count),
           let value = try? probe.byte("the repeated value"), value == 1 {
            cursor = probe
            return nil
        }
        return try decode(&cursor, bitWidth: 1, count: count, what: "definition levels")
    }

    /// `out.count` values of `bitWidth` bits, least significant bit first
    /// (the caller has checked that the bytes are there). A value of up to
    /// 32 bits starting at any bit lies within 8 bytes, so wherever 8 bytes
    /// remain one unaligned load replaces the byte-by-byte window.
    static func unpack(_ bytes: UnsafeRawBufferPointer, bitWidth: Int, count: Int, into out: UnsafeMutableBufferPointer<UInt32>) {
        precondition(out.count == count)
        if bitWidth == 0 { out.initialize(repeating: 0); return }
        let mask: UInt64 = (1 << UInt64(bitWidth)) - 1
        var i = 0
        // Values whose 8-byte window lies inside the buffer.
        let fast = bytes.count >= 8 ? min(count, ((bytes.count - 8) * 8) / bitWidth + 1) : 0
        while i < fast {
            let bit = i * bitWidth
            let window = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self))
            (out.baseAddress! + i).initialize(to: UInt32(truncatingIfNeeded: (window >> UInt64(bit & 7)) & mask))
            i += 1
        }
        while i < count {
            let bit = i * bitWidth
            let first = bit >> 3
            var window: UInt64 = 0
            for k in first ..< min(first + 8, bytes.count) { window |= UInt64(bytes[k]) << UInt64(8 * (k - first)) }
            (out.baseAddress! + i).initialize(to: UInt32(truncatingIfNeeded: (window >> UInt64(bit & 7)) & mask))
            i += 1
        }
    }

    /// Appends `count` unpacked values to `out` (for DELTA_BINARY_PACKED miniblocks).
    static func unpack(_ bytes: UnsafeRawBufferPointer, bitWidth: Int, count: Int, into out: inout [UInt32]) {
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: count))
        out.withUnsafeMutableBufferPointer { all in
            unpack(bytes, bitWidth: bitWidth, count: count, into: UnsafeMutableBufferPointer(rebasing: all[start...]))
        }
    }

    /// The number of bits needed for values up to `maximum` (Parquet's bit width of levels).
    static func bitWidth(forMaximum maximum: Int) -> Int {
        maximum == 0 ? 0 : Int.bitWidth - maximum.leadingZeroBitCount
    }
}
