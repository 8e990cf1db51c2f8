import Foundation
import XCTest
@testable import StudyData

/// Broken Parquet gives `file: expected …` naming the column, row group and
/// page where it applies — never a crash or a wrong value.
final class ParquetBadFileTests: XCTestCase {
    private func error(_ data: Data, column: String? = nil, path: String = "bad.parquet") -> DataError? {
        assertDataError(try { () throws -> Int in
            let file = try ParquetFile(data: data, path: path)
            if let column { return try file.read(column: column).rowCount }
            return file.rowCount
        }())
    }

    private func assertMessage(_ error: DataError?, contains text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(error?.path, "bad.parquet", file: file, line: line)
        XCTAssertTrue(error?.message.contains(text) ?? false, "\(String(describing: error)) lacks \(text)", file: file, line: line)
    }

    func testTruncatedFile() throws {
        let data = try ParquetFixtures.data("plain-snappy-v1.parquet")
        assertMessage(error(data.prefix(data.count - 1)), contains: "magic bytes PAR1")
        assertMessage(error(data.prefix(10)), contains: "at least 12 bytes")
        assertMessage(error(Data()), contains: "found 0 bytes")
    }

    func testWrongMagic() throws {
        var data = try ParquetFixtures.data("plain-snappy-v1.parquet")
        data.replaceSubrange(0 ..< 4, with: Array("PAR2".utf8))
        assertMessage(error(data), contains: "starting and ending with the magic bytes PAR1, found \"PAR2\"")
    }

    func testFooterLengthPastTheStart() throws {
        var data = try ParquetFixtures.data("plain-snappy-v1.parquet")
        let size = UInt32(data.count)
        withUnsafeBytes(of: size.littleEndian) { data.replaceSubrange(data.count - 8 ..< data.count - 4, with: $0) }
        assertMessage(error(data), contains: "found a footer length of \(size) (past the start of the file)")
    }

    func testCorruptThriftInTheFooter() throws {
        var data = try ParquetFixtures.data("plain-snappy-v1.parquet")
        let length = data.withUnsafeBytes { Int(UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: data.count - 8, as: UInt32.self))) }
        data[data.count - 8 - length] = 0x1F   // field delta 1, wire type 15: no such type
        assertMessage(error(data), contains: "footer: expected a Thrift field type in the file metadata, found 15")
        // A footer cut short: what is left starts inside a struct and runs out of bytes.
        var cutFooter = try ParquetFixtures.data("plain-snappy-v1.parquet")
        let half = UInt32(length / 2)
        cutFooter.removeSubrange(cutFooter.count - 8 - length / 2 ..< cutFooter.count - 8)
        withUnsafeBytes(of: half.littleEndian) { cutFooter.replaceSubrange(cutFooter.count - 8 ..< cutFooter.count - 4, with: $0) }
        assertMessage(error(cutFooter), contains: "footer: expected")
    }

    /// The first page header of a column in a fixture, and where its size fields are.
    private func firstPage(_ name: String, column: Int) throws -> (data: Data, header: ParquetPageHeader, uncompressedAt: Int, compressedAt: Int, payload: Int) {
        let data = try ParquetFixtures.data(name)
        let file = try ParquetFile(data: data, path: name)
        let chunk = file.metadata.rowGroups[0].columns[column]
        let offset = Int(chunk.dictionaryPageOffset ?? chunk.dataPageOffset)
        let (header, end) = try ParquetFixtures.pageHeader(in: data, at: offset)
        // pyarrow writes fields 1, 2, 3 first, each as a one-byte header 0x15 and a varint.
        var p = offset
        func field() -> Int {
            XCTAssertEqual(data[p], 0x15); p += 1
            let start = p
            while data[p] & 0x80 != 0 { p += 1 }
            p += 1
            return start
        }
        _ = field()
        let uncompressedAt = field(), compressedAt = field()
        return (data, header, uncompressedAt, compressedAt, end)
    }

    /// Rewrites a zigzag varint in place, keeping its length (padding with continuation bytes).
    private func rewriteVarint(_ data: inout Data, at position: Int, to value: Int64) {
        var length = 1
        while data[position + length - 1] & 0x80 != 0 { length += 1 }
        var u = UInt64(bitPattern: (value << 1) ^ (value >> 63))
        for k in 0 ..< length {
            var b = UInt8(u & 0x7F)
            u >>= 7
            if k < length - 1 { b |= 0x80 }
            data[position + k] = b
        }
        XCTAssertEqual(u, 0, "the new value must fit in the old varint's \(length) bytes")
    }

    func testPageHeaderThatLiesAboutItsSize() throws {
        // "score" is column 3 (index 2): the lie is reported there, with row group and page.
        var (data, header, uncompressedAt, compressedAt, _) = try firstPage("plain-none-v1.parquet", column: 2)
        rewriteVarint(&data, at: compressedAt, to: Int64(header.compressedSize) - 40)
        assertMessage(error(data, column: "score"), contains: "column \"score\", row group 1, page 1: expected an uncompressed page of \(header.uncompressedSize) bytes as its header says, found \(header.compressedSize - 40)")
        XCTAssertEqual(try ParquetFile(data: data, path: "x").read(column: "token").rowCount, 100, "other columns still read")

        var (past, pastHeader, _, pastCompressedAt, _) = try firstPage("plain-none-v1.parquet", column: 2)
        rewriteVarint(&past, at: pastCompressedAt, to: Int64(pastHeader.compressedSize) + 4000)
        assertMessage(error(past, column: "score"), contains: "page 1: expected the page's data as its header says of \(pastHeader.compressedSize + 4000) bytes")

        var (snappy, snappyHeader, snappyUncompressedAt, _, _) = try firstPage("plain-snappy-v1.parquet", column: 2)
        rewriteVarint(&snappy, at: snappyUncompressedAt, to: Int64(snappyHeader.uncompressedSize) - 8)
        assertMessage(error(snappy, column: "score"), contains: "page 1: expected \(snappyHeader.uncompressedSize - 8) bytes after SNAPPY decompression as the page header says, found \(snappyHeader.uncompressedSize)")
        _ = uncompressedAt
    }

    func testDecompressionErrors() throws {
        // Strings (column 1) compress, so even pyarrow's v2 pages keep them compressed.
        for name in ["plain-snappy-v2.parquet"] {
            let (_, header, _, _, _) = try firstPage(name, column: 0)
            if case let .dataV2(_, _, _, _, _, _, isCompressed) = header.kind { XCTAssertTrue(isCompressed) } else { XCTFail("\(name) is v2") }
        }
        for (name, codec) in [("plain-zstd-v1.parquet", "ZSTD"), ("plain-gzip-v1.parquet", "GZIP"), ("plain-snappy-v2.parquet", "SNAPPY")] {
            var (data, header, _, _, payload) = try firstPage(name, column: 0)
            // The start of the compressed values (after v2's uncompressed levels):
            // the codec's header or length preamble becomes nonsense.
            var at = payload
            if case let .dataV2(_, _, _, _, definitionLength, _, _) = header.kind { at = payload + Int(definitionLength) }
            for k in at ..< at + 6 { data[k] = 0xFF }
            let e = error(data, column: "token")
            XCTAssertTrue(e?.message.hasPrefix("column \"token\", row group 1, page 1: expected") ?? false, "\(name): \(String(describing: e))")
            XCTAssertTrue(e?.message.contains(codec) ?? false, "\(name): \(String(describing: e))")
        }
    }

    func testNestedAndRepeatedColumnsAreRefused() throws {
        assertMessage(error(try ParquetFixtures.data("nested.parquet")), contains: "expected a flat table, found column \"point\" nested (a group of 2 fields)")
        assertMessage(error(try ParquetFixtures.data("list.parquet")), contains: "expected a flat table, found column \"tags\" nested")
    }

    func testUnsupportedCodecsAreNamed() throws {
        assertMessage(error(try ParquetFixtures.data("codec-brotli.parquet"), column: "score"), contains: "column \"score\", row group 1: codec BROTLI is not supported")
        assertMessage(error(try ParquetFixtures.data("codec-lz4.parquet"), column: "token"), contains: "codec LZ4")
    }
}
