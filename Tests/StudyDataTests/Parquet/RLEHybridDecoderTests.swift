import Foundation
import XCTest
@testable import StudyData

/// Definition levels: a page without missing values (one run of ones) gives
/// no array; anything else gives every level, as the general decoder does,
/// and the cursor ends where the general decoder's would.
final class RLEHybridDecoderTests: XCTestCase {
    /// (levels or nil, bytes consumed) by `definitionLevels`, and by `decode`.
    private func both(_ bytes: [UInt8], count: Int) throws -> (fast: [UInt32]?, fastEnd: Int, plain: [UInt32], plainEnd: Int) {
        try bytes.withUnsafeBytes { raw in
            var a = ByteCursor(raw), b = ByteCursor(raw)
            let fast = try RLEHybridDecoder.definitionLevels(&a, count: count)
            let plain = try RLEHybridDecoder.decode(&b, bitWidth: 1, count: count, what: "definition levels")
            return (fast, a.position, plain, b.position)
        }
    }

    func testOneRunOfOnesGivesNoArray() throws {
        // Header 10 << 1 (an RLE run of 10), value 1.
        let r = try both([20, 1], count: 10)
        XCTAssertNil(r.fast)
        XCTAssertEqual(r.plain, Array(repeating: 1, count: 10))
        XCTAssertEqual(r.fastEnd, r.plainEnd)
        // A longer run is cut at the page's rows, as `decode` cuts it.
        let longer = try both([40, 1], count: 10)
        XCTAssertNil(longer.fast)
        XCTAssertEqual(longer.fastEnd, longer.plainEnd)
    }

    func testAnythingElseGivesEveryLevel() throws {
        let cases: [([UInt8], Int)] = [
            ([8, 1, 12, 0], 10),     // four ones, then six missing
            ([20, 0], 10),           // all missing
            ([3, 0b1011_0111], 8),   // one bit-packed group
            ([3, 0b1111_1111], 8),   // ones, but bit-packed: counted as `decode` counts them
        ]
        for (bytes, count) in cases {
            let r = try both(bytes, count: count)
            XCTAssertEqual(r.fast, r.plain, "\(bytes)")
            XCTAssertEqual(r.fastEnd, r.plainEnd, "\(bytes)")
        }
    }

    func testBrokenLevelsGiveTheGeneralDecodersError() throws {
        // A run of ones too short for the page, then nothing.
        try [UInt8]([8, 1]).withUnsafeBytes { raw in
            var cursor = ByteCursor(raw)
            XCTAssertThrowsError(try RLEHybridDecoder.definitionLevels(&cursor, count: 10)) { error in
                XCTAssertTrue((error as? ParquetIssue)?.message.contains("definition levels") ?? false, "\(error)")
            }
        }
    }
}
