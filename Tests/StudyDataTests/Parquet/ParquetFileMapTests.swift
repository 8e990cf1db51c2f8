import Foundation
import TestSupport
import XCTest
@testable import StudyData

/// A Parquet file read through its map (`ParquetFile.open`) gives what the
/// same bytes in memory give, column after column and again after the
/// pages of a read column have been handed back.
final class ParquetFileMapTests: XCTestCase {
    func testAMappedFileReadsLikeItsBytesEvenAfterItsPagesAreDropped() throws {
        for name in ["fallback-zstd-v1.parquet", "plain-none-v2.parquet", "dictionary-snappy-v1.parquet"] {
            let mapped = try ParquetFile.open(url: ParquetFixtures.url(name), displayPath: name)
            let inMemory = try ParquetFixtures.open(name)
            for _ in 0 ..< 2 {
                for column in inMemory.columns {
                    let a = try mapped.read(column: column.name), b = try inMemory.read(column: column.name)
                    XCTAssertEqual(a.rowCount, b.rowCount, "\(name) \(column.name)")
                    XCTAssertEqual(String(describing: a.values), String(describing: b.values), "\(name) \(column.name)")
                    XCTAssertEqual((0 ..< a.rowCount).map(a.isMissing), (0 ..< b.rowCount).map(b.isMissing), "\(name) \(column.name)")
                }
            }
        }
    }

    /// Dropping pages of a large mapped file leaves its bytes readable.
    func testDroppedPagesAreReadAgainFromTheFile() throws {
        let url = try Scratch.folder("parquet-map").appendingPathComponent("pages.bin")
        let bytes = (0 ..< 1 << 20).map { UInt8(truncatingIfNeeded: $0 &* 2654435761 >> 7) }
        try Data(bytes).write(to: url)
        let map = try ParquetFileMap(url: url, displayPath: "pages.bin")
        XCTAssertEqual(Array(map.bytes), bytes)
        map.dropPages(in: 1000 ..< 900_000)
        XCTAssertEqual(Array(map.bytes), bytes)
    }

    func testAFolderIsNotAParquetFile() throws {
        let folder = try Scratch.folder("parquet-folder")
        XCTAssertThrowsError(try ParquetFile.open(url: folder, displayPath: "tables/x.parquet")) { error in
            XCTAssertEqual((error as? DataError)?.message, "cannot read the file (Is a directory)")
        }
    }
}
