/// A quick "certainly not wanted" test for a token's bytes before the exact
/// `Set<String>` lookup.
///
/// A Fig. 2 read keeps a few hundred noun rows out of 256,000; building a
/// `String` and hashing it (SipHash) for every row cost more than parsing
/// that row's wanted numbers. Here each wanted token's UTF-8 bytes set one
/// bit of a 65,536-bit table (FNV-1a hash); a row whose bytes hit a clear bit
/// cannot be wanted. A set bit only means "maybe": the caller then does the
/// exact lookup, so the result never depends on hash collisions.
struct TokenPrefilter {
    private var bits = [UInt64](repeating: 0, count: 1024)

    init(_ tokens: Set<String>) {
        for token in tokens {
            var utf8 = Array(token.utf8)
            let h = utf8.withUnsafeMutableBufferPointer { Self.hash(UnsafeBufferPointer($0)) }
            bits[h >> 6] |= 1 << UInt64(h & 63)
        }
    }

    /// False when no wanted token has exactly these bytes.
    @inline(__always) func mayContain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let h = Self.hash(bytes)
        return bits[h >> 6] & (1 << UInt64(h & 63)) != 0
    }

    /// FNV-1a, folded to 16 bits.
    @inline(__always) private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return Int(truncatingIfNeeded: (h ^ (h >> 16) ^ (h >> 32) ^ (h >> 48)) & 0xFFFF)
    }
}
