import Foundation
import XCTest
@testable import StudyData

final class DictionaryLoaderTests: XCTestCase {

    private let folder = ContentFolder(root: Repo.content)

    private func source(_ id: String) throws -> DictionarySource {
        let manifest = try ManifestLoader.load(from: folder)
        return try XCTUnwrap(manifest.dictionary(id: id))
    }

    func testRealBigTwoNouns() throws {
        let d = try DictionaryLoader.load(try source("big2"), folder: folder, mfdRule: .virtue)
        XCTAssertEqual(d.id, "big2")
        XCTAssertEqual(d.path, "content/data/corpora/dict_big2_nouns.csv")
        XCTAssertEqual(d.wordCount, 263)
        XCTAssertEqual(d.categories, ["Agency", "Communion"])
        XCTAssertEqual(d.wordCount(in: "Agency"), 104)
        XCTAssertEqual(d.wordCount(in: "Communion"), 159)
        XCTAssertEqual(d.wordCount(in: "Care"), 0)
        XCTAssertEqual(d.categoryOfWord["accuracy"], "Agency")
        XCTAssertEqual(d.categoryOfWord["affection"], "Communion")
        XCTAssertNil(d.categoryOfWord["Category"])
    }

    func testBigTwoIgnoresTheMFDRule() throws {
        let a = try DictionaryLoader.load(try source("big2"), folder: folder, mfdRule: .virtue)
        let b = try DictionaryLoader.load(try source("big2"), folder: folder, mfdRule: .script)
        XCTAssertEqual(a.categoryOfWord, b.categoryOfWord)
    }

    func testRealMFD2VirtueRule() throws {
        let d = try DictionaryLoader.load(try source("mfd2"), folder: folder, mfdRule: .virtue)
        XCTAssertEqual(d.id, "mfd2")
        XCTAssertEqual(d.path, "content/data/corpora/moral-foundations-dictionary-20.dicx")
        XCTAssertEqual(d.wordCount, 989)
        XCTAssertEqual(d.categories, ["Authority", "Care", "Fairness", "Loyalty", "Sanctity"])
        XCTAssertEqual(d.wordCount(in: "Authority"), 295)
        XCTAssertEqual(d.wordCount(in: "Sanctity"), 272)
        XCTAssertEqual(d.wordCount(in: "Care"), 170)
        XCTAssertEqual(d.wordCount(in: "Loyalty"), 137)
        XCTAssertEqual(d.wordCount(in: "Fairness"), 115)
        XCTAssertEqual(d.categoryOfWord["alleviate"], "Care")       // Care_Virtue
        XCTAssertEqual(d.categoryOfWord["abstinence"], "Sanctity")  // Sanctity_Virtue
        XCTAssertNil(d.categoryOfWord["abused"])                     // Care_Vice only
        XCTAssertNil(d.categoryOfWord["abhor"])                      // Sanctity_Vice only
        // no category name carries the _Virtue suffix or a line-end CR from the CRLF file
        XCTAssertFalse(d.categoryOfWord.keys.contains { $0.contains("\r") })
    }

    func testRealMFD2ScriptRule() throws {
        let d = try DictionaryLoader.load(try source("mfd2"), folder: folder, mfdRule: .script)
        XCTAssertEqual(d.wordCount, 1652)
        XCTAssertEqual(d.categories, ["Authority", "Care", "Fairness", "Loyalty", "Sanctity"])
        XCTAssertEqual(d.wordCount(in: "Care"), 447)
        XCTAssertEqual(d.wordCount(in: "Authority"), 418)
        XCTAssertEqual(d.wordCount(in: "Fairness"), 344)
        XCTAssertEqual(d.wordCount(in: "Sanctity"), 272)
        XCTAssertEqual(d.wordCount(in: "Loyalty"), 171)
        XCTAssertEqual(d.categoryOfWord["abused"], "Care")           // Care_Vice is inside the range
        XCTAssertEqual(d.categoryOfWord["anarchy"], "Authority")     // Authority_Vice too
        XCTAssertNil(d.categoryOfWord["abhor"])                      // Sanctity_Vice is after it
        XCTAssertEqual(d.categoryOfWord["alleviate"], "Care")
    }

    func testScriptRuleIsASupersetOfVirtueRule() throws {
        let v = try DictionaryLoader.load(try source("mfd2"), folder: folder, mfdRule: .virtue)
        let s = try DictionaryLoader.load(try source("mfd2"), folder: folder, mfdRule: .script)
        for (word, foundation) in v.categoryOfWord {
            XCTAssertEqual(s.categoryOfWord[word], foundation, word)
        }
    }

    // MARK: Errors (small documents)

    private func doc(_ text: String) throws -> CSVDocument { try parseCSV(text, path: "d.csv") }

    func testWordInTwoCategoriesIsAnError() throws {
        let error = assertDataError(try DictionaryLoader.categoryWord(
            try doc("\"Category\",\"token_decoded\"\n\"Agency\",\"power\"\n\"Communion\",\"love\"\n\"Communion\",\"power\"\n"), id: "big2"))
        XCTAssertEqual(error?.description, "d.csv:4:2: expected each word in one category, found \"power\" in Agency and Communion")
    }

    func testSameWordTwiceInOneCategoryIsCountedOnce() throws {
        let d = try DictionaryLoader.categoryWord(try doc("Category,token_decoded\nAgency,power\nAgency,power\nCommunion,love\n"), id: "x")
        XCTAssertEqual(d.wordCount, 2)
        XCTAssertEqual(d.categories, ["Agency", "Communion"])
    }

    func testCategoryWordColumnsAreFoundByName() throws {
        let d = try DictionaryLoader.categoryWord(try doc("token_decoded,extra,Category\nlove,1,Communion\n"), id: "x")
        XCTAssertEqual(d.categoryOfWord, ["love": "Communion"])
    }

    func testEmptyCategoryIsAnError() throws {
        let error = assertDataError(try DictionaryLoader.categoryWord(try doc("Category,token_decoded\nAgency,power\n,love\n"), id: "x"))
        XCTAssertEqual(error?.description, "d.csv:3:1: expected a category name, found an empty field")
    }

    func testMissingDictionaryColumn() throws {
        let error = assertDataError(try DictionaryLoader.categoryWord(try doc("Category,word\nAgency,power\n"), id: "x"))
        XCTAssertEqual(error?.line, 1)
        XCTAssertTrue(error?.message.contains("\"token_decoded\"") ?? false)
    }

    private let mfdHeader = "DicTerm,Care_Virtue,Care_Vice,Fairness_Virtue,Fairness_Vice,Loyalty_Virtue,Loyalty_Vice,Authority_Virtue,Authority_Vice,Sanctity_Virtue,Sanctity_Vice\r\n"

    func testMFDWordInTwoFoundationsIsAnError() throws {
        let text = mfdHeader + "kind,X,,,,,,,,,\r\nfair,,,X,,,,X,,,\r\n"
        let error = assertDataError(try DictionaryLoader.mfd2(try doc(text), id: "mfd2", rule: .virtue))
        XCTAssertEqual(error?.description, "d.csv:3:8: expected each word in one foundation, found \"fair\" in Fairness and Authority")
    }

    func testMFDVirtueAndViceOfTheSameFoundationIsNotAConflict() throws {
        let text = mfdHeader + "care,X,X,,,,,,,,\r\n"
        let d = try DictionaryLoader.mfd2(try doc(text), id: "mfd2", rule: .script)
        XCTAssertEqual(d.categoryOfWord, ["care": "Care"])
    }

    func testMFDMarkOtherThanXIsAnError() throws {
        let text = mfdHeader + "kind,X,,,,,,,,,\r\nodd,,,Y,,,,,,,\r\n"
        let error = assertDataError(try DictionaryLoader.mfd2(try doc(text), id: "mfd2", rule: .virtue))
        XCTAssertEqual(error?.description, "d.csv:3:4: expected \"X\" or an empty field, found \"Y\"")
        // lower-case x and surrounding spaces are accepted
        let ok = try DictionaryLoader.mfd2(try doc(mfdHeader + "kind, x ,,,,,,,,,\r\n"), id: "mfd2", rule: .virtue)
        XCTAssertEqual(ok.categoryOfWord, ["kind": "Care"])
        // a mark of blanks only is empty; "X" and "x" as they are need no trimming
        let blank = try DictionaryLoader.mfd2(try doc(mfdHeader + "kind,X, ,\t,,,,,,,\r\nfair,,,x,,,,,,,\r\n"), id: "mfd2", rule: .script)
        XCTAssertEqual(blank.categoryOfWord, ["kind": "Care", "fair": "Fairness"])
    }

    func testMFDScriptRuleNeedsCareVirtueBeforeSanctityVirtue() throws {
        let text = "DicTerm,Sanctity_Virtue,Care_Virtue\nx,X,\n"
        let error = assertDataError(try DictionaryLoader.mfd2(try doc(text), id: "mfd2", rule: .script))
        XCTAssertEqual(error?.line, 1)
        XCTAssertTrue(error?.message.contains("Care_Virtue before Sanctity_Virtue") ?? false)
    }

    func testMFDWithoutVirtueColumnsIsAnError() throws {
        let error = assertDataError(try DictionaryLoader.mfd2(try doc("DicTerm,Care_Vice\nx,X\n"), id: "mfd2", rule: .virtue))
        XCTAssertEqual(error?.line, 1)
        XCTAssertEqual(error?.message, "expected columns named <Foundation>_Virtue")
    }
}
