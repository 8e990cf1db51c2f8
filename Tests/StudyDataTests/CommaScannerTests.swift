import Foundation
import CScan
@testable import StudyData
import XCTest

/// The 8-bytes-at-a-time field skipper against a plain byte loop.
final class CommaScannerTests: XCTestCase {
    /// What `CommaScanner.skip` must return, one byte at a time.
    func naive(_ b: [UInt8], from start: Int, limit: Int) -> CommaScanner.Stop {
        var i = start, passed = 0, fieldStart = start
        while i < b.count {
            switch b[i] {
            case UInt8(ascii: ","):
                passed += 1; i += 1; fieldStart = i
                if passed == limit { return CommaScanner.Stop(position: i, commas: passed, fieldStart: i) }
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\""):
                return CommaScanner.Stop(position: i, commas: passed, fieldStart: fieldStart)
            default:
                i += 1
            }
        }
        return CommaScanner.Stop(position: i, commas: passed, fieldStart: fieldStart)
    }

    func testMatchesAByteLoopOnRandomRows() {
        var rng = SplitMix64(seed: 11)
        let alphabet = Array("-0123456789.e,,,,\n\r\"ab".utf8) + [0x00, 0x01, 0x2B, 0x2D, 0x80, 0xFF, 0x0A, 0x0C, 0x2E]
        for trial in 0..<20_000 {
            let count = Int(rng.next() % (trial % 10 == 0 ? 600 : 80))
            // Mostly commas and digits; stops are rarer so long runs get tested.
            let bytes: [UInt8] = (0..<count).map { _ in
                let r = rng.next() % 100
                return r < 60 ? UInt8(ascii: "0") + UInt8(r % 10) : r < 80 ? UInt8(ascii: ",") : alphabet[Int(rng.next() % UInt64(alphabet.count))]
            }
            let start = count == 0 ? 0 : Int(rng.next() % UInt64(count))
            let limit = trial % 3 == 0 ? Int.max : 1 + Int(rng.next() % 12)
            let got = bytes.withUnsafeBufferPointer { CommaScanner.skip($0.baseAddress!, from: start, end: count, commas: limit) }
            let want = naive(bytes, from: start, limit: limit)
            XCTAssertEqual([got.position, got.commas, got.fieldStart], [want.position, want.commas, want.fieldStart],
                           "\(bytes) from \(start) limit \(limit)")
            if got.position != want.position || got.commas != want.commas || got.fieldStart != want.fieldStart { return }
            if limit == .max {
                let line = bytes.withUnsafeBufferPointer { CommaScanner.skipToLineEnd($0.baseAddress!, from: start, end: count) }
                XCTAssertEqual([line.position, line.commas, line.fieldStart], [want.position, want.commas, want.fieldStart],
                               "to line end: \(bytes) from \(start)")
                if line.position != want.position || line.commas != want.commas || line.fieldStart != want.fieldStart { return }
            }
        }
    }

    /// The C field skip's 16-byte path, which machines without AVX2 take
    /// (this one takes the 32-byte path through `skip`): every start and
    /// limit on random rows against the byte loop.
    func testBaselineFieldSkipMatchesAByteLoop() {
        var rng = SplitMix64(seed: 47)
        let alphabet = Array("-0123456789.,,,,\n\r\"ab".utf8) + [0x00, 0x80, 0xFF]
        for trial in 0..<5_000 {
            let count = 1 + Int(rng.next() % (trial % 10 == 0 ? 400 : 70))
            let bytes: [UInt8] = (0..<count).map { _ in
                let r = rng.next() % 100
                return r < 60 ? UInt8(ascii: "0") + UInt8(r % 10) : r < 85 ? UInt8(ascii: ",") : alphabet[Int(rng.next() % UInt64(alphabet.count))]
            }
            let start = Int(rng.next() % UInt64(count))
            let limit = trial % 3 == 0 ? Int.max : 1 + Int(rng.next() % 20)
            var stop = backbone_skip_stop()
            bytes.withUnsafeBufferPointer { backbone_skip_fields_baseline($0.baseAddress!, start, count, limit, &stop) }
            let want = naive(bytes, from: start, limit: limit)
            XCTAssertEqual([stop.position, stop.commas, stop.field_start], [want.position, want.commas, want.fieldStart],
                           "\(bytes) from \(start) limit \(limit)")
            if stop.position != want.position || stop.commas != want.commas { return }
        }
    }

    func testLineEndScanOnLongRowsCountsEveryComma() {
        // Rows far longer than 255 blocks, so the per-lane counts are flushed.
        for fields in [1, 17, 300, 5000] {
            for tail in ["\n", "\r\n", "\"q\",x\n", "a\rb,c\n", ""] {
                let row = Array((String(repeating: "-12.345678901234567,", count: fields) + "-1" + tail).utf8)
                let got = row.withUnsafeBufferPointer { CommaScanner.skipToLineEnd($0.baseAddress!, from: 0, end: row.count) }
                let want = naive(row, from: 0, limit: .max)
                XCTAssertEqual([got.position, got.commas, got.fieldStart], [want.position, want.commas, want.fieldStart], "\(fields) \(tail.debugDescription)")
            }
        }
    }

    func testNeverReadsPastTheEnd() {
        // The bytes after `end` hold commas that must not be counted.
        let bytes = Array("1,2,3,4,5,6,7,8,9,,,,,,,,,,,,".utf8)
        for end in 0...17 {
            let stop = bytes.withUnsafeBufferPointer { CommaScanner.skip($0.baseAddress!, from: 0, end: end, commas: .max) }
            XCTAssertEqual(stop.commas, end / 2)
            XCTAssertEqual(stop.position, end)
        }
        // The same with rows long enough for the 64-byte steps: 12 bytes with
        // 2 commas repeated, then nothing but commas past `end`.
        let long = Array(String(repeating: "-1.25,-2.5,x", count: 30).utf8) + Array(repeating: UInt8(ascii: ","), count: 200)
        for end in stride(from: 0, through: 360, by: 12) {
            let stop = long.withUnsafeBufferPointer { CommaScanner.skipToLineEnd($0.baseAddress!, from: 0, end: end) }
            XCTAssertEqual(stop.commas, end / 6, "end \(end)")
            XCTAssertEqual(stop.position, end)
        }
    }

    /// The AVX2 blocks (64 bytes a step) on rows long enough to use them, with
    /// the stops (quote, CR, LF) at every offset around the block edges and
    /// starts anywhere: the whole line-end scan against the byte loop, and the
    /// C bulk step against its contract.
    func testWideBlocksMatchAByteLoop() {
        var rng = SplitMix64(seed: 29)
        // Quote, CR, LF; and bytes the blocks also stop before (any byte below
        // "#", tested as one range) though the exact scan passes them.
        let stops = Array("\n\r\" !".utf8) + [0x01]
        let blockStop = { (byte: UInt8) in byte < UInt8(ascii: "#") }
        for trial in 0..<2_000 {
            let count = 64 + Int(rng.next() % 900)
            var bytes: [UInt8] = (0..<count).map { _ in rng.next() % 5 == 0 ? UInt8(ascii: ",") : UInt8(ascii: "0") + UInt8(rng.next() % 10) }
            if trial % 4 != 0 { bytes[Int(rng.next() % UInt64(count))] = stops[trial % stops.count] }
            let start = Int(rng.next() % UInt64(min(count, 130)))
            let want = naive(bytes, from: start, limit: .max)
            let got = bytes.withUnsafeBufferPointer { CommaScanner.skipToLineEnd($0.baseAddress!, from: start, end: count) }
            XCTAssertEqual([got.position, got.commas, got.fieldStart], [want.position, want.commas, want.fieldStart], "trial \(trial)")
            var commas = 0
            let bulk = bytes.withUnsafeBufferPointer { backbone_skip_plain_blocks($0.baseAddress!, start, count, &commas) }
            XCTAssertEqual((bulk - start) % 64, 0)
            XCTAssertLessThanOrEqual(bulk, want.position, "the bulk step passed a stop")
            XCTAssertEqual(commas, bytes[start..<bulk].filter { $0 == UInt8(ascii: ",") }.count)
            if backbone_skip_plain_blocks_is_wide() == 1 {
                XCTAssertTrue(bulk + 64 > count || bytes[bulk..<(bulk + 64)].contains(where: blockStop), "stopped early at \(bulk)")
            }
            if got.position != want.position || got.commas != want.commas { return }
            // Skipping to a column far to the right: the whole skip, and the C bulk step's contract.
            let limit = 8 + Int(rng.next() % 60)
            let wantSkip = naive(bytes, from: start, limit: limit)
            let gotSkip = bytes.withUnsafeBufferPointer { CommaScanner.skip($0.baseAddress!, from: start, end: count, commas: limit) }
            XCTAssertEqual([gotSkip.position, gotSkip.commas, gotSkip.fieldStart], [wantSkip.position, wantSkip.commas, wantSkip.fieldStart],
                           "skip \(limit), trial \(trial)")
            var passed = 0
            let blocks = bytes.withUnsafeBufferPointer { backbone_skip_comma_blocks($0.baseAddress!, start, count, limit, &passed) }
            XCTAssertEqual((blocks - start) % 64, 0)
            XCTAssertLessThan(passed, limit)
            XCTAssertLessThanOrEqual(blocks, want.position, "the bulk step passed a stop")
            XCTAssertEqual(passed, bytes[start..<blocks].filter { $0 == UInt8(ascii: ",") }.count)
            if backbone_skip_plain_blocks_is_wide() == 1, blocks + 64 <= count {
                let next = bytes[blocks..<(blocks + 64)]
                XCTAssertTrue(next.contains(where: blockStop) || passed + next.filter { $0 == UInt8(ascii: ",") }.count >= limit,
                              "stopped early at \(blocks)")
            }
            if gotSkip.position != wantSkip.position { return }
        }
    }

    /// On a machine with AVX2 the fast path is the one that runs (so the test
    /// above exercised it); elsewhere the bulk step passes nothing.
    func testBulkStepUsesTheWidePathWhereThereIsOne() {
        let plain = Array(String(repeating: "-1.5,", count: 200).utf8)   // 1,000 bytes, 200 commas
        var commas = -1
        let bulk = plain.withUnsafeBufferPointer { backbone_skip_plain_blocks($0.baseAddress!, 0, plain.count, &commas) }
        if backbone_skip_plain_blocks_is_wide() == 1 {
            XCTAssertEqual(bulk, 960)
            XCTAssertEqual(commas, plain[0..<960].filter { $0 == UInt8(ascii: ",") }.count)
        } else {
            XCTAssertEqual(bulk, 0)
            XCTAssertEqual(commas, 0)
        }
        #if os(Linux) && arch(x86_64)
        let wide = grep("avx2", inFile: "/proc/cpuinfo") && grep("popcnt", inFile: "/proc/cpuinfo")
        XCTAssertEqual(backbone_skip_plain_blocks_is_wide(), wide ? 1 : 0)
        #endif
    }

    /// Where a number field ends, eight bytes a step, against the byte loop:
    /// every start in random rows of digits with commas, CRs, LFs, quotes and
    /// high bytes (a quote does not end a number field: only , CR LF do).
    func testFieldEndMatchesAByteLoop() {
        var rng = SplitMix64(seed: 31)
        let others = Array(",\r\n\"e.-".utf8) + [0x00, 0x2B, 0x80, 0xFF, 0x8A, 0x8D, 0xAC]
        for _ in 0..<1_000 {
            let count = Int(rng.next() % 70)
            let bytes: [UInt8] = (0..<count).map { _ in
                rng.next() % 6 == 0 ? others[Int(rng.next() % UInt64(others.count))] : UInt8(ascii: "0") + UInt8(rng.next() % 10)
            }
            // The end of the field each position is in, from the right.
            var ends = [Int](repeating: count, count: count + 1)
            for k in stride(from: count - 1, through: 0, by: -1) {
                ends[k] = bytes[k] == UInt8(ascii: ",") || bytes[k] == UInt8(ascii: "\n") || bytes[k] == UInt8(ascii: "\r") ? k : ends[k + 1]
            }
            for start in 0...count {
                let want = ends[start]
                let got = bytes.withUnsafeBufferPointer { CommaScanner.fieldEnd($0.baseAddress!, from: start, end: count) }
                XCTAssertEqual(got, want, "\(bytes) from \(start)")
                if got != want { return }
            }
        }
    }

    private func grep(_ word: String, inFile path: String) -> Bool {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return false }
        return text.split(separator: "\n").contains { $0.hasPrefix("flags") && $0.split(separator: " ").contains(Substring(word)) }
    }
}
