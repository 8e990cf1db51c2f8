import Foundation
import TestSupport
import OutputFormat
@testable import RunDiff
import XCTest

/// The run-to-run diff on small hand-made results: classification, identity
/// matching, headline order, tolerance boundaries, stable output, errors.
final class RunDiffTests: XCTestCase {
    static func snapshot(_ json: String, label: String = "x") throws -> RunSnapshot {
        RunSnapshot(label: label, results: try JSONReader.parse(Data(json.utf8), source: label), manifest: nil) { _ in nil }
    }

    static func results(p: Double = 0.03, stars: String = "*", estimate: Double = -2.5, rank: Double = 130,
                        extraRM: Bool = false) -> String {
        """
        {"schema": "1.0", "reward_models": {"big2": {
          "panels": [{"category": "Agency", "framing": "positive", "family": "Llama", "stars": "\(stars)",
                      "welch": {"p": \(p), "t": 2.1}}],
          "mixed_model": {"fixed_effects": [{"term": "familyLlama", "estimate": \(estimate), "p": 0.5}]},
          "median_ranks": [{"rm": "A", "family": "Gemma", "category": "Agency", "prompt": "p1", "framing": "positive", "median_rank": \(rank)},
                           {"rm": "B", "family": "Llama", "category": "Agency", "prompt": "p1", "framing": "positive", "median_rank": 120}\(extraRM ? """
                           ,{"rm": "C", "family": "Llama", "category": "Agency", "prompt": "p1", "framing": "positive", "median_rank": 99}
                           """ : "")],
          "families": ["Gemma", "Llama"]}}}
        """
    }

    func diff(_ a: String, _ b: String, tolerance: DiffTolerance = .standard) throws -> RunDiff {
        try RunDiff.compare(try Self.snapshot(a, label: "old"), try Self.snapshot(b, label: "new"), tolerance: tolerance)
    }

    func testAResultWithItselfHasNoChanges() throws {
        let d = try diff(Self.results(), Self.results())
        XCTAssertFalse(d.hasChanges)
        XCTAssertTrue(d.changes.isEmpty)
        XCTAssertGreaterThan(d.unchanged, 10)
        XCTAssertTrue(DiffTextReport.render(d).contains("No changes beyond tolerance."))
        XCTAssertTrue(DiffMarkdownReport.render(d).contains("No changes beyond tolerance."))
    }

    func testListItemsAreMatchedByIdentityNotPosition() throws {
        // The same rows in another order, keys in another order: nothing changed.
        let reordered = """
        {"reward_models": {"big2": {"families": ["Gemma", "Llama"],
          "median_ranks": [{"median_rank": 120, "rm": "B", "family": "Llama", "category": "Agency", "prompt": "p1", "framing": "positive"},
                           {"rm": "A", "family": "Gemma", "category": "Agency", "prompt": "p1", "framing": "positive", "median_rank": 130}],
          "mixed_model": {"fixed_effects": [{"term": "familyLlama", "estimate": -2.5, "p": 0.5}]},
          "panels": [{"category": "Agency", "framing": "positive", "family": "Llama", "stars": "*", "welch": {"p": 0.03, "t": 2.1}}]}},
         "schema": "1.0"}
        """
        XCTAssertTrue(try diff(Self.results(), reordered).changes.isEmpty)
    }

    func testOneChangedValueIsReportedAtItsIdentityPointer() throws {
        let d = try diff(Self.results(), Self.results(rank: 131))
        XCTAssertEqual(d.changes.map(\.pointer.description),
                       ["/reward_models/big2/median_ranks/rm=A,family=Gemma,category=Agency,prompt=p1,framing=positive/median_rank"])
        XCTAssertEqual(d.changes[0].kind, .changed)
        XCTAssertEqual(d.changes[0].delta, 1)
        XCTAssertTrue(d.hasChanges)
        XCTAssertTrue(d.headline.isEmpty)
    }

    func testStarFlipIsDetectedAndLeadsTheHeadline() throws {
        let d = try diff(Self.results(estimate: -2.5), Self.results(p: 0.07, stars: "n.s.", estimate: 1.5))
        let headline = d.headline.map(\.pointer.description)
        XCTAssertEqual(headline.first, "/reward_models/big2/panels/family=Llama,category=Agency,framing=positive/stars")
        XCTAssertEqual(headline.dropFirst().first, "/reward_models/big2/panels/family=Llama,category=Agency,framing=positive/welch/p",
                       "a p-value crossing .05 comes next")
        XCTAssertEqual(d.headline[1].significance?.old, "*")
        XCTAssertEqual(d.headline[1].significance?.new, "n.s.")
        let text = DiffTextReport.render(d)
        let headlineAt = try XCTUnwrap(text.range(of: "Headline"))
        let starsLine = try XCTUnwrap(text.range(of: "framing=positive/stars: \"*\" → \"n.s.\""))
        XCTAssertLessThan(headlineAt.lowerBound, starsLine.lowerBound)
        XCTAssertLessThan(starsLine.lowerBound, try XCTUnwrap(text.range(of: "/reward_models/big2/panels (")).lowerBound, "headline before the sections")
    }

    func testPValueMovingWithinALevelIsNotAHeadline() throws {
        let d = try diff(Self.results(p: 0.03), Self.results(p: 0.02))
        XCTAssertEqual(d.changes.count, 1)
        XCTAssertTrue(d.headline.isEmpty)
        XCTAssertEqual(ValueChange.significanceLevel(0.05), "n.s.")
        XCTAssertEqual(ValueChange.significanceLevel(0.0099), "**")
        XCTAssertEqual(ValueChange.significanceLevel(0.000999), "***")
    }

    func testSignFlipOfAnEstimate() throws {
        let d = try diff(Self.results(estimate: -2.5), Self.results(estimate: 0.25))
        XCTAssertEqual(d.headline.map(\.pointer.description), ["/reward_models/big2/mixed_model/fixed_effects/term=familyLlama/estimate"])
        XCTAssertTrue(d.headline[0].signFlip)
        XCTAssertTrue(DiffTextReport.render(d).contains("[sign flip]"))
        // A value moving from zero is not a sign flip.
        XCTAssertTrue(try diff(Self.results(estimate: 0), Self.results(estimate: 1)).headline.isEmpty)
    }

    func testToleranceBoundaries() throws {
        let t = DiffTolerance(absolute: 0.5, relative: 0)
        XCTAssertEqual(try diff(Self.results(rank: 130), Self.results(rank: 130.5), tolerance: t).changes.first?.kind, .withinTolerance, "|Δ| = abs-tol is within")
        XCTAssertEqual(try diff(Self.results(rank: 130), Self.results(rank: 130.5000001), tolerance: t).changes.first?.kind, .changed)
        let r = DiffTolerance(absolute: 0, relative: 0.25)
        XCTAssertEqual(try diff(Self.results(rank: 96), Self.results(rank: 128), tolerance: r).changes.first?.kind, .withinTolerance,
                       "|Δ| = 32 = 0.25 × max(|96|, |128|)")
        XCTAssertEqual(try diff(Self.results(rank: 96), Self.results(rank: 128.5), tolerance: r).changes.first?.kind, .changed)
        let within = try diff(Self.results(rank: 130), Self.results(rank: 130.5), tolerance: t)
        XCTAssertFalse(within.hasChanges, "within tolerance does not fail the diff")
        XCTAssertFalse(DiffTextReport.render(within).contains("median_rank:"), "changed-only output")
        XCTAssertTrue(DiffTextReport.render(within, showWithinTolerance: true).contains("[within tolerance]"))
        // The default tolerance hides last-digit noise and nothing a page shows.
        XCTAssertTrue(DiffTolerance.standard.accepts(0.1234567891, 0.1234567892))
        XCTAssertFalse(DiffTolerance.standard.accepts(0.1234, 0.1235))
    }

    func testAddedAndRemovedListItems() throws {
        let added = try diff(Self.results(), Self.results(extraRM: true))
        XCTAssertEqual(added.changes.map(\.kind), [.added])
        XCTAssertEqual(added.changes[0].pointer.description, "/reward_models/big2/median_ranks/rm=C,family=Llama,category=Agency,prompt=p1,framing=positive")
        XCTAssertEqual(added.changes[0].leafCount, 6)
        XCTAssertTrue(added.hasChanges)
        let removed = try diff(Self.results(extraRM: true), Self.results())
        XCTAssertEqual(removed.changes.map(\.kind), [.removed])
        XCTAssertTrue(DiffTextReport.render(removed).contains("- /rm=C,family=Llama"))
    }

    func testListsWithoutIdentifyingFieldsFallBackToIndexAndStringListsToValues() throws {
        XCTAssertEqual(ItemIdentity.scheme(old: [.integer(1), .integer(2)], new: [.integer(1)]), .index)
        XCTAssertEqual(ItemIdentity.scheme(old: [.string("a"), .string("b")], new: [.string("b")]), .stringValues)
        let dup: [JSONTree] = [.object(["term": .string("x")]), .object(["term": .string("x")])]
        XCTAssertEqual(ItemIdentity.scheme(old: dup, new: dup), .index, "not unique: by index")
        let d = try diff(Self.results(), Self.results().replacingOccurrences(of: "\"families\": [\"Gemma\", \"Llama\"]", with: "\"families\": [\"Llama\", \"Gemma\"]"))
        XCTAssertEqual(d.changes.map(\.pointer.description), ["/reward_models/big2/families"], "a reordered string list is one change")
    }

    func testPointerSegmentsAreEscaped() {
        let p = ResultPointer.root.appending(.key("a/b~c")).appending(.item([("term", "x,y=z%/")]))
        XCTAssertEqual(p.description, "/a~1b~0c/term=x%2Cy%3Dz%25~1")
        XCTAssertEqual(ResultPointer.parse("/a~1b~0c/d").segments, [.key("a/b~c"), .key("d")])
    }

    func testJSONOutputIsStableAndComplete() throws {
        let a = DiffJSONReport.render(try diff(Self.results(), Self.results(p: 0.07, stars: "n.s.", extraRM: true)))
        let b = DiffJSONReport.render(try diff(Self.results(), Self.results(p: 0.07, stars: "n.s.", extraRM: true)))
        XCTAssertEqual(a, b)
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(a.utf8)) as? [String: Any])
        XCTAssertEqual(root["changed"] as? Bool, true)
        XCTAssertEqual((root["changes"] as? [Any])?.count, 3, "stars, p, one added row")
        XCTAssertEqual((root["summary"] as? [String: Any])?["significance_changes"] as? Int, 2)
        XCTAssertEqual((root["headline"] as? [String])?.first, "/reward_models/big2/panels/family=Llama,category=Agency,framing=positive/stars")
    }

    func testMarkdownEscapesDataAndKeepsTablesIntact() throws {
        let hostile = Self.results().replacingOccurrences(of: "\"term\": \"familyLlama\"", with: "\"term\": \"a|b`*<x>\"")
        let d = try diff(hostile, hostile.replacingOccurrences(of: "-2.5", with: "3"))
        let md = DiffMarkdownReport.render(d)
        let row = try XCTUnwrap(md.split(separator: "\n").first { $0.contains("estimate") })
        XCTAssertTrue(row.contains("a\\|b`*<x>"), String(row))
        XCTAssertTrue(row.hasPrefix("| ``"), "a longer fence around a value with a backtick")
    }

    func testMalformedAndMismatchedInputsGiveClearErrors() throws {
        let dir = try Scratch.folder("rundiff")
        func error(_ text: String?, name: String = "results.json") -> String {
            let url = dir.appendingPathComponent(name)
            if let text { try? text.write(to: url, atomically: true, encoding: .utf8) }
            do { _ = try RunSnapshot.load(path: url.path); return "no error" } catch { return "\(error)" }
        }
        XCTAssertTrue(error("{\"schema\": \"1.0\",\n  \"a\": [1, 2") .hasSuffix("results.json:2:13: unexpected end of file inside an array"))
        XCTAssertTrue(error("[1]").contains("not a Backbone results.json"))
        XCTAssertTrue(error("{\"a\": 1}").contains("no \"schema\""))
        XCTAssertTrue(error("{\"tool\": \"backbone\", \"inputs\": []}").contains("this is a manifest.json"))
        XCTAssertTrue(error("{\"schema\": \"1.0\", \"schema\": \"2\"}").contains("duplicate key"))
        XCTAssertTrue(error(nil, name: "missing.json").contains("no such file or folder"))
        do { _ = try RunSnapshot.load(path: dir.path); XCTFail() } catch {
            XCTAssertTrue("\(error)".contains("not a built site (no results.json in it)") || "\(error)".contains("schema"), "\(error)")
        }
        XCTAssertThrowsError(try diff(Self.results(), Self.results().replacingOccurrences(of: "\"schema\": \"1.0\"", with: "\"schema\": \"2.0\""))) {
            XCTAssertTrue("\($0)".contains("cannot be compared"))
        }
    }

    func testReaderKeepsIntegersBooleansAndInvisibleCharacters() throws {
        let t = try JSONReader.parse(Data(#"{"a": 1080, "b": 1080.0, "c": true, "d": "\ufeff", "e": "\ud83d\ude00"}"#.utf8), source: "x")
        XCTAssertEqual(t.field("a"), .integer(1080))
        XCTAssertEqual(t.field("b"), .double(1080))
        XCTAssertEqual(t.field("c"), .bool(true))
        XCTAssertEqual(t.field("d"), .string("\u{FEFF}"))
        XCTAssertEqual(t.field("e"), .string("😀"))
        XCTAssertThrowsError(try JSONReader.parse(Data("01".utf8), source: "x"))
        XCTAssertThrowsError(try JSONReader.parse(Data("{} x".utf8), source: "x"))
    }
}
