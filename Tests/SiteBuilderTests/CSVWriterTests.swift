import Foundation
import OutputFormat
@testable import SiteBuilder
import StudyData
import TestSupport
import XCTest

/// CSV downloads: RFC 4180 quoting, formulas neutralised and controls made
/// visible, round trips through our reader,
/// the results.json number form, `NA` for non-finite numbers.
final class CSVWriterTests: XCTestCase {
    /// Cells copied as they are (the fast path) are exactly what the rules
    /// give, for every ASCII character at the start, in the middle and at the end.
    func testPlainCellsAreWhatTheRulesGive() {
        var inputs = HostileStrings.corpus + ["-0.5", "+1", "=1+2", "@x", "Big Two", "care.virtue", "GRM-Llama3.2-3B", "0.125", "1e-05", ""]
        for v in UInt8(0x00)...0x7F {
            let c = String(UnicodeScalar(v))
            inputs += [c, c + "x", "x" + c, "x" + c + "y"]
        }
        for s in inputs {
            XCTAssertEqual(CSVWriter.field(s), CSVWriter.fieldByTheRules(s), s.debugDescription)
            if CSVWriter.isPlain(s) { XCTAssertEqual(CSVWriter.fieldByTheRules(s), s, s.debugDescription) }
        }
    }

    func testFieldsAreQuotedOnlyWhenNeeded() {
        let cases: [(String, String)] = [
            ("plain", "plain"),
            ("<b>&amp;</b>", "<b>&amp;</b>"),
            ("a,b", "\"a,b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("\"", "\"\"\"\""),
            ("a\rb", "a\\u{D}b"),
            ("a\nb", "\"a\nb\""),
            ("\r\n", "\"\\u{D}\n\""),
            (" leading", "\" leading\""),
            ("trailing ", "\"trailing \""),
            (" ", "\" \""),
            ("", "\"\""),
            ("in side", "in side"),
            ("\t", "'\t"),
            ("a\u{0}b", "a\\u{0}b"),
            ("x\u{FFFE}", "x\\u{FFFE}"),
            // Formulas are neutralised (OWASP); plain numbers are not.
            ("=1+1", "'=1+1"),
            ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
            ("-2+3", "'-2+3"),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
            ("\r=1", "\\u{D}=1"),
            ("-0.5", "-0.5"),
            ("+3e2", "+3e2"),
            ("-inf", "'-inf"),
            ("NA", "NA"),
            ("😀", "😀"),
        ]
        for (input, expected) in cases {
            XCTAssertEqual(CSVWriter.field(input), expected, input.debugDescription)
        }
    }

    func testWholeDocumentUsesCRLFAndTheSameFieldRules() {
        let text = CSVWriter.write(header: ["term", "estimate", "n", "note"],
                                   rows: [[.text("model"), .number(0.1 + 0.2), .integer(1080), .text("a,\"b\"")],
                                          [.text(""), .number(.nan), .integer(-3), .text(" x ")]])
        XCTAssertEqual(text, "term,estimate,n,note\r\nmodel,0.3,1080,\"a,\"\"b\"\"\"\r\n\"\",NA,-3,\" x \"\r\n")
    }

    func testNumbersUseTheTenDigitFormAndNonFiniteIsNA() {
        let values: [Double] = [0.1 + 0.2, 1.0 / 3.0, 5.352655021783e-113, -0.0, 131.5, 1080, 1e20, -2.5e-6]
        let rows = values.map { [CSVWriter.Cell.number($0)] } + [[.number(.nan)], [.number(.infinity)], [.number(-.infinity)]]
        let lines = CSVWriter.write(header: ["x"], rows: rows).components(separatedBy: "\r\n")
        XCTAssertEqual(lines, ["x", "0.3", "0.3333333333", "5.352655022e-113", "0", "131.5", "1080", "1e20", "-2.5e-06", "NA", "NA", "NA", ""])
        for (x, line) in zip(values, lines.dropFirst()) {
            XCTAssertEqual(line, CanonicalJSON.number(x), "the same text as results.json")
        }
    }

    func testHostileTokensRoundTripThroughTheReaderExactly() throws {
        let tokens = HostileStrings.corpus
        let rows: [[CSVWriter.Cell]] = tokens.enumerated().map { [.integer($0.offset), .text($0.element), .number(Double($0.offset) / 7)] }
        let text = CSVWriter.write(header: ["rank", "token", "score"], rows: rows)
        let doc = try CSVReader.parse(Data(text.utf8), path: "tokens.csv")
        XCTAssertEqual(doc.header, ["rank", "token", "score"])
        XCTAssertEqual(doc.records.count, tokens.count)
        for (record, (i, token)) in zip(doc.records, tokens.enumerated()) {
            XCTAssertEqual(record.fields[0], String(i))
            XCTAssertEqual(Array(record.fields[1].unicodeScalars), Array(CSVWriter.safeText(token).unicodeScalars), "token \(i): \(token.prefix(40).debugDescription)")
            XCTAssertFalse(record.fields[1].unicodeScalars.contains { HTML.isForbiddenControl($0) }, "no raw control byte")
            XCTAssertEqual(record.fields[2], CanonicalJSON.number(Double(i) / 7))
        }
    }

    func testHostileTokensRoundTripSideBySideAndInTheHeader() throws {
        var seen = Set<String>()
        let tokens = HostileStrings.corpus.filter { seen.insert(CSVWriter.safeText($0)).inserted }
        // All tokens in one record, next to each other; the header holds them too (after a plain first column).
        let header = ["id"] + tokens
        let row: [CSVWriter.Cell] = [.text("r1")] + tokens.map { .text($0) }
        let reversed: [CSVWriter.Cell] = [.text("r2")] + tokens.reversed().map { .text($0) }
        let doc = try CSVReader.parse(Data(CSVWriter.write(header: header, rows: [row, reversed]).utf8), path: "wide.csv")
        let safe = tokens.map(CSVWriter.safeText)
        XCTAssertEqual(doc.header, ["id"] + safe)
        XCTAssertEqual(doc.records.map(\.fields), [["r1"] + safe, ["r2"] + safe.reversed()])
    }

    func testEveryOutputLineEndsInCRLFOutsideQuotes() {
        let text = CSVWriter.write(header: ["a"], rows: HostileStrings.corpus.map { [.text($0)] })
        XCTAssertTrue(text.hasSuffix("\r\n"))
        // Outside quoted fields the only line ends are CRLF record ends.
        var inQuotes = false
        var previous: Character?
        for scalar in text.unicodeScalars {
            if scalar == "\"" { inQuotes.toggle() }
            if !inQuotes && scalar == "\n" { XCTAssertEqual(previous, "\r") }
            if !inQuotes && scalar == "\r" { previous = "\r"; continue }
            previous = Character(scalar)
        }
        XCTAssertFalse(inQuotes, "every quote is closed")
    }
}
