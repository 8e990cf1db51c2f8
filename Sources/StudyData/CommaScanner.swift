import CScan

/// Skips CSV fields 16 bytes at a time (vector compares) and 8 at a time
/// near the end (SWAR: "SIMD within a register"); the line-end scan takes
/// 64 bytes a step with AVX2 where the machine has it (CScan).
///
/// Most of a log-prob table is fields the analyses do not need: the 53
/// other prompt columns when one is read, or whole rows outside the token
/// filter. Skipping them byte by byte was the reader's main cost. Here each
/// block is tested for commas, line ends and quotes with a few vector or
/// integer operations, and commas are counted with a multiply — so the rest of a
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

    /// The first comma, CR or LF at or after `start` (or `end`): where an
    /// unquoted number field ends. Eight bytes a step; a number is 15–25 bytes.
    @inline(__always)
    static func fieldEnd(_ p: UnsafePointer<UInt8>, from start: Int, end: Int) -> Int {
        var i = start
        let raw = UnsafeRawPointer(p)
        while i + 8 <= end {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            // Only the lowest flag is used, so the cheap test's false flags above it do not matter.
            let found = lowestZeroByte(word ^ commas) | lowestZeroByte(word ^ lfs) | lowestZeroByte(word ^ crs)
            if found != 0 { return i + (found.trailingZeroBitCount >> 3) }
            i += 8
        }
        while i < end {
            let c = p[i]
            if c == UInt8(ascii: ",") || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") { break }
            i += 1
        }
        return i
    }

    /// Moves from `start` (the beginning of a field) to the end of the line,
    /// counting the commas passed: the same as `skip(…, commas: .max)`.
    ///
    /// Most of a table's bytes are row ends nobody reads (53 prompts after
    /// the one the implicit rewards use), so this loop is kept minimal: per
    /// 16 bytes, four compares, and commas added up per byte lane; exact
    /// positions are only worked out in the block where the scan stops.
    static func skipToLineEnd(_ p: UnsafePointer<UInt8>, from start: Int, end: Int) -> Stop {
        // 64 bytes a step with AVX2 where there is AVX2 (a C function, see
        // CScan.h); the loops below finish from where it stopped.
        var bulkCommas = 0
        var i = backbone_skip_plain_blocks(p, start, end, &bulkCommas)
        var passed = bulkCommas
        let raw = UnsafeRawPointer(p)
        let commaVector = SIMD16<UInt8>(repeating: UInt8(ascii: ",")), quoteVector = SIMD16<UInt8>(repeating: UInt8(ascii: "\""))
        let lfVector = SIMD16<UInt8>(repeating: UInt8(ascii: "\n")), crVector = SIMD16<UInt8>(repeating: UInt8(ascii: "\r"))
        var lanes = SIMD16<UInt8>(repeating: 0)   // commas per byte lane, flushed before a lane can wrap
        var blocks = 0
        while i + 16 <= end {
            let v = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
            if any((v .== lfVector) .| (v .== quoteVector) .| (v .== crVector)) { break }
            lanes &-= unsafeBitCast(v .== commaVector, to: SIMD16<UInt8>.self)   // a match is 0xFF, i.e. -1
            blocks += 1
            if blocks == 255 { passed += Int(SIMD16<UInt16>(truncatingIfNeeded: lanes).wrappedSum()); lanes = .zero; blocks = 0 }
            i += 16
        }
        passed += Int(SIMD16<UInt16>(truncatingIfNeeded: lanes).wrappedSum())
        var last = skip(p, from: i, end: end, commas: .max, wide: false)
        if last.commas == 0, passed > 0 {
            // The field the scan stopped in began before this block: find its start.
            var k = i - 1
            while p[k] != UInt8(ascii: ",") { k -= 1 }
            last.fieldStart = k + 1
        } else if last.commas == 0 {
            last.fieldStart = start
        }
        last.commas += passed
        return last
    }

    /// Moves from `start` (the beginning of a field) past at most `limit`
    /// commas, stopping early at a quote, CR or LF. With `wide` and a limit
    /// far enough to span whole blocks, AVX2 takes 64 bytes a step first
    /// where the machine has it (CScan); the loops below finish.
    @inline(__always)
    static func skip(_ p: UnsafePointer<UInt8>, from start: Int, end: Int, commas limit: Int, wide: Bool = true) -> Stop {
        var i = start
        var passed = 0
        var fieldStart = start
        if wide, limit >= 8 {
            var bulkCommas = 0
            i = backbone_skip_comma_blocks(p, start, end, limit, &bulkCommas)
            passed = bulkCommas
            if passed > 0 {                       // the field the blocks ended in began after their last comma
                var k = i - 1
                while p[k] != UInt8(ascii: ",") { k -= 1 }
                fieldStart = k + 1
            }
        }
        let raw = UnsafeRawPointer(p)
        let commaVector = SIMD16<UInt8>(repeating: UInt8(ascii: ",")), quoteVector = SIMD16<UInt8>(repeating: UInt8(ascii: "\""))
        let lfVector = SIMD16<UInt8>(repeating: UInt8(ascii: "\n")), crVector = SIMD16<UInt8>(repeating: UInt8(ascii: "\r"))
        // 16 bytes at a time: vector compares (SSE2, in every x86-64), then
        // the two 8-byte halves of each mask are handled as integers.
        while i + 16 <= end {
            let v = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
            let c = unsafeBitCast(v .== commaVector, to: SIMD2<UInt64>.self)
            let s = unsafeBitCast((v .== lfVector) .| (v .== quoteVector) .| (v .== crVector), to: SIMD2<UInt64>.self)
            var c0 = c[0] & high, c1 = c[1] & high
            let s0 = s[0] & high, s1 = s[1] & high
            let stopped = s0 | s1 != 0
            if stopped {                                             // only commas before the first stop
                if s0 != 0 { c0 &= (s0 & (0 &- s0)) &- 1; c1 = 0 } else { c1 &= (s1 & (0 &- s1)) &- 1 }
            }
            let n0 = countFlags(c0), n1 = countFlags(c1)
            if passed &+ n0 &+ n1 >= limit {
                var rest = limit - passed
                var base = i, found = c0
                if n0 < rest { rest -= n0; base = i + 8; found = c1 }
                while rest > 1 { found &= found &- 1; rest -= 1 }
                let at = base + (found.trailingZeroBitCount >> 3)
                return Stop(position: at + 1, commas: limit, fieldStart: at + 1)
            }
            if n1 > 0 {
                passed &+= n0 &+ n1
                fieldStart = i + 8 + ((63 - c1.leadingZeroBitCount) >> 3) + 1
            } else if n0 > 0 {
                passed &+= n0
                fieldStart = i + ((63 - c0.leadingZeroBitCount) >> 3) + 1
            }
            if stopped {
                let at = s0 != 0 ? i + (s0.trailingZeroBitCount >> 3) : i + 8 + (s1.trailingZeroBitCount >> 3)
                return Stop(position: at, commas: passed, fieldStart: fieldStart)
            }
            i += 16
        }
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
