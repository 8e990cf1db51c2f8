import Foundation
import XCTest
@testable import StudyData

/// Every encoding × codec × data page version pyarrow writes gives back
/// exactly the values pyarrow was given (expected.json, from the same script).
final class ParquetEncodingMatrixTests: XCTestCase {
    func testEveryFileMatchesItsTwin() throws {
        let files = ParquetFixtures.files
        XCTAssertEqual(files.count, 48, "6 encodings × 4 codecs × 2 page versions")
        for name in files {
            let file = try ParquetFixtures.open(name)
            XCTAssertEqual(file.rowCount, 100, name)
            XCTAssertEqual(file.columns.map(\.name), ["token", "raw", "score", "f32", "i32", "i64", "flag", "fixed", "sparse"], name)
            for (column, values) in ParquetFixtures.columns {
                try assertColumn(file.read(column: column), equals: values, file: name)
            }
        }
    }

    func testPandasIndexAndMetadataAreIgnoredButReadable() throws {
        let file = try ParquetFixtures.open("pandas-index.parquet")
        XCTAssertTrue(file.columns.contains { $0.name == "__index_level_0__" })
        try assertColumn(file.read(column: "score"), equals: ParquetFixtures.columns["score"]!, file: "pandas-index.parquet")
        try assertColumn(file.read(column: "token"), equals: ParquetFixtures.columns["token"]!, file: "pandas-index.parquet")
    }

    func testMissingValuesBecomeNaNAndNil() throws {
        let file = try ParquetFixtures.open("dictionary-snappy-v2.parquet")
        let score = try file.read(column: "score")
        let doubles = try XCTUnwrap(score.doubles)
        let expected = ParquetFixtures.columns["score"]!
        for (row, value) in expected.enumerated() {
            XCTAssertEqual(doubles[row].isNaN, value is NSNull, "row \(row)")
            XCTAssertEqual(score.isMissing(row), value is NSNull, "row \(row)")
        }
        XCTAssertNil(score.strings, "a number column has no strings")
        let tokens = try XCTUnwrap(file.read(column: "token").strings)
        XCTAssertEqual(tokens.filter { $0 == nil }.count, expected.count > 0 ? ParquetFixtures.columns["token"]!.filter { $0 is NSNull }.count : 0)
    }

    func testInvalidUTF8StaysVisibleAndDistinctLikeTheCSVReader() throws {
        let file = try ParquetFixtures.open("plain-none-v1.parquet")
        let raw = try XCTUnwrap(file.read(column: "raw").strings)
        XCTAssertEqual(raw[0], ByteText.decode([0xFF, 0xC3, 0x00]))
        XCTAssertEqual(raw[0], "\\xFF\\xC3\u{0}")
        let tokens = try XCTUnwrap(file.read(column: "token").strings).compactMap { $0 }
        // "é" precomposed and "e" + combining acute are different tokens, byte for byte.
        XCTAssertTrue(tokens.contains { TokenIndex.sameBytes($0, "\u{e9}3") })
        XCTAssertTrue(tokens.contains { TokenIndex.sameBytes($0, "e\u{301}3") })
    }

    func testUnknownColumnIsNamed() throws {
        let file = try ParquetFixtures.open("plain-none-v1.parquet")
        let error = assertDataError(try file.read(column: "nope"))
        XCTAssertEqual(error?.path, "plain-none-v1.parquet")
        XCTAssertTrue(error?.message.contains("expected a column named \"nope\"; the file has \"token\", \"raw\"") ?? false, "\(String(describing: error))")
    }

    private func assertColumn(_ column: ParquetColumn, equals expected: [Any], file: String, line: UInt = #line) throws {
        XCTAssertEqual(column.rowCount, expected.count, "\(file) \(column.name)", line: line)
        guard column.rowCount == expected.count else { return }
        for (row, want) in expected.enumerated() {
            let label = "\(file) \(column.name) row \(row)"
            if want is NSNull { XCTAssertTrue(column.isMissing(row), label, line: line); continue }
            XCTAssertFalse(column.isMissing(row), label, line: line)
            switch column.values {
            case .byteArrays(let arrays):
                XCTAssertEqual(ParquetFixtures.hex(arrays.bytes(row: row) ?? []), want as? String, label, line: line)
            // Numbers are compared as text parsed by Swift (correctly rounded), not by JSONSerialization.
            case .doubles(let v): XCTAssertEqual(v[row], Double(want as? String ?? ""), label, line: line)
            case .floats(let v): XCTAssertEqual(Double(v[row]), Double(want as? String ?? ""), label, line: line)
            case .int32s(let v): XCTAssertEqual(String(v[row]), want as? String, label, line: line)
            case .int64s(let v): XCTAssertEqual(String(v[row]), want as? String, label, line: line)
            case .booleans(let v): XCTAssertEqual(v[row], (want as? NSNumber)?.boolValue, label, line: line)
            }
        }
    }
}
