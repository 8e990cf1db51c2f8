import Foundation
import XCTest
@testable import StudyData

/// Only the requested columns are decompressed and decoded, and the
/// fixtures really exercise what they are named after.
final class ParquetColumnSelectionTests: XCTestCase {
    /// The encodings of every page of one column chunk, in file order.
    private func pageKinds(_ name: String, column: Int, rowGroup: Int = 0) throws -> [ParquetPageHeader.Kind] {
        let data = try ParquetFixtures.data(name)
        let file = try ParquetFile(data: data, path: name)
        let chunk = file.metadata.rowGroups[rowGroup].columns[column]
        var offset = Int(min(chunk.dictionaryPageOffset ?? chunk.dataPageOffset, chunk.dataPageOffset))
        let end = offset + Int(chunk.totalCompressedSize)
        var kinds: [ParquetPageHeader.Kind] = []
        while offset < end {
            let (header, headerEnd) = try ParquetFixtures.pageHeader(in: data, at: offset)
            kinds.append(header.kind)
            offset = headerEnd + Int(header.compressedSize)
        }
        return kinds
    }

    private func encodings(_ kinds: [ParquetPageHeader.Kind]) -> [Int32] {
        kinds.compactMap {
            switch $0 {
            case let .dataV1(_, encoding, _): encoding
            case let .dataV2(_, _, _, encoding, _, _, _): encoding
            default: nil
            }
        }
    }

    func testFallbackFileSwitchesFromDictionaryToPlainMidColumn() throws {
        for name in ["fallback-none-v1.parquet", "fallback-zstd-v2.parquet"] {
            let kinds = try pageKinds(name, column: 0)
            guard case .dictionary = kinds.first else { return XCTFail("\(name): no dictionary page first") }
            let used = encodings(kinds)
            XCTAssertEqual(used.first, ParquetEncoding.rleDictionary.rawValue, name)
            XCTAssertTrue(used.contains(ParquetEncoding.plain.rawValue), "\(name): \(used)")
            XCTAssertGreaterThan(used.count, 1, name)
        }
        XCTAssertEqual(Set(encodings(try pageKinds("plaindictionary-none-v1.parquet", column: 0))), [ParquetEncoding.plainDictionary.rawValue])
        XCTAssertEqual(Set(encodings(try pageKinds("delta-none-v2.parquet", column: 0))), [ParquetEncoding.deltaByteArray.rawValue])
        XCTAssertEqual(Set(encodings(try pageKinds("delta-none-v2.parquet", column: 1))), [ParquetEncoding.deltaLengthByteArray.rawValue])
        XCTAssertEqual(Set(encodings(try pageKinds("bytestreamsplit-none-v1.parquet", column: 2))), [ParquetEncoding.byteStreamSplit.rawValue])
        XCTAssertGreaterThan(encodings(try pageKinds("plain-none-v1.parquet", column: 0)).count, 1, "several pages per row group")
    }

    func testOnlyRequestedColumnsAreDecoded() throws {
        var data = try ParquetFixtures.data("plain-zstd-v1.parquet")
        let file = try ParquetFile(data: data, path: "x")
        // Wreck every page of "raw" (column 2) in every row group.
        for group in file.metadata.rowGroups {
            let chunk = group.columns[1]
            let (_, headerEnd) = try ParquetFixtures.pageHeader(in: data, at: Int(chunk.dataPageOffset))
            for k in headerEnd ..< headerEnd + 8 { data[k] = 0xFF }
        }
        let wrecked = try ParquetFile(data: data, path: "x.parquet")
        let score = try wrecked.read(column: "score")
        XCTAssertEqual(score.rowCount, 100)
        let error = assertDataError(try wrecked.read(column: "raw"))
        XCTAssertTrue(error?.message.hasPrefix("column \"raw\", row group 1, page 1: expected valid ZSTD data") ?? false, "\(String(describing: error))")
    }
}
