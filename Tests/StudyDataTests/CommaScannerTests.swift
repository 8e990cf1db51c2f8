import Foundation
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
    }
}
