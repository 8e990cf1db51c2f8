import Foundation
import OutputFormat
@testable import RunDiff
import XCTest

/// `backbone diff` puts a claim of the paper whose status changed at the top of its headline.
final class ClaimDiffTests: XCTestCase {
    static func results(status: String, stars: String) -> String {
        """
        {"schema": "1.0", "claims": [{"id": "s2-a", "section": "§2", "text": "t", "keys": ["/x"], "status": "\(status)", "note": "n"},
                                     {"id": "s2-b", "section": "§2", "text": "u", "keys": [], "status": "reproduced", "note": "m"}],
         "reward_models": {"big2": {"panels": [{"category": "Agency", "framing": "positive", "family": "Llama", "stars": "\(stars)"}]}}}
        """
    }

    func testAClaimWhoseStatusChangedLeadsTheHeadline() throws {
        let old = try RunDiffTests.snapshot(Self.results(status: "reproduced", stars: "**"), label: "old")
        let new = try RunDiffTests.snapshot(Self.results(status: "differs", stars: "n.s."), label: "new")
        let d = try RunDiff.compare(old, new)
        XCTAssertEqual(d.headline.map(\.pointer.description).first, "/claims/id=s2-a/status")
        XCTAssertEqual(d.headline.count, 2, "the claim, then the star flip")
        XCTAssertTrue(DiffTextReport.render(d).contains("claim status reproduced → differs"), DiffTextReport.render(d))
        // The same status on both sides: no claim in the headline.
        let same = try RunDiff.compare(old, try RunDiffTests.snapshot(Self.results(status: "reproduced", stars: "n.s."), label: "new"))
        XCTAssertFalse(same.headline.contains { $0.pointer.description.hasPrefix("/claims") })
    }
}
