/// Skips CSV fields eight bytes at a time (SWAR: "SIMD within a register").
///
/// Most of a log-prob table is fields the analyses do not need: the 53
/// other prompt columns when one is read, or whole rows outside the token
/// filter. Skipping them byte by byte was the reader's main cost. Here each
/// 8-byte word is tested for commas, line ends and quotes with a few integer
/// operations, and commas are counted with one multiply — so the rest of a
/// row is skipped at memchr-like speed *and* its fields are still counted,
/// which is what lets the reader report a row with a wrong number of fields
/// anywhere in the file.
///
/// The scan stops early at a quote, a CR or an LF: a quote may hide a comma
/// or line break (the caller then reads that field the careful way), a CR
/// may be a bare CR inside a field or the start of CRLF, and an LF ends the
/// record. Bytes are never read past `end`.
enum CommaScanner {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let high: UInt64 = 0x8080_8080_8080_8080
    private static let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    private static let commas = ones &* UInt64(UInt8(ascii: ","))
    private static let quotes = ones &* UInt64(UInt8(ascii: "\""))
    private static let lfs = ones &* UInt64(UInt8(ascii: "\n"))
    private static let crs = ones &* UInt64(UInt8(ascii: "\r"))

    struct Stop {
        /// Where the scan ended: just after the `limit`-th comma, or on the
        /// first quote/CR/LF, or at `end`.
        var position: Int
        /// Commas passed.
        var commas: Int
        /// Start of the field the scan ended in (after the last comma passed,
        /// or where the scan began).
        var fieldStart: Int
    }

    /// Number of flagged bytes in a mask from `zeroBytes` (at most 8): the
    /// multiply adds every byte's 0/1 into the top byte. A plain
    /// `nonzeroBitCount` compiles to a slow software popcount on the default
    /// x86-64 target (no POPCNT), which made this the scanner's hot spot.
    @inline(__always) private static func countFlags(_ mask: UInt64) -> Int {
        Int(truncatingIfNeeded: ((mask >> 7) &* ones) >> 56)
    }

    /// High bit set in exactly the zero bytes of `x`.
    @inline(__always) private static func zeroBytes(_ x: UInt64) -> UInt64 {
        ~(((x & low7) &+ low7) | x | low7)
    }

    /// High bit set in the zero bytes of `x`; bytes above the lowest zero byte
    /// may be flagged falsely, which is fine when only the lowest one is used.
    @inline(__always) private static func lowestZeroByte(_ x: UInt64) -> UInt64 {
        (x &- ones) & ~x & high
    }

    /// Moves from `start` (the beginning of a field) past at most `limit`
    /// commas, stopping early at a quote, CR or LF.
    @inline(__always)
    static func skip(_ p: UnsafePointer<UInt8>, from start: Int, end: Int, commas limit: Int) -> Stop {
        var i = start
        var passed = 0
        var fieldStart = start
        let raw = UnsafeRawPointer(p)
        while i + 8 <= end {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            var found = zeroBytes(word ^ commas)
            let stops = lowestZeroByte(word ^ lfs) | lowestZeroByte(word ^ quotes) | lowestZeroByte(word ^ crs)
            if stops != 0 { found &= (stops & (0 &- stops)) &- 1 }   // only commas before the first stop
            let count = countFlags(found)
            if passed &+ count >= limit {
                var rest = limit - passed
                while rest > 1 { found &= found &- 1; rest -= 1 }
                let at = i + (found.trailingZeroBitCount >> 3)
                return Stop(position: at + 1, commas: limit, fieldStart: at + 1)
            }
            if count > 0 {
                passed &+= count
                fieldStart = i + ((63 - found.leadingZeroBitCount) >> 3) + 1
            }
            if stops != 0 { return Stop(position: i + (stops.trailingZeroBitCount >> 3), commas: passed, fieldStart: fieldStart) }
            i += 8
        }
        while i < end {
            let c = p[i]
            if c == UInt8(ascii: ",") {
                passed += 1; i += 1; fieldStart = i
                if passed == limit { return Stop(position: i, commas: passed, fieldStart: i) }
                continue
            }
            if c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") || c == UInt8(ascii: "\"") { break }
            i += 1
        }
        return Stop(position: i, commas: passed, fieldStart: fieldStart)
    }
}
