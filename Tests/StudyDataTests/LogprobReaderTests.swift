import Foundation
import TestSupport
@testable import StudyData
import XCTest

/// The fast log-prob reader's text rules on small hostile tables (errors,
/// numbers and parallel reads have their own test files).
final class LogprobReaderTests: XCTestCase {
    func write(_ bytes: [UInt8], name: String = "t.csv") throws -> URL {
        let dir = try Scratch.folder("logprob-reader")
        let url = dir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    let header = "token_id,token_name,token_decoded,best_ever_one,greatest_ever_one,worst_ever_one\n"

    func read(_ body: [UInt8], prompts: [String] = ["greatest_ever_one", "best_ever_one"], tokens: Set<String>? = nil) throws -> LogprobTable {
        try LogprobReader.read(url: write(Array(header.utf8) + body), displayPath: "content/x.csv", request: LogprobRequest(prompts: prompts, tokens: tokens))
    }

    func testTokensAreTextAndColumnsComeInRequestOrder() throws {
        let body = Array(("0,a,NaN,-1.5,-2.5,-3.5\n1,b,null,-1,-2,-3\n2,c,,-0.5,-0.25,-0.125\n3,d,None,-1e-3,-2e-3,-3e-3\n"
            + "4,e,\"a,b \"\"q\"\"\",-7,-8,-9\n5,f,\"line\nbreak\",-10,-11,-12\n").utf8)
        let t = try read(body)
        XCTAssertEqual(t.tokens, ["NaN", "null", "", "None", "a,b \"q\"", "line\nbreak"])
        XCTAssertEqual(t.tokenIDs, [0, 1, 2, 3, 4, 5])
        XCTAssertEqual(t.promptKeys, ["greatest_ever_one", "best_ever_one"])
        XCTAssertEqual(t.columns[0], [-2.5, -2, -0.25, -2e-3, -8, -11])
        XCTAssertEqual(t.columns[1], [-1.5, -1, -0.5, -1e-3, -7, -10])
        XCTAssertEqual(t.audit.rows, 6)
        XCTAssertEqual(t.audit.missingLikeTokens, 4)
        XCTAssertEqual(t.audit.controlCharRows, 1, "the embedded LF")
    }

    func testBareCRIsDataAndCRLFEndsRecords() throws {
        let body: [UInt8] = Array("0,a,x".utf8) + [13] + Array("y,-1,-2,-3\r\n1,b,z,-4,-5,-6\r\n".utf8)
        let t = try read(body)
        XCTAssertEqual(t.tokens, ["x\ry", "z"])
        XCTAssertEqual(t.columns[0], [-2, -5])
        XCTAssertEqual(t.audit.bareCRRows, 1)
        // Long tokens (the end is searched eight bytes at a time), a bare CR
        // just before the comma, two in a row, and one just before CRLF.
        let long: [UInt8] = Array("0,a,abcdefghijk\rlmnopqrstu\r,-1,-2,-3\r\n1,b,q\r\r,-4,-5,-6\n2,c,0123456789abcdef,-7,-8,-9\n3,d,x".utf8)
            + [13] + Array(",-1,-2,-3\r\n".utf8)
        let u = try read(long)
        XCTAssertEqual(u.tokens, ["abcdefghijk\rlmnopqrstu\r", "q\r\r", "0123456789abcdef", "x\r"])
        XCTAssertEqual(u.columns[0], [-2, -5, -8, -2])
        XCTAssertEqual(u.audit.bareCRRows, 3)
    }

    func testNULAndInvalidUTF8AreKeptVisiblyAndCounted() throws {
        let body: [UInt8] = Array("0,a,".utf8) + [0x61, 0, 0x62] + Array(",-1,-2,-3\n1,b,".utf8) + [0xFF, 0x41] + Array(",-4,-5,-6\n2,c,".utf8) + [0xFE, 0x41] + Array(",-7,-8,-9\n".utf8)
        let t = try read(body)
        XCTAssertEqual(t.tokens, ["a\u{0}b", "\\xFFA", "\\xFEA"])
        XCTAssertEqual(t.audit.invalidUTF8Rows, 2)
        XCTAssertEqual(t.audit.controlCharRows, 1)
    }

    func testTokenFilterKeepsOnlyWantedRowsButAuditsAll() throws {
        let t = try read(Array("0,a,love,-1,-2,-3\n1,b,NaN,-4,-5,-6\n2,c,freedom,-7,-8,-9\n".utf8), tokens: ["freedom", "love"])
        XCTAssertEqual(t.tokens, ["love", "freedom"])
        XCTAssertEqual(t.columns[0], [-2, -8])
        XCTAssertEqual(t.rowsInFile, 3)
        XCTAssertEqual(t.audit.missingLikeTokens, 1)
    }

    func testEveryRowPromptsKeepOtherRowsWithOnlyThoseColumns() throws {
        let url = try write(Array((header + "0,a,love,-1,-2,-3\n1,b,tok,-4,-5,-6\n2,c,freedom,-7,-8,-9\n").utf8), name: "every.csv")
        let t = try LogprobReader.read(url: url, displayPath: "x", request: LogprobRequest(
            prompts: ["best_ever_one", "greatest_ever_one", "worst_ever_one"], tokens: ["love", "freedom"], everyRowPrompts: ["greatest_ever_one"]))
        XCTAssertEqual(t.tokens, ["love", "tok", "freedom"])
        XCTAssertEqual(t.columns[1], [-2, -5, -8])
        XCTAssertEqual(t.columns[0][0], -1); XCTAssertTrue(t.columns[0][1].isNaN); XCTAssertEqual(t.columns[0][2], -7)
        XCTAssertTrue(t.columns[2][1].isNaN); XCTAssertEqual(t.columns[2][2], -9)
    }

    func testMinusInfinityIsALogProbNaNIsNot() throws {
        XCTAssertEqual(try read(Array("0,a,x,-inf,-inf,-3\n".utf8)).columns[0], [-.infinity])
        XCTAssertThrowsError(try read(Array("0,a,x,-1,nan,-3\n".utf8)))
    }
}
