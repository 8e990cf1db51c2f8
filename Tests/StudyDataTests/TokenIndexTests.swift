import Foundation
@testable import StudyData
import XCTest

/// Token strings are equal only when their bytes are, as in the study's
/// pandas code (Swift's `==` would merge canonically equivalent strings).
final class TokenIndexTests: XCTestCase {
    func testCanonicallyEquivalentStringsStayDistinct() {
        XCTAssertEqual("\u{E9}", "e\u{301}", "Swift's == is canonical equivalence; the index must not be")
        var index = TokenIndex()
        let pairs = [("\u{E9}", "e\u{301}"), ("K", "\u{212A}"), ("\u{C5}", "\u{212B}"), ("\u{3A9}", "\u{2126}"), ("\u{AC00}", "\u{1100}\u{1161}")]
        for (x, y) in pairs {
            let ix = index.insert(x), iy = index.insert(y)
            XCTAssertTrue(ix.inserted); XCTAssertTrue(iy.inserted)
            XCTAssertNotEqual(ix.id, iy.id, "\(Array(x.unicodeScalars)) vs \(Array(y.unicodeScalars))")
            XCTAssertEqual(index.id(of: x), ix.id); XCTAssertEqual(index.id(of: y), iy.id)
            XCTAssertEqual(Array(index.strings[Int(iy.id)].utf8), Array(y.utf8))
        }
        XCTAssertEqual(index.count, 2 * pairs.count)
    }

    func testSameBytesIsByteEquality() {
        XCTAssertTrue(TokenIndex.sameBytes("", ""))
        XCTAssertTrue(TokenIndex.sameBytes("a longer token than fifteen bytes", "a longer token than fifteen bytes"))
        XCTAssertFalse(TokenIndex.sameBytes("\u{E9}", "e\u{301}"))
        XCTAssertFalse(TokenIndex.sameBytes("K", "\u{212A}"))
        XCTAssertTrue(TokenIndex.sameBytes(["a", "\u{E9}", ""], ["a", "\u{E9}", ""]))
        XCTAssertFalse(TokenIndex.sameBytes(["a", "\u{E9}"], ["a", "e\u{301}"]), "equal under Swift's ==, not byte for byte")
        XCTAssertFalse(TokenIndex.sameBytes(["a"], ["a", "b"]))
    }

    func testIdsInInsertionOrderAndRepeatsFound() {
        var index = TokenIndex()
        XCTAssertNil(index.id(of: ""), "an empty index holds nothing, not even the empty string")
        XCTAssertFalse(index.contains("b"))
        XCTAssertEqual(index.insert("b").id, 0)
        XCTAssertEqual(index.insert("").id, 1)
        XCTAssertEqual(index.insert("a").id, 2)
        XCTAssertEqual(index.insert("b").id, 0)
        XCTAssertFalse(index.insert("").inserted)
        XCTAssertEqual(index.strings, ["b", "", "a"])
        XCTAssertNil(index.id(of: "c"))
        XCTAssertTrue(index.contains(""))
        // A set's index numbers its strings in byte order, so ids do not depend on hashing.
        XCTAssertEqual(TokenIndex(Set(["z", "a", "\u{E9}", "e"])).strings, ["a", "e", "z", "\u{E9}"])
    }

    /// Many strings (growing the table many times), of every length around the
    /// 8-byte word boundary, with NUL, control bytes and \xHH text: the index
    /// agrees with a dictionary keyed by byte arrays.
    func testAgreesWithAByteKeyedDictionary() {
        var state: UInt64 = 7
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
        let alphabet: [String] = ["a", "b", "\u{0}", "\u{1F}", "\\xFF", "\u{E9}", "e\u{301}", " ", "\u{212A}", "K", "😀"]
        var reference: [[UInt8]: Int32] = [:]
        var index = TokenIndex(minimumCapacity: 4)
        for _ in 0..<20_000 {
            let length = Int(next() % 20)
            let token = (0..<length).map { _ in alphabet[Int(next()) % alphabet.count] }.joined()
            let key = Array(token.utf8)
            let (id, inserted) = index.insert(token)
            if let known = reference[key] {
                XCTAssertFalse(inserted); XCTAssertEqual(id, known)
            } else {
                XCTAssertTrue(inserted); XCTAssertEqual(Int(id), reference.count)
                reference[key] = id
            }
        }
        XCTAssertEqual(index.count, reference.count)
        for (bytes, id) in reference {
            XCTAssertEqual(bytes.withUnsafeBytes { index.id(ofBytes: $0) }, id)
        }
    }

    /// The batch gives each token the id one-by-one inserts give it, over
    /// several batches into one index (later ones mostly finding earlier
    /// strings), with repeats, empty tokens (-1, never added), canonically
    /// equivalent pairs and long strings, and a first batch larger than the
    /// index was made for (the slots grow before the loop, not in it).
    func testABatchGivesTheIdsOfOneByOneInserts() {
        var state: UInt64 = 11
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
        let alphabet: [String] = ["a", "b", "\u{0}", "\u{E9}", "e\u{301}", " ", "\u{212A}", "K", "😀", "a longer piece than sixteen bytes"]
        func token() -> String { (0..<Int(next() % 4)).map { _ in alphabet[Int(next()) % alphabet.count] }.joined() }
        var batched = TokenIndex(minimumCapacity: 4), oneByOne = TokenIndex(minimumCapacity: 4)
        for size in [3_000, 5_000, 0, 1, 40] {
            let tokens = (0..<size).map { _ in token() }
            let expected = tokens.map { $0.isEmpty ? Int32(-1) : oneByOne.insert($0).id }
            XCTAssertEqual(batched.ids(addingNonEmpty: tokens), expected)
            XCTAssertEqual(batched.count, oneByOne.count)
        }
        XCTAssertTrue(batched.count > 100)
        XCTAssertEqual(batched.strings.map { Array($0.utf8) }, oneByOne.strings.map { Array($0.utf8) })
        XCTAssertNil(batched.id(of: ""), "an empty token is never added")
        for string in oneByOne.strings { XCTAssertEqual(batched.id(of: string), oneByOne.id(of: string)) }
    }

    /// Equal values are equal bytes; equal bytes need not be equal values
    /// (two separately built long strings), and the list comparison then
    /// still compares bytes.
    func testSameValueImpliesSameBytes() {
        let long = String(repeating: "long token ", count: 3)
        let rebuilt = String(decoding: Array(long.utf8), as: UTF8.self)
        XCTAssertTrue(TokenIndex.sameValue(long, long))
        XCTAssertTrue(TokenIndex.sameValue("short", "short"))
        XCTAssertFalse(TokenIndex.sameValue(long, rebuilt), "two buffers: different values")
        XCTAssertFalse(TokenIndex.sameValue("\u{E9}", "e\u{301}"))
        // Inline strings differing in one byte, wherever it sits in the value.
        let inline = "0123456789abcde"
        for k in 0..<inline.utf8.count {
            var bytes = Array(inline.utf8)
            bytes[k] = UInt8(ascii: "_")
            XCTAssertFalse(TokenIndex.sameValue(inline, String(decoding: bytes, as: UTF8.self)), "byte \(k)")
        }
        XCTAssertFalse(TokenIndex.sameValue("abc", "abcd"), "lengths differ")
        XCTAssertTrue(TokenIndex.sameBytes([long, "a"], [rebuilt, "a"]))
        XCTAssertFalse(TokenIndex.sameBytes([long, "\u{E9}"], [rebuilt, "e\u{301}"]))
    }

    /// The word loads that end a string (4, 2, then 1 bytes) against the
    /// byte-by-byte little-endian assembly, for every tail length and offset.
    func testTailWordIsTheByteByByteWord() {
        let bytes: [UInt8] = (0..<24).map { UInt8(truncatingIfNeeded: 0x9D &+ $0 &* 53) }
        bytes.withUnsafeBytes { all in
            for end in 1...all.count {
                let buffer = UnsafeRawBufferPointer(rebasing: all[..<end])
                for start in max(0, end - 7)..<end {
                    var plain: UInt64 = 0
                    for k in start..<end { plain |= UInt64(buffer[k]) << UInt64(8 * (k - start)) }
                    XCTAssertEqual(TokenIndex.tailWord(buffer, from: start), plain, "bytes \(start)..<\(end)")
                }
            }
        }
    }

    /// Strings absent from a large index are not found, and every present one
    /// is found under its own id, whatever the strings around it in its slots.
    /// The two-byte prefix filter never turns a held string away: strings of
    /// 0, 1 and 2+ bytes, a one-byte string beside a longer one whose second
    /// byte is NUL, and misses that share a held string's prefix or not.
    func testThePrefixFilterOnlyRulesOutStringsNotHeld() {
        let held = ["", "a", "a\u{0}b", "ab", "abc", " freedom", "Freedom", "\u{E9}t\u{E9}", "\u{FF}"]
        var index = TokenIndex()
        for token in held { index.insert(token) }
        for (k, token) in held.enumerated() {
            XCTAssertEqual(token.utf8.withContiguousStorageIfAvailable { index.id(ofBytes: UnsafeRawBufferPointer($0)) } ?? nil, Int32(k), "\(Array(token.utf8))")
        }
        for token in ["b", "a\u{0}", "abd", "ba", " free", "freedom", "\u{E9}", "\u{FF}\u{FF}"] {
            XCTAssertNil(index.id(of: token), "\(Array(token.utf8))")
        }
        XCTAssertEqual(index.id(of: "a\u{0}b"), 2)
        XCTAssertEqual(TokenIndex.prefix(UnsafeRawBufferPointer(start: nil, count: 0)), 0)
        XCTAssertEqual(Array("a".utf8).withUnsafeBytes { TokenIndex.prefix($0) }, Array("a\u{0}z".utf8).withUnsafeBytes { TokenIndex.prefix($0) },
                       "a one-byte string shares its bit with two-byte prefixes ending in NUL: a false positive, never a false negative")
    }

    func testLookupsInAFullIndex() {
        let tokens = (0..<50_000).map { "t\($0 * 7)" }
        var index = TokenIndex(minimumCapacity: tokens.count)
        for (k, token) in tokens.enumerated() { XCTAssertEqual(index.insert(token).id, Int32(k)) }
        for (k, token) in tokens.enumerated() { XCTAssertEqual(index.id(of: token), Int32(k)) }
        for k in 0..<50_000 where k % 7 != 0 { XCTAssertNil(index.id(of: "t\(k)")) }
        XCTAssertEqual(index.count, tokens.count)
    }

    func testTheReaderKeepsOnlyByteEqualWantedTokens() throws {
        let t = LogprobTestTable()
        let table = try t.read("1,a,Kind,-1,-2,-3\n2,b,\u{212A}ind,-4,-5,-6\n3,c,Caf\u{E9},-7,-8,-9\n4,d,Cafe\u{301},-10,-11,-12\n",
                               tokens: ["Kind", "Caf\u{E9}"])
        XCTAssertEqual(table.tokenIDs, [1, 3])
        XCTAssertEqual(table.tokens.map { Array($0.utf8) }, [Array("Kind".utf8), Array("Caf\u{E9}".utf8)])
    }
}

final class ExactDictionaryLookupTests: XCTestCase {
    func testOnlyByteEqualAnswersHaveACategory() {
        let dictionary = CategoryDictionary(id: "d", path: "d.csv", categories: ["Agency", "Communion"],
                                            categoryOfWord: ["Kindness": "Communion", "caf\u{E9}": "Communion", "skill": "Agency"])
        XCTAssertEqual(dictionary.category(ofExactly: "Kindness"), "Communion")
        XCTAssertEqual(dictionary.category(ofExactly: "skill"), "Agency")
        XCTAssertEqual(dictionary.categoryOfWord["\u{212A}indness"], "Communion", "Swift's lookup matches the Kelvin sign")
        XCTAssertNil(dictionary.category(ofExactly: "\u{212A}indness"))
        XCTAssertNil(dictionary.category(ofExactly: "cafe\u{301}"))
        XCTAssertEqual(dictionary.category(ofExactly: "caf\u{E9}"), "Communion")
        XCTAssertNil(dictionary.category(ofExactly: "Skill"))
    }
}
