import Analyses
import Stats
import StudyData
import TestSupport
import XCTest

/// R1 (reward models as the unit) against the pandas/scipy reference in
/// Tests/Fixtures/reference/robustness (make_rm_level_reference.py).
final class RMLevelReferenceTests: XCTestCase {
    var reference: [String: Any] = [:]

    override func setUpWithError() throws {
        reference = try Fixtures.json("robustness/rm_level_reference.json")
    }

    func testAllThreeDictionariesMatchTheReference() async throws {
        let fixtureResults = try await Fixtures.results()
        let robustness = try XCTUnwrap(fixtureResults.robustness)
        XCTAssertEqual(robustness.dictionaries.map { RobustnessSection.key(dictionary: $0.dictionary, columns: $0.columns) },
                       ["big2", "mfd2", "mfd2_script"])
        for key in ["big2", "mfd2", "mfd2_script"] {
            let ours = try XCTUnwrap(robustness.result(for: key)).rmLevel
            assertMatches(ours, reference[key] as! [String: Any], label: key)
            XCTAssertEqual(ours.nRms, 10)
            XCTAssertEqual(ours.assignments, 210)
            XCTAssertTrue(ours.exact)
        }
    }

    /// In the balanced design each per-RM contrast's family difference is the
    /// paper model's estimate (Big Two 3-way: −19.8279…).
    func testContrastsEqualTheMixedModelEstimates() async throws {
        let fixtureResults = try await Fixtures.results()
        let robustness = try XCTUnwrap(fixtureResults.robustness)
        for r in fixtureResults.rewardModels.dictionaries + fixtureResults.rewardModels.alternatives {
            let ours = try XCTUnwrap(robustness.result(for: RobustnessSection.key(dictionary: r.dictionary, columns: r.columns))).rmLevel
            let familyTerms = r.mixedModel.fixedEffects.filter { $0.term.hasPrefix("family") }
            XCTAssertEqual(ours.terms.map(\.term), familyTerms.map(\.term))
            for (a, b) in zip(ours.terms, familyTerms) { assertRelativelyClose(a.estimate, b.estimate, 1e-9, "\(r.dictionary) \(a.term)") }
        }
        let threeWay = robustness.result(for: "big2")!.rmLevel.terms.last!
        XCTAssertEqual(threeWay.term, "familyLlama:categoryCommunion:framingnegative")
        XCTAssertEqual((threeWay.estimate * 1e4).rounded() / 1e4, -19.8279)
    }

    func testThreeFamiliesCompareEachWithTheReferenceFamily() async throws {
        let fixtureResults = try await Fixtures.results()
        let big2 = fixtureResults.rewardModels.result(for: "big2")!
        let rows = big2.medianRanks.map { row -> MedianRankRow in
            var r = row
            if ["R-Lla-8B", "R-Lla-3B"].contains(r.rm) { r.family = "Qwen" }
            return r
        }
        let families = ["Gemma", "Llama", "Qwen"], categories = ["Agency", "Communion"], framings: [Framing] = [.positive, .negative]
        let design = DesignMatrix.fullFactorial([
            Factor(name: "family", levels: families, codes: rows.map { families.firstIndex(of: $0.family)! }),
            Factor(name: "category", levels: categories, codes: rows.map { categories.firstIndex(of: $0.category)! }),
            Factor(name: "framing", levels: framings.map(\.rawValue), codes: rows.map { framings.firstIndex(of: $0.framing)! }),
        ])
        let ours = RMLevelInference.analyse(rows: rows, families: families, categories: categories, framings: framings,
                                            terms: design.columnNames, seedKey: "three", options: Fixtures.options)
        let theirs = reference["three_families"] as! [String: Any]
        // The reference lists terms family by family; the model interleaves them.
        let order = (theirs["terms"] as! [[String: Any]]).map { $0["term"] as! String }
        XCTAssertEqual(Set(ours.terms.map(\.term)), Set(order))
        XCTAssertEqual(ours.terms.count, 8)
        assertMatches(ours, theirs, label: "three families")
        // Gemma (4) vs Llama (4): C(8, 4) = 70; Gemma vs Qwen (2): C(6, 2) = 15; the largest is reported.
        XCTAssertEqual(ours.assignments, 70)
        XCTAssertTrue(ours.exact)
        XCTAssertEqual(ours.panels.count, 8)
    }

    func assertMatches(_ ours: RMLevelResult, _ theirs: [String: Any], label: String,
                       file: StaticString = #filePath, line: UInt = #line) {
        let cells = theirs["cell_means"] as! [[String: Any]]
        XCTAssertEqual(ours.cellMeans.count, cells.count, label, file: file, line: line)
        for c in cells {
            let mine = ours.cellMeans.first { $0.rm == c["rm"] as? String && $0.category == c["category"] as? String && $0.framing.rawValue == c["framing"] as? String }
            assertRelativelyClose(mine?.mean ?? .nan, double(c["mean"]), 1e-12, "\(label) cell mean", file: file, line: line)
            XCTAssertEqual(mine?.family, c["family"] as? String, file: file, line: line)
        }
        for t in theirs["terms"] as! [[String: Any]] {
            let name = t["term"] as! String
            guard let mine = ours.terms.first(where: { $0.term == name }) else { XCTFail("\(label): no \(name)", file: file, line: line); continue }
            let what = "\(label) \(name)"
            assertRelativelyClose(mine.estimate, double(t["estimate"]), 1e-9, "\(what) estimate", file: file, line: line)
            assertRelativelyClose(mine.tStudent, double(t["t_student"]), 1e-9, "\(what) Student t", file: file, line: line)
            XCTAssertEqual(mine.dfStudent, double(t["df_student"]), what, file: file, line: line)
            assertRelativelyClose(mine.pStudent, double(t["p_student"]), 1e-6, "\(what) Student p", file: file, line: line)
            assertRelativelyClose(mine.tWelch, double(t["t_welch"]), 1e-9, "\(what) Welch t", file: file, line: line)
            assertRelativelyClose(mine.dfWelch, double(t["df_welch"]), 1e-9, "\(what) Welch df", file: file, line: line)
            assertRelativelyClose(mine.pWelch, double(t["p_welch"]), 1e-6, "\(what) Welch p", file: file, line: line)
            // Exact p compared exactly, as hits / assignments (JSON parsing may round the decimal).
            XCTAssertEqual(mine.pPermutation, double(t["permutation_hits"]) / double(t["assignments"]), "\(what) exact permutation p", file: file, line: line)
            assertRelativelyClose(mine.pPermutation, double(t["p_permutation"]), 1e-14, "\(what) exact permutation p", file: file, line: line)
            let perRM = t["per_rm"] as! [String: Any]
            XCTAssertEqual(Set(mine.perRm.map(\.rm)), Set(perRM.keys), what, file: file, line: line)
            for v in mine.perRm { assertRelativelyClose(v.value, double(perRM[v.rm]), 1e-12, "\(what) \(v.rm)", file: file, line: line) }
        }
        let panels = theirs["panels"] as! [[String: Any]]
        XCTAssertEqual(ours.panels.count, panels.count, label, file: file, line: line)
        for (mine, p) in zip(ours.panels, panels) {
            let what = "\(label) \(p["framing"]!) \(p["category"]!) \(p["family"]!)"
            XCTAssertEqual([mine.framing.rawValue, mine.category, mine.family], [p["framing"], p["category"], p["family"]] as? [String], what, file: file, line: line)
            let welch = p["welch"] as! [String: Any], perm = p["permutation"] as! [String: Any]
            assertRelativelyClose(mine.difference, double(p["difference"]), 1e-9, "\(what) difference", file: file, line: line)
            assertRelativelyClose(mine.welch.t, double(welch["t"]), 1e-9, "\(what) t", file: file, line: line)
            assertRelativelyClose(mine.welch.df, double(welch["df"]), 1e-9, "\(what) df", file: file, line: line)
            assertRelativelyClose(mine.welch.p, double(welch["p"]), 1e-6, "\(what) p", file: file, line: line)
            assertRelativelyClose(mine.welch.pAdjusted, double(welch["p_adjusted"]), 1e-6, "\(what) p adjusted", file: file, line: line)
            let assignments = ExactPermutationTest.binomial(ours.perRmCount(family: mine.family), ours.familySize(mine.family))
            XCTAssertEqual(mine.permutation.p, double(perm["hits"]) / assignments, "\(what) permutation p", file: file, line: line)
            XCTAssertEqual(mine.permutation.pAdjusted, min(1, double(perm["hits"]) / assignments * Double(panels.count)), "\(what) permutation p adjusted", file: file, line: line)
            assertRelativelyClose(mine.permutation.pAdjusted, double(perm["p_adjusted"]), 1e-14, "\(what) permutation p adjusted", file: file, line: line)
            XCTAssertEqual(mine.stars.rawValue, p["stars"] as? String, what, file: file, line: line)
        }
    }
}

private extension RMLevelResult {
    /// RMs of `family` plus those of the reference family (the first cell mean's family).
    func perRmCount(family: String) -> Int {
        let reference = cellMeans[0].family
        return Set(cellMeans.filter { $0.family == family || $0.family == reference }.map(\.rm)).count
    }
    func familySize(_ family: String) -> Int { Set(cellMeans.filter { $0.family == family }.map(\.rm)).count }
}
