@testable import Analyses
import StudyData
import XCTest

/// The leave-one-out refits take each design cut from the full one (rows
/// dropped) instead of building it from the kept rows' factors; both give the
/// same refits, bit for bit (==), on the study's data — and when leaving a
/// reward model out empties a family, its terms drop out as before.
final class LeaveOneOutTests: XCTestCase {
    /// Each refit as it was computed before: from the kept rows themselves.
    private func refitFromRows(_ rows: [MedianRankRow], _ fit: LeaveOneOutFit, families: [String],
                               categories: [String], framings: [Framing]) throws -> [FixedEffectRow] {
        var rms: [String] = []
        for r in rows where !rms.contains(r.rm) { rms.append(r.rm) }
        let subset = rows.filter { fit.unit == .rm ? $0.rm != fit.leftOut : $0.prompt != fit.leftOut }
        let present = families.filter { f in subset.contains { $0.family == f } }
        return try RewardModelRanks.fitMixedModel(rows: subset, rmLabels: rms, families: present,
                                                  categories: categories, framings: framings).fixedEffects
    }

    func testRefitsEqualFitsOfTheKeptRows() async throws {
        let results = try await Fixtures.results()
        for key in ["big2", "mfd2"] {
            let r = try XCTUnwrap(results.rewardModels.result(for: key))
            let framings = Framing.allCases.filter { f in r.medianRanks.contains { $0.framing == f } }
            let refits = try await LeaveOneOut.refits(rows: r.medianRanks, families: r.families,
                                                      categories: r.categories, framings: framings)
            XCTAssertEqual(refits.count, 64, key)
            for fit in refits {
                let expected = try refitFromRows(r.medianRanks, fit, families: r.families,
                                                 categories: r.categories, framings: framings)
                XCTAssertEqual(fit.fixedEffects, expected, "\(key) without \(fit.leftOut)")
            }
        }
    }

    /// A family with one reward model: leaving it out drops the family's terms.
    func testLeavingOutAFamilysOnlyModelDropsItsTerms() async throws {
        let results = try await Fixtures.results()
        let r = try XCTUnwrap(results.rewardModels.result(for: "big2"))
        let framings = Framing.allCases.filter { f in r.medianRanks.contains { $0.framing == f } }
        let lone = try XCTUnwrap(r.medianRanks.first { $0.family == r.families[1] }).rm
        let rows = r.medianRanks.filter { $0.family != r.families[1] || $0.rm == lone }
        let refits = try await LeaveOneOut.refits(rows: rows, families: r.families, categories: r.categories,
                                                  framings: framings)
        let without = try XCTUnwrap(refits.first { $0.unit == .rm && $0.leftOut == lone })
        XCTAssertFalse(without.fixedEffects.contains { $0.term.hasPrefix("family") })
        XCTAssertTrue(try XCTUnwrap(refits.first { $0.unit == .prompt }).fixedEffects.contains { $0.term.hasPrefix("family") })
        for fit in refits {
            let expected = try refitFromRows(rows, fit, families: r.families, categories: r.categories, framings: framings)
            XCTAssertEqual(fit.fixedEffects, expected, "without \(fit.leftOut)")
        }
    }
}
