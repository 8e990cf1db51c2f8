import Analyses
import Foundation
@testable import SiteBuilder
import TestSupport
import XCTest

/// `results.json` is traceable: `Docs/results-schema.md` lists every field
/// with the Swift property and the function behind it and is regenerated from
/// the types (this test fails when the committed file is out of date), and
/// every figure's `depends_on` pointer names a value in a real `results.json`.
final class ResultsSchemaTests: XCTestCase {
    func testCommittedSchemaIsUpToDate() async throws {
        let results = try await SiteFixture.fullResults
        let fields = try ResultsSchema.fields(of: results)
        XCTAssertEqual(Set(fields.map(\.owner)).filter { ResultsSchema.computedBy[$0] == nil }, [],
                       "result types without their computing function in ResultsSchema.computedBy")
        XCTAssertTrue(fields.contains { $0.pointer == "/reward_models/{id}/mixed_model/fixed_effects/*/std_error"
                                        && $0.owner == "FixedEffectRow" && $0.property == "standardError" && $0.valueType == "Double" })
        XCTAssertTrue(fields.contains { $0.pointer == "/logprob_ranks/pairs/*/cells/*/valence" && $0.valueType == "Framing" })
        assertMatchesSnapshot(try ResultsSchema.markdown(of: results), named: "results-schema.md",
                              in: Repository.root.appendingPathComponent("Docs"))
    }

    /// The recording encoder and `results.json` agree: every pointer the schema
    /// lists (`*` any item, `{id}` any key) reaches a value of the full build.
    func testEverySchemaPointerIsInResultsJSON() async throws {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: await SiteFixture.fullSite.appendingPathComponent("results.json")))
        let fields = try ResultsSchema.fields(of: await SiteFixture.fullResults)
        XCTAssertGreaterThan(fields.count, 300)
        for field in fields {
            XCTAssertTrue(Self.reaches(Self.segments(field.pointer), json), field.pointer)
        }
    }

    func testEveryFigureDependencyResolves() async throws {
        for site in [try await SiteFixture.site, try await SiteFixture.fullSite] {
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: site.appendingPathComponent("results.json")))
            let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: site.appendingPathComponent("manifest.json"))) as? [String: Any]
            let figures = try XCTUnwrap(manifest?["figures"] as? [[String: Any]])
            XCTAssertGreaterThanOrEqual(figures.count, 14)
            for figure in figures {
                let pointers = try XCTUnwrap(figure["depends_on"] as? [String], "\(figure)")
                XCTAssertFalse(pointers.isEmpty, "\(figure["id"] ?? "")")
                for pointer in pointers {
                    XCTAssertTrue(Self.reaches(Self.segments(pointer), json, exact: true), "\(figure["id"] ?? ""): \(pointer)")
                }
            }
        }
        // The optional sections' figures are there in the full build.
        let full = try String(contentsOf: await SiteFixture.fullSite.appendingPathComponent("manifest.json"), encoding: .utf8)
        for pointer in [LogprobRankSection.pairsPointer, ImplicitRewardSection.freedomLovePointer, TrainingSectionResult.tokenDynamicsFamiliesPointer] {
            XCTAssertTrue(full.contains("\"\(pointer)\""), pointer)
        }
    }

    static func segments(_ pointer: String) -> [String] {
        pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
            .map { $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~") }
    }

    /// Whether the path exists; unless `exact`, `*` matches any list item and `{id}` any key.
    static func reaches(_ path: [String], _ node: Any, exact: Bool = false) -> Bool {
        guard let key = path.first else { return true }
        let rest = Array(path.dropFirst())
        if let object = node as? [String: Any] {
            if !exact && key == "{id}" { return object.values.contains { reaches(rest, $0) } }
            return object[key].map { reaches(rest, $0, exact: exact) } ?? false
        }
        if let list = node as? [Any] {
            if !exact && key == "*" { return list.contains { reaches(rest, $0) } }
            return Int(key).map { list.indices.contains($0) && reaches(rest, list[$0], exact: exact) } ?? false
        }
        return false
    }
}
