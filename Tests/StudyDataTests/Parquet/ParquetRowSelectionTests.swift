import Foundation
import XCTest
@testable import StudyData

/// Reading only some rows of a column (`ParquetFile.read(column:rows:)`,
/// what §3 does for a log-prob table's prompt columns) gives exactly the
/// values, the missing rows and the errors of reading every row and then
/// picking: over every encoding × codec × page version pyarrow writes, and
/// over damaged files.
final class ParquetRowSelectionTests: XCTestCase {
    /// Selections that start, end and cross pages and row groups.
    private func selections(rows: Int) -> [[Int]] {
        var generator = SplitMix64(seed: 3)
        let random = (0 ..< rows).filter { _ in generator.next() % 4 == 0 }
        return [[], [0], [rows - 1], Array(0 ..< rows), Array(stride(from: 0, to: rows, by: 3)),
                Array(stride(from: 1, to: rows, by: 7)), random, Array(rows / 2 ..< rows)]
    }

    func testPickedRowsAreThoseOfTheWholeColumn() throws {
        for name in ParquetFixtures.files {
            let file = try ParquetFixtures.open(name)
            for column in file.columns {
                let whole = try file.read(column: column.name)
                for rows in selections(rows: file.rowCount) {
                    let picked = try file.read(column: column.name, rows: rows)
                    assertSame(picked, whole, rows: rows, "\(name) \(column.name) \(rows.count) rows")
                }
            }
        }
    }

    /// The fixtures hold what makes picking hard: missing values, several
    /// pages, a dictionary that gives way to PLAIN pages mid-column.
    func testTheFixturesHaveMissingValuesAndSeveralPagesPerColumn() throws {
        let file = try ParquetFixtures.open("fallback-zstd-v1.parquet")
        let sparse = try file.read(column: "sparse")
        XCTAssertTrue((0 ..< file.rowCount).contains { sparse.isMissing($0) })
        XCTAssertTrue((0 ..< file.rowCount).contains { !sparse.isMissing($0) })
        XCTAssertGreaterThan(file.metadata.rowGroups.count, 1, "several row groups")
    }

    func testDamagedFilesGiveTheSameErrorWhicheverRowsArePicked() throws {
        for name in ["fuzz-dictionary-snappy-v1.parquet", "fuzz-delta-zstd-v2.parquet", "fallback-none-v1.parquet"] {
            let data = try ParquetFixtures.data(name)
            var errors = 0
            for i in stride(from: 0, to: data.count, by: 7) {
                var copy = data
                copy[i] ^= 0xFF
                guard let file = try? ParquetFile(data: copy, path: name) else { continue }
                for column in file.columns where column.physicalType != .byteArray && column.physicalType != .fixedLenByteArray {
                    let whole = Result { try file.read(column: column.name) }
                    for rows in [[0], Array(stride(from: 0, to: file.rowCount, by: 5)), []] {
                        let picked = Result { try file.read(column: column.name, rows: rows) }
                        let label = "\(name) byte \(i) flipped, \(column.name), \(rows.count) rows"
                        switch (whole, picked) {
                        case let (.success(w), .success(p)): assertSame(p, w, rows: rows, label)
                        case let (.failure(w), .failure(p)):
                            errors += 1
                            XCTAssertEqual((p as? DataError)?.message, (w as? DataError)?.message, label)
                        case let (.success, .failure(p)): XCTFail("\(label): only the picked read fails: \(p)")
                        case let (.failure(w), .success): XCTFail("\(label): only the whole read fails: \(w)")
                        }
                    }
                }
            }
            XCTAssertGreaterThan(errors, 0, "\(name): some flips must break a page")
        }
    }

    /// Rows `rows` of `whole` against `picked`: the same missing rows and,
    /// bit for bit, the same values.
    private func assertSame(_ picked: ParquetColumn, _ whole: ParquetColumn, rows: [Int], _ label: String,
                            line: UInt = #line) {
        XCTAssertEqual(picked.rowCount, rows.count, label, line: line)
        XCTAssertEqual(picked.physicalType, whole.physicalType, label, line: line)
        guard picked.rowCount == rows.count else { return }
        for (k, row) in rows.enumerated() {
            XCTAssertEqual(picked.isMissing(k), whole.isMissing(row), "\(label): row \(row)", line: line)
            if whole.isMissing(row) { continue }
            switch (picked.values, whole.values) {
            case let (.doubles(p), .doubles(w)): XCTAssertEqual(p[k].bitPattern, w[row].bitPattern, "\(label): row \(row)", line: line)
            case let (.floats(p), .floats(w)): XCTAssertEqual(p[k].bitPattern, w[row].bitPattern, "\(label): row \(row)", line: line)
            case let (.int32s(p), .int32s(w)): XCTAssertEqual(p[k], w[row], "\(label): row \(row)", line: line)
            case let (.int64s(p), .int64s(w)): XCTAssertEqual(p[k], w[row], "\(label): row \(row)", line: line)
            case let (.booleans(p), .booleans(w)): XCTAssertEqual(p[k], w[row], "\(label): row \(row)", line: line)
            case let (.byteArrays(p), .byteArrays(w)):
                XCTAssertEqual(p.bytes(row: k).map(Array.init), w.bytes(row: row).map(Array.init), "\(label): row \(row)", line: line)
            default: XCTFail("\(label): different kinds of values", line: line)
            }
        }
    }
}
