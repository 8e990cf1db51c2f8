import Analyses
import Foundation
import SiteBuilder
import StudyData
import TestSupport
import XCTest

/// The §4 page with SIMULATED checkpoint tables (`backbone generate-checkpoints`):
/// Fig. 5, A6 and G1 appear, labelled simulated, with their data downloads.
final class TrainingCheckpointPagesTests: XCTestCase {
    /// The shared site built with every optional input (`SiteFixture.fullSite`).
    static var site: URL { get async throws { try await SiteFixture.fullSite } }

    func testFiguresAppearLabelledSimulatedWithTheirData() async throws {
        let page = try String(contentsOf: await Self.site.appendingPathComponent("training.html"), encoding: .utf8)
        let scan = XMLScan(page)
        XCTAssertNil(scan.error)
        XCTAssertTrue(page.contains("SIMULATED data."))
        XCTAssertFalse(page.contains("the checkpoint tables are missing"))
        for figure in ["fig5", "figA6", "figG"] {
            XCTAssertTrue(page.contains("id=\"figure-\(figure)\""), figure)
            let svg = try String(contentsOf: await Self.site.appendingPathComponent("figures/\(figure).svg"), encoding: .utf8)
            XCTAssertNil(XMLScan(svg).error, figure)
            XCTAssertTrue(svg.contains("SIMULATED"), "\(figure): the standalone SVG says it is simulated")
        }
        // The table of the simulated checkpoint files says so first, as §3's tables do.
        XCTAssertTrue(page.contains("<caption>SIMULATED — The checkpoint tables read and what the analysis kept.</caption>"))
        for link in scan.links where !link.hasPrefix("#") && !link.contains("://") {
            let path = String(link.split(separator: "#").first ?? "")
            if path.isEmpty { continue }
            let site = try await Self.site
            XCTAssertTrue(FileManager.default.fileExists(atPath: site.appendingPathComponent(path).path), link)
        }
        XCTAssertTrue(page.contains("Gemma: biggest riser choice (Agency, +"), "the planted riser leads Fig. 5")

        let data = try Data(contentsOf: await Self.site.appendingPathComponent("results.json"))
        let training = try XCTUnwrap((JSONSerialization.jsonObject(with: data) as? [String: Any])?["training"] as? [String: Any])
        let tokens = try XCTUnwrap(training["token_dynamics"] as? [String: Any])
        XCTAssertEqual(tokens["status"] as? String, "ok")
        XCTAssertEqual(tokens["simulated"] as? Bool, true)
        let families = try XCTUnwrap(tokens["families"] as? [[String: Any]])
        XCTAssertEqual(families.map { $0["family"] as? String }, ["Gemma", "Llama", "Qwen"])
        let kendall = try XCTUnwrap(families[0]["kendall"] as? [[String: Any]])
        XCTAssertTrue(kendall[0]["vs_previous"] is NSNull, "the first checkpoint has no previous one: null, not a dropped key")
    }
}
