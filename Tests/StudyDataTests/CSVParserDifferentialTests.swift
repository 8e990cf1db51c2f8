import Foundation
import XCTest
@testable import StudyData

/// The byte-range parser (`CSVParser`, behind `CSVReader`) against the
/// reader it replaced (`ReferenceCSVReader`): on the study's files and on
/// many generated hostile ones (quotes, doubled quotes, CR, LF, CRLF, a BOM,
/// blank lines, invalid UTF-8, ragged rows), the same header, records and
/// physical lines, or the same error (file, line, column and message).
final class CSVParserDifferentialTests: XCTestCase {

    /// Both readers on `bytes`: equal documents, or equal `DataError`s.
    private func assertSameOutcome(_ bytes: [UInt8], _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        let data = Data(bytes)
        let new = Result { try CSVReader.parse(data, path: "d.csv") }
        let old = Result { try ReferenceCSVReader.parse(data, path: "d.csv") }
        switch (new, old) {
        case let (.success(a), .success(b)):
            XCTAssertEqual(a.header, b.header, label, file: file, line: line)
            XCTAssertEqual(a.records, b.records, label, file: file, line: line)
        case let (.failure(a), .failure(b)):
            XCTAssertEqual(a as? DataError, b as? DataError, label, file: file, line: line)
        default:
            XCTFail("one reader failed, the other did not: new \(new), old \(old) on \(label)", file: file, line: line)
        }
    }

    func testTheStudyFilesParseAsBefore() throws {
        let files = try FileManager.default.subpathsOfDirectory(atPath: Repo.content.path)
            .filter { $0.hasSuffix(".csv") || $0.hasSuffix(".dicx") }
        XCTAssertGreaterThan(files.count, 25)
        for relative in files {
            let bytes = try [UInt8](Data(contentsOf: Repo.content.appendingPathComponent(relative)))
            assertSameOutcome(bytes, relative)
        }
    }

    /// Pieces the generated files are made of: every byte the rules treat
    /// specially, alone and in the combinations that matter.
    private static let pieces: [[UInt8]] = [
        Array("a".utf8), Array("12".utf8), Array("-1.5e3".utf8), Array(",".utf8), Array("\"".utf8), Array("\"\"".utf8),
        Array("\n".utf8), Array("\r".utf8), Array("\r\n".utf8), Array(" ".utf8), Array("x\"y".utf8), [0xFF], [0xC3],
        [0xC3, 0xA9], [0], Array("\"q,\nr\"".utf8), Array("inf".utf8),
    ]

    func testGeneratedHostileFilesParseAsBefore() {
        var rng = SplitMix64(seed: 20_261_130)
        for k in 0..<6_000 {
            var bytes: [UInt8] = rng.next() % 8 == 0 ? [0xEF, 0xBB, 0xBF] : []
            for _ in 0..<Int(rng.next() % 40) {
                bytes += Self.pieces[Int(rng.next() % UInt64(Self.pieces.count))]
            }
            assertSameOutcome(bytes, "case \(k): \(bytes)")
        }
    }

    /// Well-formed files with quoting, so that the cases that succeed are
    /// many too (random bytes mostly end in an error).
    func testGeneratedRectangularFilesParseAsBefore() {
        var rng = SplitMix64(seed: 7)
        let values = ["a", "", "\"\"", "\"x,y\"", "\"he said \"\"hi\"\"\"", "\"l1\nl2\"", "\"l1\r\nl2\"", "1e-3", "b\rc", "\"\"\"\""]
        for k in 0..<2_000 {
            let width = 1 + Int(rng.next() % 4)
            let rows = Int(rng.next() % 6)
            var text = ""
            for r in 0...rows {
                // Ragged rows now and then: the first narrow or wide one is the error.
                let count = rng.next() % 10 == 0 ? width + Int(rng.next() % 3) - 1 : width
                let fields = (0..<max(count, 1)).map { c in r == 0 ? "h\(c)" : values[Int(rng.next() % UInt64(values.count))] }
                text += fields.joined(separator: ",") + (rng.next() % 3 == 0 ? "\r\n" : "\n")
                if rng.next() % 7 == 0 { text += "\n" }   // a blank line
            }
            if rng.next() % 2 == 0 { text.removeLast() }
            assertSameOutcome(Array(text.utf8), "case \(k): \(text.debugDescription)")
        }
    }

    /// The unquoted-field scan tests eight bytes at a time: every byte
    /// below "-" and a few above, at every position of fields up to 24
    /// bytes long, then a comma, LF, CRLF, bare CR or the end of the file.
    func testEveryBytePositionInLongUnquotedFieldsParsesAsBefore() {
        let specials: [UInt8] = Array(0..<0x2D) + [0x2D, 0x2E, 0x7F, 0x80, 0xC3, 0xFF]
        let ends: [[UInt8]] = [[0x2C], [0x0A], [0x0D, 0x0A], [0x0D], []]
        for length in 1...24 {
            for position in 0..<length {
                for special in specials {
                    var field = [UInt8](repeating: UInt8(ascii: "7"), count: length)
                    field[position] = special
                    for end in ends {
                        assertSameOutcome(Array("a,b\n".utf8) + field + Array(",x".utf8) + end + Array("9,".utf8) + field, "\(field) \(end)")
                    }
                }
            }
        }
    }

    func testNumbersReadFromBytesEqualTheGrammarOnTheDecodedText() throws {
        let fields = ["1", "-2.5", "+0.25", "3e2", ".5", "0", "-0", "1e400", "inf", "-Infinity", "NaN", "nan", "", " 1", "1 ",
                      "0x1p3", "1_000", "1.2.3", "--1", "12345678901234567890123", "4.9e-324", "\"\"\"\"", "2.2250738585072014e-308"]
        let text = "v\n" + fields.map { $0.contains("\"") || $0.isEmpty ? ($0.isEmpty ? "\"\"" : $0) : $0 }.joined(separator: "\n") + "\n"
        var bytes = Array(text.utf8)
        bytes += [0x31, 0xFF, 0x0A, 0x31, 0x00, 0x0A]   // "1\xFF" and "1\0": not numbers
        let table = try CSVReader.parseTable(Data(bytes), path: "n.csv")
        XCTAssertEqual(table.recordCount, fields.count + 1)   // the empty field is a blank line
        for r in 0..<table.recordCount {
            let text = table.text(r, 0)
            XCTAssertEqual(table.number(r, 0).map(\.bitPattern), NumberGrammar.parse(text).map(\.bitPattern), text)
        }
    }

    func testTableFieldsAreTheDocumentsFields() throws {
        let text = "\u{FEFF}\"a\",b\r\n\"x \"\"q\"\"\",\"p\nq\"\n\n, \r\n"
        let table = try CSVReader.parseTable(Data(text.utf8), path: "t.csv")
        let doc = try CSVReader.parse(Data(text.utf8), path: "t.csv")
        XCTAssertEqual(table.header, ["a", "b"])
        XCTAssertEqual(table.recordCount, 2)
        XCTAssertEqual((0..<2).map(table.line), [2, 5])
        XCTAssertEqual((0..<2).map { r in [table.text(r, 0), table.text(r, 1)] }, [["x \"q\"", "p\nq"], ["", " "]])
        XCTAssertEqual(table.document().records, doc.records)
    }
}

