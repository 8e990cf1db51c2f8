import Foundation
import TestSupport
@testable import StudyData
import XCTest

/// Simulated tables: deterministic, readable by the reader, hostile, with the
/// planted effects visible.
final class LogprobGeneratorTests: XCTestCase {
    let prompts = [Prompt(key: "greatest_ever_one", text: "", framing: .positive), Prompt(key: "worst_ever_one", text: "", framing: .negative)]
    let dir = Scratch.root.appendingPathComponent("generator-\(UUID().uuidString)")

    func generate(_ name: String, family: String, seed: UInt64 = 7, rows: Int = 400) throws -> URL {
        let url = dir.appendingPathComponent(name)
        try LogprobGenerator(prompts: prompts, agency: ["success", "power", "freedom"], communion: ["family", "friend", "love"], seed: seed)
            .write(to: url, family: family, modelIndex: 0, rows: rows)
        return url
    }

    func testSameSeedSameBytes() throws {
        let a = try Data(contentsOf: generate("a.csv", family: "Llama")), b = try Data(contentsOf: generate("b.csv", family: "Llama"))
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a, try Data(contentsOf: generate("c.csv", family: "Llama", seed: 8)))
        // Pins the exact output (SplitMix64 and glibc's libm on x86-64 Linux):
        // a change here means tables generated earlier are no longer reproduced.
        XCTAssertEqual(SHA256.hex(a), "1b0c0234f32481560319836e474127c2818c9f4726ea5f90dd357a62ac640852")
    }

    func testHostileTokensReadBackAndAreAudited() throws {
        let table = try LogprobReader.read(url: generate("a.csv", family: "Gemma"), displayPath: "a.csv",
                                           request: LogprobRequest(prompts: ["greatest_ever_one", "worst_ever_one"]))
        XCTAssertEqual(table.rowsInFile, 400)
        for token in ["<section", "<!--[", "<center", "(bodyParser", "**", "&amp;", "\"", "a,b", "x\ny", "a\rb", "\r", "NaN", "null", "None",
                      "NA", "", "\u{0}", "a\u{0}b", "\u{85}", "\u{202E}abc", "\u{200B}", "\u{E000}", "\\xFF", String(repeating: "=", count: 2048)] {
            XCTAssertTrue(table.tokens.contains(token), "missing \(token.debugDescription)")
        }
        XCTAssertEqual(Set(table.tokenIDs).count, 400, "token ids are unique")
        XCTAssertGreaterThan(table.tokens.count - Set(table.tokens).count, 10, "some strings occur under several ids")
        XCTAssertEqual(table.audit.bareCRRows, 2)
        XCTAssertEqual(table.audit.invalidUTF8Rows, 4)
        XCTAssertGreaterThanOrEqual(table.audit.missingLikeTokens, 12)
        XCTAssertGreaterThanOrEqual(table.audit.controlCharRows, 10)
        for column in table.columns {
            XCTAssertEqual(column.reduce(0) { $0 + exp($1) }, 1, accuracy: 1e-9, "log-softmax: probabilities sum to 1")
            XCTAssertLessThan(column.min()!, -30, "a long tail")
            XCTAssertGreaterThan(column.max()!, -3, "a few likely tokens")
        }
    }

    func testTokenNamesSpellTheLeadingSpaceLikeTheTokenizer() throws {
        let gemma = try String(decoding: Data(contentsOf: generate("g.csv", family: "Gemma")), as: UTF8.self)
        let llama = try String(decoding: Data(contentsOf: generate("l.csv", family: "Llama")), as: UTF8.self)
        XCTAssertTrue(gemma.contains(",\u{2581}power, power,"))
        XCTAssertTrue(llama.contains(",\u{120}power, power,"))
    }

    /// Freedom tops a Llama-vs-Gemma MWLR ranking and Love bottoms it, and
    /// the Big Two categories move as planted.
    func testPlantedEffectsAreVisible() throws {
        let request = LogprobRequest(prompts: ["greatest_ever_one"])
        let llama = try LogprobReader.read(url: generate("l.csv", family: "Llama", rows: 2000), displayPath: "l", request: request)
        let gemma = try LogprobReader.read(url: generate("g.csv", family: "Gemma", rows: 2000), displayPath: "g", request: request)
        func best(_ t: LogprobTable) -> [String: Double] {
            var out: [String: Double] = [:]
            for (token, v) in zip(t.tokens, t.columns[0]) where !token.isEmpty { out[token] = max(out[token] ?? -.infinity, v) }
            return out
        }
        let a = best(llama), b = best(gemma)
        let mwlr = a.keys.filter { b[$0] != nil }.map { t -> (String, Double) in
            let x = a[t]!, y = b[t]!
            return (t, 0.5 * (exp(x) + exp(y)) * (x - y))
        }.sorted { $0.1 > $1.1 }
        XCTAssertEqual(mwlr.first?.0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased(), "freedom")
        XCTAssertEqual(mwlr.last?.0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased(), "love")
        // Agency nouns gain under Llama, Communion nouns under Gemma (positive prompt).
        func mean(_ words: [String], _ t: [String: Double]) -> Double { words.map { t[$0]! }.reduce(0, +) / Double(words.count) }
        let agency = ["success", "power"], communion = ["family", "friend"]
        XCTAssertGreaterThan(mean(agency, a) - mean(communion, a), mean(agency, b) - mean(communion, b))
    }

    func testReadmeSaysSimulatedAndWhatIsPlanted() {
        let text = LogprobGenerator(prompts: prompts, agency: [], communion: [], seed: 3)
            .readme(files: [("google--gemma-2-2b.csv", "Gemma", 256_000)])
        XCTAssertTrue(text.hasPrefix("# SIMULATED log-prob tables"))
        for phrase in ["--seed 3", "google--gemma-2-2b.csv", "Agency", "Communion", "Freedom", "Love", "never as evidence"] {
            XCTAssertTrue(text.contains(phrase), phrase)
        }
    }
}
