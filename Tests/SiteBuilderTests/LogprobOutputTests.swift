import Analyses
import Foundation
import OutputFormat
@testable import SiteBuilder
import StudyData
import TestSupport
import XCTest

/// Output details of §3: results.json keys, visible tokens, `backbone mwlr` formats.
final class LogprobOutputTests: XCTestCase {
    func testAnovaKeysKeepStatsmodelsCapitalF() throws {
        let json = try CanonicalJSON.encode(AnovaRow(term: "model", sumSq: 1, df: 1, f: 2, p: 0.5))
        XCTAssertTrue(json.contains("\"F\": 2") && json.contains("\"sum_sq\": 1"), json)
    }

    func testTokensAreMadeVisible() {
        XCTAssertEqual(VisibleToken.render(" Love"), "␣Love")
        XCTAssertEqual(VisibleToken.render("\n\nLove"), "\\n\\nLove")
        XCTAssertEqual(VisibleToken.render("a\rb"), "a\\rb")
        XCTAssertEqual(VisibleToken.render("Love\u{200B}"), "Love\\u{200B}")
        XCTAssertEqual(VisibleToken.render("\u{1F}x"), "\\u{1F}x")
        XCTAssertEqual(VisibleToken.render(""), "(empty)")
        XCTAssertEqual(VisibleToken.render("**"), "**")
        XCTAssertEqual(VisibleToken.render("x "), "x␣")
    }

    func testMWLRCommandOutputOnASmallPair() throws {
        let table = TokenTableResult(title: "mwlr", modelA: "a.csv", modelB: "b.csv", displayA: "a.csv", displayB: "b.csv",
                                     prompt: "greatest_ever_one", measure: .mwlr, commonTokens: 4,
                                     top: [RankedToken(rank: 1, token: "Freedom", score: 0.5581), RankedToken(rank: 2, token: " That", score: 0.1)],
                                     bottom: [RankedToken(rank: 3, token: "\n\nLove", score: -0.25), RankedToken(rank: 4, token: "Love", score: -0.38706)])
        XCTAssertEqual(try TokenTableFormat.text.render(table), """
            MWLR of a.csv over b.csv, prompt greatest_ever_one: 4 common tokens
            Top 2:
              1    0.55810  Freedom
              2    0.10000  ␣That
            Bottom 2:
              3   -0.25000  \\n\\nLove
              4   -0.38706  Love

            """)
        XCTAssertEqual(try TokenTableFormat.csv.render(table),
                       "end,rank,token,score\r\ntop,1,Freedom,0.5581\r\ntop,2,\" That\",0.1\r\nbottom,3,\"\n\nLove\",-0.25\r\nbottom,4,Love,-0.38706\r\n")
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(TokenTableFormat.json.render(table).utf8)) as? [String: Any])
        XCTAssertEqual(json["common_tokens"] as? Int, 4)
        XCTAssertEqual((json["top"] as? [[String: Any]])?.first?["token"] as? String, "Freedom")
    }

    /// Output from generated tables says SIMULATED in every format.
    func testSimulatedTablesAreLabelledInEveryFormat() throws {
        let table = TokenTableResult(title: "mwlr", modelA: "a.csv", modelB: "b.csv", displayA: "a.csv", displayB: "b.csv",
                                     prompt: "p", measure: .mwlr, commonTokens: 2,
                                     top: [RankedToken(rank: 1, token: "x", score: 0.5)], bottom: [RankedToken(rank: 2, token: "y", score: -0.5)])
        XCTAssertTrue(try TokenTableFormat.text.render(table, simulated: true).hasPrefix("SIMULATED tables"))
        XCTAssertFalse(try TokenTableFormat.text.render(table).contains("SIMULATED"))
        XCTAssertEqual(try TokenTableFormat.csv.render(table, simulated: true),
                       "simulated,end,rank,token,score\r\nSIMULATED,top,1,x,0.5\r\nSIMULATED,bottom,2,y,-0.5\r\n")
        for (simulated, expected) in [(true, true), (false, false)] {
            let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(TokenTableFormat.json.render(table, simulated: simulated).utf8)) as? [String: Any])
            XCTAssertEqual(json["simulated"] as? Bool, expected)
            XCTAssertEqual(json["common_tokens"] as? Int, 2)
        }
    }

    func testMWLRCommandScoresTheFixturePair() throws {
        let folder = Repository.reference("logprobs/tables")
        let read = { (name: String) in try LogprobReader.read(url: folder.appendingPathComponent(name), displayPath: name,
                                                              request: LogprobRequest(prompts: ["greatest_ever_one"])) }
        let a = try read("meta-llama--Llama-3.2-3B-Instruct.csv"), b = try read("google--gemma-2-2b-it.csv")
        let model = { (t: LogprobTable) in ImplicitRewards.Model(name: t.path, displayName: t.path, shortName: "", version: "0", sizeB: 0, table: t) }
        let result = try ImplicitRewards.tokenTable(title: "mwlr", a: model(a), b: model(b), prompt: "greatest_ever_one", top: 3)
        let text = try TokenTableFormat.text.render(result)
        XCTAssertTrue(text.contains("    1    0.59022  Freedom\n"), text)
        XCTAssertTrue(text.contains("  103   -1.81966  chats\n"), text)
    }
}
