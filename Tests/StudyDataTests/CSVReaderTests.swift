import Foundation
import TestSupport
import XCTest
@testable import StudyData

final class CSVReaderTests: XCTestCase {

    // MARK: Records

    func testPlainRecordsKeepHeaderFieldsAndPhysicalLines() throws {
        let doc = try parseCSV("response,p1,p2\nlove,1.5,-2\nwar,0,3e2\n")
        XCTAssertEqual(doc.path, "t.csv")
        XCTAssertEqual(doc.header, ["response", "p1", "p2"])
        XCTAssertEqual(doc.records, [
            CSVRecord(line: 2, fields: ["love", "1.5", "-2"]),
            CSVRecord(line: 3, fields: ["war", "0", "3e2"]),
        ])
    }

    func testQuotedFieldWithCommas() throws {
        let doc = try parseCSV("a,b\n\"x, y, z\",2\n")
        XCTAssertEqual(doc.records.map(\.fields), [["x, y, z", "2"]])
    }

    func testQuotedFieldWithDoubledQuotes() throws {
        let doc = try parseCSV("a,b\n\"he said \"\"hi\"\"\",\"\"\"\"\n")
        XCTAssertEqual(doc.records.map(\.fields), [["he said \"hi\"", "\""]])
    }

    func testQuotedHeaderAndFieldsAreUnquoted() throws {
        // The Big Two dictionary is written this way (R's write.csv).
        let doc = try parseCSV("\"Category\",\"token_decoded\"\n\"Agency\",\"accuracy\"\n")
        XCTAssertEqual(doc.header, ["Category", "token_decoded"])
        XCTAssertEqual(doc.records.map(\.fields), [["Agency", "accuracy"]])
    }

    func testEmbeddedLFInsideQuotesIsData() throws {
        let doc = try parseCSV("a,b\n\"line1\nline2\",x\nnext,y\n")
        XCTAssertEqual(doc.records, [
            CSVRecord(line: 2, fields: ["line1\nline2", "x"]),
            CSVRecord(line: 4, fields: ["next", "y"]),
        ])
    }

    func testEmbeddedCRLFInsideQuotesIsKeptVerbatim() throws {
        let doc = try parseCSV("a,b\r\n\"line1\r\nline2\",x\r\nnext,y\r\n")
        XCTAssertEqual(doc.records, [
            CSVRecord(line: 2, fields: ["line1\r\nline2", "x"]),
            CSVRecord(line: 4, fields: ["next", "y"]),
        ])
    }

    func testLFRecordEnds() throws {
        let doc = try parseCSV("a,b\n1,2\n3,4\n")
        XCTAssertEqual(doc.records.map(\.fields), [["1", "2"], ["3", "4"]])
        XCTAssertEqual(doc.records.map(\.line), [2, 3])
    }

    func testCRLFRecordEndsLeaveNoCarriageReturnInFields() throws {
        let doc = try parseCSV("a,b\r\n1,2\r\n3,4\r\n")
        XCTAssertEqual(doc.header, ["a", "b"])
        XCTAssertEqual(doc.records.map(\.fields), [["1", "2"], ["3", "4"]])
        XCTAssertEqual(doc.records.map(\.line), [2, 3])
        XCTAssertFalse(doc.records.flatMap(\.fields).contains { $0.contains("\r") })
    }

    func testMixedLFAndCRLFRecordEnds() throws {
        let doc = try parseCSV("a,b\r\n1,2\n3,4\r\n5,6")
        XCTAssertEqual(doc.records.map(\.fields), [["1", "2"], ["3", "4"], ["5", "6"]])
        XCTAssertEqual(doc.records.map(\.line), [2, 3, 4])
    }

    func testBareCRInsideUnquotedFieldIsDataNotARecordEnd() throws {
        // Older Python csv writers leave unquoted "\r" tokens in answers.
        let doc = try parseCSV("response,score\nfoo\rbar,1\n\r,2\nend\r,3\n")
        XCTAssertEqual(doc.records, [
            CSVRecord(line: 2, fields: ["foo\rbar", "1"]),
            CSVRecord(line: 3, fields: ["\r", "2"]),
            CSVRecord(line: 4, fields: ["end\r", "3"]),
        ])
    }

    func testBareCRAtEndOfLastFieldBeforeCRLFIsData() throws {
        // "x\r" then CRLF: the first CR belongs to the field.
        let doc = try parseCSV("a,b\r\n1,x\r\r\n")
        XCTAssertEqual(doc.records.map(\.fields), [["1", "x\r"]])
    }

    func testBOMOnHeaderIsStripped() throws {
        let doc = try parseCSV("\u{FEFF}response,p1\nlove,1\n")
        XCTAssertEqual(doc.header, ["response", "p1"])
        XCTAssertEqual(try doc.columnIndex("response"), 0)
        XCTAssertEqual(doc.records.map(\.fields), [["love", "1"]])
    }

    func testBOMBeforeAQuotedHeaderIsStripped() throws {
        // Excel and R (fileEncoding = "UTF-8-BOM") write a BOM before a quoted header.
        let doc = try parseCSV("\u{FEFF}\"Category\",\"token_decoded\"\n\"Agency\",\"accuracy\"\n")
        XCTAssertEqual(doc.header, ["Category", "token_decoded"])
        XCTAssertEqual(try doc.columnIndex("Category"), 0)
        XCTAssertEqual(doc.records.map(\.fields), [["Agency", "accuracy"]])
    }

    func testFileWithOnlyABOMIsEmpty() {
        let error = assertDataError(try parseCSV(bytes: [0xEF, 0xBB, 0xBF]))
        XCTAssertEqual(error?.message, "expected a header line, found an empty file")
    }

    func testBOMIsOnlyStrippedFromTheHeader() throws {
        let doc = try parseCSV("a,b\n\u{FEFF}x,1\n")
        XCTAssertEqual(doc.records.map(\.fields), [["\u{FEFF}x", "1"]])
    }

    func testBlankLinesAreSkippedAndLinesStayPhysical() throws {
        // line 1 header, 2 blank, 3 record, 4 blank CRLF, 5 blank, 6 record, 7 blank
        let doc = try parseCSV("a,b\n\n1,2\n\r\n\n3,4\n\n")
        XCTAssertEqual(doc.records, [
            CSVRecord(line: 3, fields: ["1", "2"]),
            CSVRecord(line: 6, fields: ["3", "4"]),
        ])
    }

    func testBlankLinesBeforeTheHeaderAreSkipped() throws {
        let doc = try parseCSV("\n\na,b\n1,2\n")
        XCTAssertEqual(doc.header, ["a", "b"])
        XCTAssertEqual(doc.records, [CSVRecord(line: 4, fields: ["1", "2"])])
    }

    func testLastLineWithoutNewline() throws {
        XCTAssertEqual(try parseCSV("a,b\n1,2").records, [CSVRecord(line: 2, fields: ["1", "2"])])
        XCTAssertEqual(try parseCSV("a,b\n1,").records.map(\.fields), [["1", ""]])
        XCTAssertEqual(try parseCSV("a,b\n1,\"x\"").records.map(\.fields), [["1", "x"]])
        XCTAssertEqual(try parseCSV("a,b\n1,\"\"").records.map(\.fields), [["1", ""]])
        XCTAssertEqual(try parseCSV("a,b").header, ["a", "b"])
        XCTAssertEqual(try parseCSV("a,b").records, [])
    }

    func testInvalidUTF8BytesBecomeVisibleDistinctTextWithoutCrashing() throws {
        let bytes: [UInt8] = Array("response,s\n".utf8) + [0x66, 0xFF, 0x6F] + Array(",1\n".utf8)
            + [0xC3] + Array(",2\n".utf8)                 // truncated 2-byte sequence
            + [0xED, 0xA0, 0x80] + Array(",3\n".utf8)     // encoded surrogate (invalid in UTF-8)
            + [0xFE] + Array(",4\n".utf8)                 // a different invalid byte stays a different string
            + [0xC3, 0xA9] + Array(",5\n".utf8)           // valid "é" is untouched
        let doc = try parseCSV(bytes: bytes)
        XCTAssertEqual(doc.records.count, 5)
        XCTAssertEqual(doc.records[0].fields, ["f\\xFFo", "1"])
        XCTAssertEqual(doc.records[1].fields, ["\\xC3", "2"])
        XCTAssertEqual(doc.records[2].fields, ["\\xED\\xA0\\x80", "3"])
        XCTAssertEqual(doc.records[3].fields, ["\\xFE", "4"])
        XCTAssertEqual(doc.records[4].fields, ["é", "5"])
    }

    func testInvalidUTF8StaysVisibleInErrorMessages() throws {
        let bytes: [UInt8] = Array("a,b\n".utf8) + [0xFF] + Array(",1,2\n".utf8)
        let error = assertDataError(try parseCSV(bytes: bytes))
        XCTAssertEqual(error?.line, 2)
        // invalid bytes are shown as \xHH text, so the line is still readable
        XCTAssertEqual(quotedForMessage(ByteText.decode([0xFF] as [UInt8])), "\"\\\\xFF\"")
    }

    func testNULBytesAreKept() throws {
        let bytes: [UInt8] = Array("a,b\nx".utf8) + [0] + Array("y,".utf8) + [0] + Array("\n".utf8)
        let doc = try parseCSV(bytes: bytes)
        XCTAssertEqual(doc.records.map(\.fields), [["x\u{0}y", "\u{0}"]])
        XCTAssertEqual(doc.records[0].fields[0].utf8.count, 3)
    }

    func testMissingValueSpellingsAreKeptAsText() throws {
        let doc = try parseCSV("a,b,c,d,e,f,g\nNA,NaN,null,,\"\",None,\" \"\n")
        XCTAssertEqual(doc.records.map(\.fields), [["NA", "NaN", "null", "", "", "None", " "]])
    }

    func testWhitespaceIsNotTrimmed() throws {
        let doc = try parseCSV("a,b\n  x , y\t\n")
        XCTAssertEqual(doc.records.map(\.fields), [["  x ", " y\t"]])
    }

    // MARK: Errors

    func testEmptyFileIsAnError() {
        let error = assertDataError(try parseCSV(""))
        XCTAssertEqual(error?.path, "t.csv")
        XCTAssertEqual(error?.line, 1)
        XCTAssertEqual(error?.message, "expected a header line, found an empty file")
        XCTAssertNotNil(assertDataError(try parseCSV("\n\r\n\n")))
    }

    func testUnterminatedQuoteNamesLineAndColumnOfTheOpeningQuote() {
        let error = assertDataError(try parseCSV("a,b,c\n1,2,3\n4,\"abc\ndef\nghi,5\n", path: "data/x.csv"))
        XCTAssertEqual(error?.path, "data/x.csv")
        XCTAssertEqual(error?.line, 3)
        XCTAssertEqual(error?.column, 2)
        XCTAssertEqual(error?.description,
                       "data/x.csv:3:2: expected a closing quote for the field that opens here, found the end of the file")
    }

    func testUnterminatedQuoteInTheHeader() {
        let error = assertDataError(try parseCSV("\"a,b\n1,2\n"))
        XCTAssertEqual(error?.line, 1)
        XCTAssertEqual(error?.column, 1)
    }

    func testUnterminatedQuoteAfterAMultiLineFieldReportsItsPhysicalLine() {
        let error = assertDataError(try parseCSV("a,b\n\"x\ny\",1\n2,\"open\n"))
        XCTAssertEqual(error?.line, 4)
        XCTAssertEqual(error?.column, 2)
    }

    func testGarbageAfterClosingQuoteIsAnError() {
        let error = assertDataError(try parseCSV("a,b\n1,2\n\"x\"y,2\n", path: "g.csv"))
        XCTAssertEqual(error?.line, 3)
        XCTAssertEqual(error?.column, 1)
        XCTAssertEqual(error?.description,
                       "g.csv:3:1: expected a comma or the end of the line after a closing quote, found \"y\"")
    }

    func testGarbageAfterClosingQuoteOfAMultiLineFieldNamesTheLineOfTheGarbage() {
        let error = assertDataError(try parseCSV("a,b\n1,\"p\nq\" \n"))
        XCTAssertEqual(error?.line, 3)
        XCTAssertEqual(error?.column, 2)
        XCTAssertEqual(error?.message, "expected a comma or the end of the line after a closing quote, found \" \"")
    }

    func testBareCRAfterClosingQuoteIsShownEscaped() {
        let error = assertDataError(try parseCSV("a,b\n\"x\"\r,2\n"))
        XCTAssertEqual(error?.line, 2)
        XCTAssertEqual(error?.column, 1)
        XCTAssertEqual(error?.message, "expected a comma or the end of the line after a closing quote, found \"\\r\"")
        XCTAssertFalse(error?.description.contains("\r") ?? true)
    }

    func testRecordWithTooManyFields() {
        let error = assertDataError(try parseCSV("a,b,c\n1,2,3\n1,2,3,4\n", path: "m.csv"))
        XCTAssertEqual(error?.line, 3)
        XCTAssertEqual(error?.column, 4)
        XCTAssertEqual(error?.message, "expected 3 fields as in the header, found 4")
        XCTAssertEqual(error?.description, "m.csv:3:4: expected 3 fields as in the header, found 4")
    }

    func testRecordWithTooFewFields() {
        let error = assertDataError(try parseCSV("a,b,c\n1,2,3\n\n1,2\n", path: "m.csv"))
        XCTAssertEqual(error?.line, 4)
        XCTAssertEqual(error?.message, "expected 3 fields as in the header, found 2")
        XCTAssertTrue(error?.description.hasPrefix("m.csv:4:") ?? false, error?.description ?? "")
    }

    func testFieldCountErrorAfterMultiLineQuotedFieldNamesThePhysicalLine() {
        // lines: 1 header, 2-4 one record (quoted field spans three lines), 5 bad record
        let error = assertDataError(try parseCSV("a,b\n\"1\n2\n3\",x\ny,z,w\n"))
        XCTAssertEqual(error?.line, 5)
        XCTAssertEqual(error?.message, "expected 2 fields as in the header, found 3")
    }

    func testRecordLinesAfterMultiLineQuotedFieldsArePhysicalLines() throws {
        let doc = try parseCSV("a,b\r\n\"1\r\n2\n3\",x\r\ny,z\r\n\"p\",\"q\nr\"\ns,t\n")
        XCTAssertEqual(doc.records.map(\.line), [2, 5, 6, 8])
        XCTAssertEqual(doc.records[0].fields, ["1\r\n2\n3", "x"])
        XCTAssertEqual(doc.records[2].fields, ["p", "q\nr"])
    }

    // MARK: Columns and files

    func testColumnIndexAndMissingColumnError() throws {
        let doc = try parseCSV("response,p1,p2\nx,1,2\n", path: "s.csv")
        XCTAssertEqual(try doc.columnIndex("p2"), 2)
        let error = assertDataError(try doc.columnIndex("p3"))
        XCTAssertEqual(error?.path, "s.csv")
        XCTAssertEqual(error?.line, 1)
        XCTAssertNil(error?.column)
        XCTAssertEqual(error?.message, "expected a column named \"p3\"; the header has \"response\", \"p1\", \"p2\"")
    }

    func testMissingColumnErrorShortensALongHeader() throws {
        let header = (1...12).map { "c\($0)" }.joined(separator: ",")
        let doc = try parseCSV(header + "\n")
        let error = assertDataError(try doc.columnIndex("zz"))
        XCTAssertTrue(error?.message.hasSuffix("\"c8\", …") ?? false, error?.message ?? "")
        XCTAssertFalse(error?.message.contains("c9") ?? true)
    }

    func testReadFromFileAndMissingFile() throws {
        let dir = try Scratch.folder("CSVReaderTests")
        let url = dir.appendingPathComponent("r.csv")
        try Data("a,b\r\n1,2\r\n".utf8).write(to: url)
        let doc = try CSVReader.read(url: url, displayPath: "content/r.csv")
        XCTAssertEqual(doc.path, "content/r.csv")
        XCTAssertEqual(doc.records.map(\.fields), [["1", "2"]])

        let error = assertDataError(try CSVReader.read(url: dir.appendingPathComponent("nope.csv"), displayPath: "content/nope.csv"))
        XCTAssertEqual(error?.path, "content/nope.csv")
        XCTAssertNil(error?.line)
        XCTAssertEqual(error?.message, "cannot read the file (No such file or directory)", "the system's reason, not Foundation's text")
    }

    func testRealDicxFileWithCRLF() throws {
        let doc = try CSVReader.read(url: Repo.contentFile(Repo.mfd2Dicx), displayPath: "content/" + Repo.mfd2Dicx)
        XCTAssertEqual(doc.header, ["DicTerm", "Care_Virtue", "Care_Vice", "Fairness_Virtue", "Fairness_Vice",
                                    "Loyalty_Virtue", "Loyalty_Vice", "Authority_Virtue", "Authority_Vice",
                                    "Sanctity_Virtue", "Sanctity_Vice"])
        XCTAssertEqual(doc.records.count, 2040)
        XCTAssertEqual(doc.records[0], CSVRecord(line: 2, fields: ["abhor", "", "", "", "", "", "", "", "", "", "X"]))
        XCTAssertEqual(doc.records.last?.line, 2041)
        XCTAssertFalse(doc.records.contains { $0.fields.contains { $0.contains("\r") } })
    }
}
