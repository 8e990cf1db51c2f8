import Foundation

/// DELTA_BINARY_PACKED: a header (block size, miniblocks per block, value
/// count, first value), then blocks of a minimum delta, one bit width per
/// miniblock, and the miniblocks' bit-packed deltas above that minimum.
/// Arithmetic wraps, as the format prescribes for deltas that overflow.
enum DeltaBinaryPackedDecoder {
    /// Decodes the whole stream; its own count must not exceed `limit`.
    static func decode(_ cursor: inout ByteCursor, limit: Int, what: String) throws -> [Int64] {
        let blockSize = try checkedCount(cursor.uleb128("the block size of \(what)"), limit: 1 << 20, "the block size of \(what)")
        let miniblocks = try checkedCount(cursor.uleb128("the miniblock count of \(what)"), limit: 1 << 12, "the miniblock count of \(what)")
        guard blockSize > 0, blockSize % 128 == 0, miniblocks > 0, blockSize % miniblocks == 0, (blockSize / miniblocks) % 32 == 0 else {
            throw ParquetIssue("expected a block size that is a multiple of 128 split into miniblocks of a multiple of 32 values in \(what), found \(blockSize) and \(miniblocks)")
        }
        let perMiniblock = blockSize / miniblocks
        let total = try checkedCount(cursor.uleb128("the value count of \(what)"), limit: limit, "the value count of \(what)")
        var out = [Int64]()
        out.reserveCapacity(total)
        var last = try cursor.zigzag("the first value of \(what)")
        if total > 0 { out.append(last) }
        var unpacked = [UInt32]()
        while out.count < total {
            let minDelta = try cursor.zigzag("the minimum delta of a block of \(what)")
            let widths = try cursor.bytes(miniblocks, "the bit widths of a block of \(what)")
            for m in 0 ..< miniblocks where out.count < total {
                let width = Int(widths[m])
                guard width <= 64 else { throw ParquetIssue("expected a bit width of at most 64 in \(what), found \(width)") }
                let bytes = try cursor.bytes(perMiniblock * width / 8, "a miniblock of \(what)")
                let take = min(perMiniblock, total - out.count)
                if width <= 32 {
                    unpacked.removeAll(keepingCapacity: true)
                    RLEHybridDecoder.unpack(bytes, bitWidth: width, count: take, into: &unpacked)
                    for delta in unpacked {
                        last = last &+ minDelta &+ Int64(delta)
                        out.append(last)
                    }
                } else {
                    for i in 0 ..< take {
                        last = last &+ minDelta &+ Int64(bitPattern: wide(bytes, index: i, width: width))
                        out.append(last)
                    }
                }
            }
        }
        return out
    }

    /// One value of 33…64 bits, least significant bit first.
    private static func wide(_ bytes: UnsafeRawBufferPointer, index: Int, width: Int) -> UInt64 {
        var value: UInt64 = 0
        var bit = index * width
        for k in 0 ..< width {
            if bytes[bit >> 3] >> UInt8(bit & 7) & 1 == 1 { value |= 1 << UInt64(k) }
            bit += 1
        }
        return value
    }
}
