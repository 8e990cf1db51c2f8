import Foundation
import TestSupport
import XCTest
@testable import StudyData

/// A log-prob table read from Parquet equals the same table read from CSV,
/// for every kind of request the §3 loader makes.
final class LogprobParquetTests: XCTestCase {
    let folder = ParquetFixtures.url("logprobs")

    private func both(_ request: LogprobRequest) throws -> (csv: LogprobTable, parquet: LogprobTable) {
        (try LogprobReader.read(url: folder.appendingPathComponent("org--model.csv"), displayPath: "m.csv", request: request),
         try LogprobReader.read(url: folder.appendingPathComponent("org--model.parquet"), displayPath: "m.parquet", request: request))
    }

    private func assertSame(_ request: LogprobRequest, rows: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let (csv, parquet) = try both(request)
        XCTAssertEqual(parquet.tokenIDs, csv.tokenIDs, file: file, line: line)
        XCTAssertTrue(TokenIndex.sameBytes(parquet.tokens, csv.tokens), "\(parquet.tokens) vs \(csv.tokens)", file: file, line: line)
        XCTAssertEqual(parquet.promptKeys, csv.promptKeys, file: file, line: line)
        XCTAssertEqual(parquet.columns.count, csv.columns.count, file: file, line: line)
        for (a, b) in zip(parquet.columns, csv.columns) {
            XCTAssertEqual(a.count, b.count, file: file, line: line)
            XCTAssertTrue(zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }, file: file, line: line)
            XCTAssertEqual(a.storedValues.rows, b.storedValues.rows, "same dense/sparse layout", file: file, line: line)
        }
        XCTAssertEqual(parquet.rowsInFile, csv.rowsInFile, file: file, line: line)
        XCTAssertEqual(parquet.tokens.count, rows, file: file, line: line)
        XCTAssertEqual(parquet.fingerprint(), csv.fingerprint(), "the same data read gives the same fingerprint", file: file, line: line)
        XCTAssertEqual(parquet.audit.invalidUTF8Rows, csv.audit.invalidUTF8Rows, file: file, line: line)
    }

    func testEveryRequestGivesTheSameTable() throws {
        let prompts = ["best_ever_one", "greatest_ever_one", "worst_ever_one"]
        try assertSame(LogprobRequest(prompts: prompts), rows: 50)
        try assertSame(LogprobRequest(prompts: ["greatest_ever_one"]), rows: 50)
        // Fig. 2 nouns only: byte-equal tokens, so "é" and "e" + U+0301 are different rows.
        try assertSame(LogprobRequest(prompts: prompts, tokens: ["love", "\u{e9}", "K", "absent"]), rows: 3)
        // Fig. 2 nouns plus one prompt for every row (a model serving both analyses): sparse columns.
        try assertSame(LogprobRequest(prompts: prompts, tokens: ["love", "choice"], everyRowPrompts: ["greatest_ever_one"]), rows: 50)
        // Fig. 3 under every prompt: the rows that read as "freedom"/"love" with every prompt, the others with one.
        try assertSame(LogprobRequest(prompts: prompts, tokens: [], everyRowPrompts: ["greatest_ever_one"], tokenWords: .freedomLove), rows: 50)
        try assertSame(LogprobRequest(prompts: prompts, tokens: [], tokenWords: .freedomLove), rows: 2)
        let (_, parquet) = try both(LogprobRequest(prompts: prompts))
        XCTAssertEqual(parquet.audit.invalidUTF8Rows, 2)
        XCTAssertTrue(parquet.tokens.contains("\\xFF\\xFE"))
    }

    func testMissingPromptColumnIsNamed() throws {
        let error = assertDataError(try LogprobReader.read(url: folder.appendingPathComponent("org--model.parquet"), displayPath: "m.parquet",
                                                           request: LogprobRequest(prompts: ["nope"])))
        XCTAssertEqual(error?.description, "m.parquet: expected a column named \"nope\" (a log-prob table has token_id, token_name, token_decoded and one column per prompt)")
    }

    func testCSVAndParquetOfOneTableIsAnError() throws {
        let dir = try Scratch.folder("LogprobParquetTests")
        for name in ["org--model.csv", "org--model.parquet"] {
            try FileManager.default.copyItem(at: folder.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        let error = assertDataError(try LogprobLoader.parquetOrCSV("org--model.csv", in: dir, display: "lp"))
        XCTAssertEqual(error?.description, "lp/org--model.parquet: expected one form of the table, found both org--model.csv and org--model.parquet in lp; keep one so it is clear which was read")
        try FileManager.default.removeItem(at: dir.appendingPathComponent("org--model.csv"))
        XCTAssertEqual(try LogprobLoader.parquetOrCSV("org--model.csv", in: dir, display: "lp")?.lastPathComponent, "org--model.parquet")
        try FileManager.default.removeItem(at: dir.appendingPathComponent("org--model.parquet"))
        XCTAssertNil(try LogprobLoader.parquetOrCSV("org--model.csv", in: dir, display: "lp"))
    }
}
