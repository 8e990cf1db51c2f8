import XCTest
import Stats

final class DesignMatrixTests: XCTestCase {
    /// A 5-level category (the MFD2 analysis) crossed with family and framing,
    /// against R `model.matrix(~ family * category * framing)`.
    func testFiveLevelFactorMatchesModelMatrix() throws {
        let r = try Fixtures.statsReference.object("design_5level")
        let families = ["Gemma", "Llama"], framings = ["positive", "negative"]
        let categories = ["Authority", "Care", "Fairness", "Loyalty", "Sanctity"]
        let design = DesignMatrix.fullFactorial([
            Factor(name: "family", levels: families, codes: try r.strings("family").map { families.firstIndex(of: $0)! }),
            Factor(name: "category", levels: categories, codes: try r.strings("category").map { categories.firstIndex(of: $0)! }),
            Factor(name: "framing", levels: framings, codes: try r.strings("framing").map { framings.firstIndex(of: $0)! }),
        ])
        XCTAssertEqual(design.columnNames, try r.strings("names"))
        XCTAssertEqual(design.columnCount, 20)
        XCTAssertEqual(design.rowCount, 20)
        XCTAssertEqual(design.values, try r.doubles("values"))
        XCTAssertEqual(Array(design.columnNames.prefix(7)),
                       ["(Intercept)", "familyLlama", "categoryCare", "categoryFairness",
                        "categoryLoyalty", "categorySanctity", "framingnegative"])
    }

    /// Four factors: R orders 2-way terms a:b, a:c, b:c, a:d, … (not lexicographically).
    func testFourFactorTermOrderMatchesR() throws {
        let r = try Fixtures.statsReference.object("design_4factor")
        var factors: [Factor] = []
        for (name, levels) in [("a", ["a0", "a1"]), ("b", ["b0", "b1", "b2"]), ("c", ["c0", "c1"]), ("d", ["d0", "d1"])] {
            factors.append(Factor(name: name, levels: levels, codes: try r.strings(name).map { levels.firstIndex(of: $0)! }))
        }
        let design = DesignMatrix.fullFactorial(factors)
        XCTAssertEqual(design.columnNames, try r.strings("names"))
    }

    func testInteractionColumnIsProductOfMainEffects() {
        let f = Factor(name: "family", levels: ["Gemma", "Llama"], codes: [0, 1, 0, 1])
        let c = Factor(name: "category", levels: ["Agency", "Communion"], codes: [0, 0, 1, 1])
        let design = DesignMatrix.fullFactorial([f, c])
        XCTAssertEqual(design.columnNames, ["(Intercept)", "familyLlama", "categoryCommunion", "familyLlama:categoryCommunion"])
        XCTAssertEqual(design.values, [1, 1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1])
        XCTAssertEqual(design[3, 3], 1)
        XCTAssertEqual(design[1, 3], 0)
    }

    /// `selectingRows` is what `fullFactorial` builds from the same rows'
    /// factor codes, entry for entry (==): the leave-one-out refits rely on
    /// it. Seeded random designs with 1–5 levels per factor (a one-level
    /// factor contributes no columns), random subsets in random order.
    func testSelectingRowsEqualsTheDesignBuiltFromThoseRows() {
        var generator = SeededGenerator(seed: 15)
        for trial in 0..<40 {
            let n = 1 + Int(generator.next() % 120)
            let factors = (0..<(2 + trial % 3)).map { f -> Factor in
                let levels = (0..<(1 + Int(generator.next() % 5))).map { "L\($0)" }
                return Factor(name: "f\(f)", levels: levels,
                              codes: (0..<n).map { _ in Int(generator.next() % UInt64(levels.count)) })
            }
            let full = DesignMatrix.fullFactorial(factors)
            let rows = (0..<n).filter { _ in generator.next() % 4 != 0 }.shuffled(using: &generator)
            let rebuilt = DesignMatrix.fullFactorial(factors.map { f in
                Factor(name: f.name, levels: f.levels, codes: rows.map { f.codes[$0] })
            })
            let cut = full.selectingRows(rows)
            XCTAssertEqual(cut.columnNames, rebuilt.columnNames, "trial \(trial)")
            XCTAssertEqual(cut.rowCount, rows.count, "trial \(trial)")
            XCTAssertEqual(cut.values, rebuilt.values, "trial \(trial)")
        }
    }

    /// The same on the study's Big Two table, one reward model left out at a time.
    func testSelectingRowsEqualsTheDesignWithoutEachRewardModel() throws {
        let records = try Fixtures.big2Rows()
        let columns = [("family", "base_model", ["Gemma", "Llama"]), ("category", "Category", ["Agency", "Communion"]),
                       ("framing", "prompt_framing", ["positive", "negative"])]
        func design(_ rows: [[String: String]]) -> DesignMatrix {
            DesignMatrix.fullFactorial(columns.map { name, column, levels in
                Factor(name: name, levels: levels, codes: rows.map { levels.firstIndex(of: $0[column]!)! })
            })
        }
        let full = design(records)
        let models = Array(Set(records.map { $0["model_id"]! })).sorted()
        XCTAssertEqual(models.count, 10)
        for model in models {
            let kept = records.indices.filter { records[$0]["model_id"] != model }
            let rebuilt = design(kept.map { records[$0] })
            XCTAssertEqual(full.selectingRows(kept).values, rebuilt.values, model)
            XCTAssertEqual(full.selectingRows(kept).columnNames, rebuilt.columnNames, model)
        }
    }
}
