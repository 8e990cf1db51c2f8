import Foundation
@testable import StudyData
import XCTest

/// Simulated tables: deterministic, readable by the reader, with the planted effects.
final class LogprobGeneratorTests: XCTestCase {
    let prompts = [Prompt(key: "greatest_ever_one", text: "", framing: .positive), Prompt(key: "worst_ever_one", text: "", framing: .negative)]

    func generate(_ name: String, family: String, seed: UInt64 = 7) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("generator-\(ProcessInfo.processInfo.processIdentifier)")
        let url = dir.appendingPathComponent(name)
        try LogprobGenerator(prompts: prompts, agency: ["success", "power"], communion: ["family", "friend"], seed: seed)
            .write(to: url, family: family, modelIndex: 0, rows: 400)
        return url
    }

    func testSameSeedSameBytesAndHostileTokensReadBack() throws {
        let a = try Data(contentsOf: generate("a.csv", family: "Llama")), b = try Data(contentsOf: generate("b.csv", family: "Llama"))
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a, try Data(contentsOf: generate("c.csv", family: "Llama", seed: 8)))
        let table = try LogprobReader.read(url: generate("a.csv", family: "Llama"), displayPath: "a.csv",
                                           request: LogprobRequest(prompts: ["greatest_ever_one", "worst_ever_one"]))
        XCTAssertEqual(table.rowsInFile, 400)
        for token in ["<section", "<!--[", "a,b", "x\ny", "a\ry", "NaN", "", "a\u{0}b", "\\xFF"] {
            XCTAssertTrue(table.tokens.contains(token) || token == "a\ry" && table.tokens.contains("a\rb"), "missing \(token.debugDescription)")
        }
        XCTAssertGreaterThan(table.audit.bareCRRows, 0)
        XCTAssertGreaterThan(table.audit.missingLikeTokens, 0)
        XCTAssertGreaterThan(table.audit.invalidUTF8Rows, 0)
        // Columns are log-softmax: probabilities sum to 1.
        for column in table.columns { XCTAssertEqual(column.reduce(0) { $0 + exp($1) }, 1, accuracy: 1e-9) }
    }

    func testPlantedEffects() throws {
        let request = LogprobRequest(prompts: ["greatest_ever_one"])
        let llama = try LogprobReader.read(url: generate("l.csv", family: "Llama"), displayPath: "l", request: request)
        let gemma = try LogprobReader.read(url: generate("g.csv", family: "Gemma"), displayPath: "g", request: request)
        func value(_ t: LogprobTable, _ token: String) -> Double { t.columns[0][t.tokens.firstIndex(of: token)!] }
        XCTAssertGreaterThan(value(llama, "Freedom"), value(gemma, "Freedom"))
        XCTAssertGreaterThan(value(gemma, "Love"), value(llama, "Love"))
    }
}
