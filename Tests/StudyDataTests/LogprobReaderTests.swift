import Foundation
@testable import StudyData
import XCTest

/// The fast log-prob reader on small hostile tables.
final class LogprobReaderTests: XCTestCase {
    func write(_ bytes: [UInt8], name: String = "t.csv") -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("logprob-reader-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try! Data(bytes).write(to: url)
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
        let url = write(Array((header + "0,a,love,-1,-2,-3\n1,b,tok,-4,-5,-6\n2,c,freedom,-7,-8,-9\n").utf8), name: "every.csv")
        let t = try LogprobReader.read(url: url, displayPath: "x", request: LogprobRequest(
            prompts: ["best_ever_one", "greatest_ever_one", "worst_ever_one"], tokens: ["love", "freedom"], everyRowPrompts: ["greatest_ever_one"]))
        XCTAssertEqual(t.tokens, ["love", "tok", "freedom"])
        XCTAssertEqual(t.columns[1], [-2, -5, -8])
        XCTAssertEqual(t.columns[0][0], -1); XCTAssertTrue(t.columns[0][1].isNaN); XCTAssertEqual(t.columns[0][2], -7)
        XCTAssertTrue(t.columns[2][1].isNaN); XCTAssertEqual(t.columns[2][2], -9)
    }

    func testLastLineWithoutNewlineIsFineButACutRowIsAnError() throws {
        XCTAssertEqual(try read(Array("0,a,x,-1,-2,-3".utf8)).columns[0], [-2])
        XCTAssertThrowsError(try read(Array("0,a,x,-1,-2,-3\n1,b,y,-4,-5".utf8))) { error in
            let e = error as? DataError
            XCTAssertEqual(e?.line, 3)
            XCTAssertTrue(e?.message.contains("expected 6 fields as in the header, found 5") == true, "\(error)")
        }
    }

    func testErrorsNameFileLineAndColumn() throws {
        XCTAssertThrowsError(try read(Array("0,a,x,-1,-2,-3\n1,b,y,-4,abc,-6\n".utf8))) { error in
            XCTAssertEqual("\(error)", "content/x.csv:3:5: expected a number, found \"abc\"")
        }
        XCTAssertThrowsError(try read(Array("0,a,x,-1,-2,-3\n".utf8), prompts: ["good_ever_one"])) { error in
            XCTAssertTrue("\(error)".hasPrefix("content/x.csv:1: expected a column named \"good_ever_one\""), "\(error)")
        }
        XCTAssertThrowsError(try read(Array("x7,a,x,-1,-2,-3\n".utf8))) { error in
            XCTAssertEqual("\(error)", "content/x.csv:2:1: expected an integer token id, found \"x7\"")
        }
        XCTAssertThrowsError(try read(Array("0,a,\"open,-1,-2,-3\n".utf8))) { error in
            XCTAssertTrue("\(error)".hasPrefix("content/x.csv:2:3: expected a closing quote"), "\(error)")
        }
    }

    func testMinusInfinityIsALogProbNaNIsNot() throws {
        XCTAssertEqual(try read(Array("0,a,x,-inf,-inf,-3\n".utf8)).columns[0], [-.infinity])
        XCTAssertThrowsError(try read(Array("0,a,x,-1,nan,-3\n".utf8)))
    }

    func testReadAllMatchesSequentialReads() throws {
        let urls = (0..<4).map { k in write(Array((header + "0,a,x\(k),-1,-\(k),-3\n1,b,y,-4,-5.\(k),-6\n").utf8), name: "m\(k).csv") }
        let request = LogprobRequest(prompts: ["worst_ever_one", "greatest_ever_one"])
        let all = try LogprobReader.readAll(urls.map { ($0, $0.lastPathComponent) }, request: request, progress: nil)
        for (k, url) in urls.enumerated() {
            let one = try LogprobReader.read(url: url, displayPath: url.lastPathComponent, request: request)
            XCTAssertEqual(all[k].tokens, one.tokens)
            XCTAssertEqual(all[k].columns, one.columns)
        }
    }

    /// The number parser against strtod, bit for bit, on a million strings in
    /// the shapes the tables use (Python repr of float64, 6-decimal fixed,
    /// scientific, many digits, subnormal, zero).
    func testNumberParserIsExactlyStrtod() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return state }
        var mismatches = 0
        var checked = 0
        var samples = ["-0", "-0.0", "0", "1e-320", "-4.9406564584124654e-324", "-1.7976931348623157e308", "-12.345678901234567",
                       "-0.000123456789012345678901", "-123456789012345678901234", "-1.0000000000000002", "-9007199254740993",
                       "-0.30000000000000004", "-3.1e-05", "-1e22", "-1e23", "-8.98846567431158e307"]
        for _ in 0..<1_000_000 {
            let bits = next()
            let x = -Double(bitPattern: (bits & 0x000F_FFFF_FFFF_FFFF) | (UInt64(1013 + Int(bits >> 60)) << 52))
            switch bits % 4 {
            case 0: samples.append("\(x)")
            case 1: samples.append(String(format: "%.6f", x))
            case 2: samples.append(String(format: "%.\(Int(bits >> 58) % 20)e", x * pow(10, Double(Int(bits >> 50) % 40) - 20)))
            default: samples.append(String(format: "%.\(Int(bits >> 57) % 25 + 1)g", x))
            }
        }
        for s in samples {
            let bytes = Array(s.utf8)
            let ours = bytes.withUnsafeBufferPointer { DecimalParser.parse($0.baseAddress!, 0, $0.count) }
            let reference = strtod(s, nil)
            checked += 1
            if ours?.bitPattern != reference.bitPattern { mismatches += 1; if mismatches < 5 { XCTFail("\(s): \(String(describing: ours)) vs \(reference)") } }
        }
        XCTAssertEqual(mismatches, 0)
        XCTAssertGreaterThan(checked, 1_000_000)
    }
}
