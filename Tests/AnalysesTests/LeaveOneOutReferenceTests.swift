import Analyses
import TestSupport
import XCTest

/// R3 (leave one RM / one prompt out) against the exact-REML reference with
/// nlme's DF (Tests/Fixtures/reference/robustness/make_robustness_reference.R).
final class LeaveOneOutReferenceTests: XCTestCase {
    func testEveryRefitMatchesTheReference() async throws {
        let reference = try Fixtures.json("robustness/leave_one_out_reference.json")
        let fixtureResults = try await Fixtures.results()
        let robustness = try XCTUnwrap(fixtureResults.robustness)
        for key in ["big2", "mfd2", "mfd2_script"] {
            let ours = try XCTUnwrap(robustness.result(for: key)).leaveOneOut
            let theirs = reference[key] as! [[String: Any]]
            XCTAssertEqual(ours.count, 64, key)
            XCTAssertEqual(ours.filter { $0.unit == .rm }.count, 10, key)
            XCTAssertEqual(ours.filter { $0.unit == .rm }.map(\.leftOut), theirs.filter { $0["unit"] as? String == "rm" }.map { $0["left_out"] as! String }, key)
            XCTAssertEqual(Set(ours.map { $0.unit.rawValue + "/" + $0.leftOut }), Set(theirs.map { "\($0["unit"]!)/\($0["left_out"]!)" }), key)
            for fit in ours {
                let ref = try XCTUnwrap(theirs.first { $0["unit"] as? String == fit.unit.rawValue && $0["left_out"] as? String == fit.leftOut })
                let terms = ref["fixed_effects"] as! [[String: Any]]
                XCTAssertEqual(fit.fixedEffects.map(\.term), terms.map { $0["term"] as! String }, "\(key) \(fit.leftOut)")
                for (e, t) in zip(fit.fixedEffects, terms) {
                    let what = "\(key) without \(fit.leftOut): \(e.term)"
                    assertRelativelyClose(e.estimate, double(t["estimate"]), 1e-6, "\(what) estimate")
                    assertRelativelyClose(e.standardError, double(t["std_error"]), 1e-6, "\(what) SE")
                    XCTAssertEqual(e.df, double(t["df"]), "\(what) DF")
                    assertRelativelyClose(e.t, double(t["t"]), 1e-6, "\(what) t")
                    let p = double(t["p"])
                    if p < 1e-300 { XCTAssertLessThan(e.p, 1e-300, what) } else { assertRelativelyClose(e.p, p, 1e-6, "\(what) p") }
                }
            }
        }
    }
}
