import Foundation
@testable import StudyData
import XCTest

/// Log-prob tables are too big to SHA-256 on every build; the manifest
/// records a fingerprint of what was read instead. It must change with
/// anything the analyses see, and only with that.
final class LogprobFingerprintTests: XCTestCase {
    let body = "1,a,Love,-1.5,-2.25,-3\n2,b,love,-4,-5,-6\n3,c,\"x,y\",-7,-8,-9\n"

    func fingerprint(_ body: String, prompts: [String] = ["greatest_ever_one"]) throws -> String {
        try LogprobTestTable().read(body, prompts: prompts).fingerprint()
    }

    func testChangesWithWhatWasReadOnly() throws {
        let base = try fingerprint(body)
        XCTAssertEqual(base.count, 16)
        XCTAssertTrue(base.allSatisfy { "0123456789abcdef".contains($0) })
        XCTAssertEqual(try fingerprint(body), base, "deterministic")
        // A value in the column read (greatest_ever_one is the 5th field).
        XCTAssertNotEqual(try fingerprint(body.replacingOccurrences(of: "-2.25", with: "-2.26")), base)
        // The last bit of a value.
        XCTAssertNotEqual(try fingerprint(body.replacingOccurrences(of: "-2.25", with: "-2.2500000000000004")), base)
        // A token, a token id, a row more.
        XCTAssertNotEqual(try fingerprint(body.replacingOccurrences(of: "Love", with: "Lovf")), base)
        XCTAssertNotEqual(try fingerprint(body.replacingOccurrences(of: "2,b", with: "7,b")), base)
        XCTAssertNotEqual(try fingerprint(body + "4,d,z,-1,-1,-1\n"), base)
        // Another prompt read.
        XCTAssertNotEqual(try fingerprint(body, prompts: ["greatest_ever_one", "best_ever_one"]), base)
        // A column that was not read, and token_name, do not count.
        XCTAssertEqual(try fingerprint(body.replacingOccurrences(of: "-1.5", with: "-1.75")), base)
        XCTAssertEqual(try fingerprint(body.replacingOccurrences(of: "1,a,", with: "1,A,")), base)
    }

    func testStringsAreLengthPrefixed() {
        var x = FingerprintHasher(), y = FingerprintHasher()
        x.add("ab"); x.add("c")
        y.add("a"); y.add("bc")
        XCTAssertNotEqual(x.value, y.value)
    }

    /// The word-at-a-time string hashing against the plain byte-by-byte
    /// assembly it replaced: the same fingerprint for every length 0…40 (all
    /// tail sizes, several whole words), non-ASCII text, NUL bytes, strings
    /// stored inline (≤ 15 bytes) and on the heap, and strings made through
    /// NSString and Substring. (Linux has no lazily bridged, non-contiguous
    /// strings; `TokenIndex.withBytes` copies such a string before reading it.)
    func testWordLoadsGiveTheByteByByteFingerprint() {
        struct Reference {
            var hasher = FingerprintHasher()
            mutating func add(_ text: String) {
                hasher.add(UInt64(text.utf8.count))
                var word: UInt64 = 0, k = 0
                for b in text.utf8 {
                    word |= UInt64(b) << UInt64(8 * k)
                    k += 1
                    if k == 8 { hasher.add(word); word = 0; k = 0 }
                }
                if k > 0 { hasher.add(word) }
            }
        }
        var state: UInt64 = 11
        func next() -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int(state >> 33) }
        let pieces = ["a", "Z", "\u{0}", "\u{7F}", "\u{E9}", "e\u{301}", "\u{212A}", "€", "😀", " ", "\\xFF", "\n"]
        var strings: [String] = []
        for length in 0...40 {
            strings.append(String(repeating: "x", count: length))
            strings.append(String(decoding: (0..<length).map { UInt8(truncatingIfNeeded: 0xF0 &+ $0 &* 37) }, as: UTF8.self))
            for _ in 0..<20 {
                var s = ""
                while s.utf8.count < length { s += pieces[next() % pieces.count] }
                strings.append(s)
            }
        }
        strings += strings.prefix(200).map { NSString(string: $0) as String }
        strings += strings.prefix(200).map { String($0.dropFirst()) }
        XCTAssertTrue(Set(0...40).isSubset(of: strings.map { $0.utf8.count }), "every tail size, several word counts")
        var fast = FingerprintHasher(), plain = Reference()
        for s in strings {
            var one = FingerprintHasher(), reference = Reference()
            one.add(s); reference.add(s)
            XCTAssertEqual(one.value, reference.hasher.value, "\(Array(s.utf8))")
            fast.add(s); plain.add(s)
        }
        XCTAssertEqual(fast.value, plain.hasher.value, "the whole sequence")
    }
}

/// Sparse columns read like the dense NaN-filled arrays they replace.
final class LogprobColumnTests: XCTestCase {
    func testSparseColumnReadsAsNaNFilledArray() {
        let sparse = LogprobColumn(count: 6, rows: [1, 4], values: [-1, -4])
        XCTAssertEqual(sparse.count, 6)
        XCTAssertNil(sparse.dense)
        XCTAssertEqual(sparse[1], -1); XCTAssertEqual(sparse[4], -4)
        for row in [0, 2, 3, 5] { XCTAssertTrue(sparse[row].isNaN, "row \(row)") }
        let walked = Array(sparse)
        XCTAssertEqual(walked.count, 6)
        XCTAssertEqual(walked.map { $0.isNaN }, [true, false, true, true, false, true])
        XCTAssertEqual(walked[1], -1); XCTAssertEqual(walked[4], -4)
        XCTAssertEqual(LogprobColumn([-1, -2]).dense, [-1, -2])
        XCTAssertEqual(LogprobColumn(count: 2, rows: [0, 1], values: [-1, -2]), [-1, -2], "equal by value, not by storage")
        XCTAssertTrue(LogprobColumn(count: 0, rows: [], values: []).isEmpty)
    }

    /// A model read for Fig. 2 and the implicit rewards: every row keeps the
    /// every-row prompt densely; the others only for the wanted rows.
    func testEveryRowReadsKeepOtherPromptsSparse() throws {
        let table = try LogprobTestTable().read("1,a,x,-1,-2,-3\n2,b,Love,-4,-5,-6\n3,c,y,-7,-8,-9\n",
                                                prompts: ["best_ever_one", "greatest_ever_one"], tokens: ["Love"],
                                                everyRow: ["greatest_ever_one"])
        XCTAssertEqual(table.columns[1].dense, [-2, -5, -8])
        XCTAssertNil(table.columns[0].dense)
        XCTAssertEqual(table.columns[0].storedValues.rows, [1])
        XCTAssertEqual(table.columns[0][1], -4)
        XCTAssertTrue(table.columns[0][0].isNaN); XCTAssertTrue(table.columns[0][2].isNaN)
    }
}
