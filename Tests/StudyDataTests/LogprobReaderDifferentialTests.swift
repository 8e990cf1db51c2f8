import Foundation
import TestSupport
@testable import StudyData
import XCTest

/// The fast reader against the small-file `CSVReader` + `strtod` on a
/// generated hostile table, for every request shape the analyses use: all
/// columns, one column, a token filter, and a filter with every-row columns.
/// Whatever the fast paths skip or jump over, the values must agree bit for bit.
final class LogprobReaderDifferentialTests: XCTestCase {
    func testFastReaderAgreesWithTheSimpleReader() throws {
        let dir = try Scratch.folder("differential")
        let keys = ["best_ever_one", "greatest_ever_one", "good_ever_one", "worst_ever_one", "bad_ever_one", "terrible_ever_one"]
        let prompts = keys.map { Prompt(key: $0, text: "", framing: $0.hasPrefix("best") || $0.hasPrefix("g") ? .positive : .negative) }
        let url = dir.appendingPathComponent("t.csv")
        try LogprobGenerator(prompts: prompts, agency: ["power", "skill"], communion: ["love", "care"], seed: 5)
            .write(to: url, family: "Gemma", modelIndex: 3, rows: 700)

        let doc = try CSVReader.read(url: url, displayPath: "t.csv")
        XCTAssertEqual(doc.records.count, 700)
        let tokenColumn = try doc.columnIndex("token_decoded")
        func reference(_ prompt: String) throws -> [Double] {
            let c = try doc.columnIndex(prompt)
            return doc.records.map { strtod($0.fields[c], nil) }
        }
        let allTokens = doc.records.map { $0.fields[tokenColumn] }

        let shapes: [LogprobRequest] = [
            LogprobRequest(prompts: keys),
            LogprobRequest(prompts: ["greatest_ever_one"]),
            LogprobRequest(prompts: ["terrible_ever_one", "best_ever_one"], tokens: ["love", "power", "NaN", ""]),
            LogprobRequest(prompts: keys, tokens: ["love", "care"], everyRowPrompts: ["greatest_ever_one"]),
            // Fig. 3 under every prompt: the rows that read as "freedom" or "love" are wanted too.
            LogprobRequest(prompts: keys, tokens: ["care", "power"], everyRowPrompts: ["greatest_ever_one"], tokenWords: .freedomLove),
            LogprobRequest(prompts: keys, tokens: ["care"], tokenWords: .freedomLove),
        ]
        var wordRows = 0
        for request in shapes {
            let table = try LogprobReader.read(url: url, displayPath: "t.csv", request: request)
            XCTAssertEqual(table.rowsInFile, 700)
            func wanted(_ token: String) -> Bool {
                request.tokens == nil || request.tokens!.contains(token) || request.tokenWords?.word(of: token) != nil
            }
            let kept = allTokens.indices.filter { !request.everyRowPrompts.isEmpty || wanted(allTokens[$0]) }
            if request.tokenWords != nil { wordRows += kept.filter { request.tokenWords!.word(of: allTokens[$0]) != nil }.count }
            XCTAssertEqual(table.tokens, kept.map { allTokens[$0] })
            XCTAssertEqual(table.tokenIDs, kept.map { Int32(doc.records[$0].fields[0])! })
            for (k, prompt) in request.prompts.enumerated() {
                let want = try reference(prompt)
                for (row, r) in kept.enumerated() {
                    let complete = wanted(allTokens[r]) || request.everyRowPrompts.contains(prompt)
                    let got = table.columns[k][row]
                    if complete {
                        XCTAssertEqual(got.bitPattern, want[r].bitPattern, "\(prompt) row \(r)")
                    } else {
                        XCTAssertTrue(got.isNaN, "\(prompt) row \(r) is not read for this token")
                    }
                }
            }
        }
        XCTAssertGreaterThan(wordRows, 0, "the generated table has rows that read as freedom or love")
    }
}
