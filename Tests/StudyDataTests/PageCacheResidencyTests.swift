import Foundation
import TestSupport
@testable import StudyData
import XCTest

/// How much of a file is in memory decides where the log-prob tables are
/// read (`LogprobReader.readAll`): a file just written is; one dropped from
/// the page cache is not; an empty file counts as in memory, a missing one
/// as not.
final class PageCacheResidencyTests: XCTestCase {
    func testWrittenFileIsInMemoryAndADroppedOneIsNot() throws {
        let dir = try Scratch.folder("PageCacheResidencyTests")
        let url = dir.appendingPathComponent("table.csv")
        try Data(repeating: UInt8(ascii: "7"), count: 4 << 20).write(to: url)
        _ = try Data(contentsOf: url)
        XCTAssertEqual(PageCacheResidency.residentFraction(url), 1)
        try XCTSkipUnless(dropFromPageCache(url), "this file system keeps its files in memory")
        XCTAssertLessThan(PageCacheResidency.residentFraction(url), 0.99)
        _ = try Data(contentsOf: url)
        XCTAssertEqual(PageCacheResidency.residentFraction(url), 1, "read again, it is back in memory")
    }

    func testEmptyAndMissingFiles() throws {
        let dir = try Scratch.folder("PageCacheResidencyTests")
        let empty = dir.appendingPathComponent("empty.csv")
        try Data().write(to: empty)
        XCTAssertEqual(PageCacheResidency.residentFraction(empty), 1)
        XCTAssertEqual(PageCacheResidency.residentFraction(dir.appendingPathComponent("missing.csv")), 0)
    }

    /// The samples are spread over the whole file: a file whose second half
    /// is out of memory is seen as half out.
    func testSamplesCoverTheWholeFile() throws {
        let dir = try Scratch.folder("PageCacheResidencyTests")
        let probe = dir.appendingPathComponent("probe.csv")
        try Data(repeating: UInt8(ascii: "2"), count: 1 << 20).write(to: probe)
        try XCTSkipUnless(dropFromPageCache(probe), "this file system keeps its files in memory")
        let url = dir.appendingPathComponent("table.csv")
        let size = 8 << 20
        try Data(repeating: UInt8(ascii: "1"), count: size).write(to: url)
        _ = try Data(contentsOf: url)
        dropFromPageCache(url, from: size / 2)
        XCTAssertEqual(PageCacheResidency.residentFraction(url), 0.5, accuracy: 0.01)
    }
}
