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
}
