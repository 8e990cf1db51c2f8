import CScan

/// Skips CSV fields a block of bytes at a time: the scans are C functions
/// (CScan) taking 32 or 64 bytes a step with AVX2 where the machine has it
/// and 16 with SSE2 elsewhere.
///
/// Most of a log-prob table is fields the analyses do not need: the 53
/// other prompt columns when one is read, or whole rows outside the token
/// filter. Skipping them byte by byte was the reader's main cost. Here each
/// block is tested for commas, line ends and quotes with a few vector
/// operations, and commas are counted from the byte masks — so the rest of a
/// row is skipped at memchr-like speed *and* its fields are still counted,
/// which is what lets the reader report a row with a wrong number of fields
/// anywhere in the file.
///
/// The scan stops early at a quote, a CR or an LF: a quote may hide a comma
/// or line break (the caller then reads that field the careful way), a CR
/// may be a bare CR inside a field or the start of CRLF, and an LF ends the
/// record. Bytes are never read past `end`.
enum CommaScanner {
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

    /// The first comma, CR or LF at or after `start` (or `end`): where an
    /// unquoted number field ends. 16 bytes a step in C (a number is 15–25
    /// bytes; eight-byte integer steps here took three times the instructions).
    @inline(__always)
    static func fieldEnd(_ p: UnsafePointer<UInt8>, from start: Int, end: Int) -> Int {
        backbone_field_end(p, start, end)
    }

    /// Moves from `start` (the beginning of a field) to the end of the line,
    /// counting the commas passed: the same as `skip(…, commas: .max)`.
    ///
    /// Most of a table's bytes are row ends nobody reads (53 prompts after
    /// the one the implicit rewards use), so the bulk loop is kept minimal:
    /// per 64 bytes, a few compares, and commas added up per byte lane;
    /// exact positions are only worked out where the scan stops.
    static func skipToLineEnd(_ p: UnsafePointer<UInt8>, from start: Int, end: Int) -> Stop {
        // 64 bytes a step with AVX2 where there is AVX2 (a C function, see
        // CScan.h); `skip` finishes from where it stopped.
        var bulkCommas = 0
        let i = backbone_skip_plain_blocks(p, start, end, &bulkCommas)
        var last = skip(p, from: i, end: end, commas: .max, wide: false)
        if last.commas == 0, bulkCommas > 0 {
            // The field the scan stopped in began before this block: find its start.
            var k = i - 1
            while p[k] != UInt8(ascii: ",") { k -= 1 }
            last.fieldStart = k + 1
        } else if last.commas == 0 {
            last.fieldStart = start
        }
        last.commas += bulkCommas
        return last
    }

    /// Moves from `start` (the beginning of a field) past at most `limit`
    /// (≥ 1) commas, stopping early at a quote, CR or LF. With `wide` and a
    /// limit far enough to span whole blocks, AVX2 takes 64 bytes a step
    /// first where the machine has it; `backbone_skip_fields` (C, CScan)
    /// does the rest — in C because Swift's SIMD types compiled to several
    /// times the instructions of the same masks in C (movemask, popcount),
    /// and this runs a few times on every row of every table.
    @inline(__always)
    static func skip(_ p: UnsafePointer<UInt8>, from start: Int, end: Int, commas limit: Int, wide: Bool = true) -> Stop {
        var i = start
        var passed = 0
        if wide, limit >= 8 {
            var bulkCommas = 0
            i = backbone_skip_comma_blocks(p, start, end, limit, &bulkCommas)
            passed = bulkCommas
        }
        var stop = backbone_skip_stop()
        backbone_skip_fields(p, i, end, limit - passed, &stop)
        let commas = Int(stop.commas)
        if commas > 0 { return Stop(position: Int(stop.position), commas: passed + commas, fieldStart: Int(stop.field_start)) }
        // The scan stopped in the field the blocks ended in, which began after
        // their last comma (found only now: almost every skip passes more
        // commas after the blocks, and this backward walk over up to a
        // block's bytes was an eighth of the row loop's time).
        var fieldStart = start
        if passed > 0 {
            var k = i - 1
            while p[k] != UInt8(ascii: ",") { k -= 1 }
            fieldStart = k + 1
        }
        return Stop(position: Int(stop.position), commas: passed, fieldStart: fieldStart)
    }
}
