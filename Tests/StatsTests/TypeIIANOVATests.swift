import Foundation
@testable import Stats
import TestSupport
import XCTest

/// Type II ANOVA against statsmodels `anova_lm(typ=2)` on an unbalanced
/// 2×2×2 design (Tests/Fixtures/reference/logprobs/make_logprob_reference.py),
/// where Type I, II and III differ — a balanced design would not tell them apart.
final class TypeIIANOVATests: XCTestCase {
    func testMatchesStatsmodelsOnAnUnbalancedDesign() throws {
        let reference = try XCTUnwrap(try Fixtures.json("logprobs/reference.json")["unbalanced_anova"] as? [String: Any])
        let rows = try XCTUnwrap(reference["rows"] as? [[String: Any]])
        func factor(_ name: String) -> Factor {
            let values = rows.map { $0[name] as! String }
            let levels = [name + "0", name + "1"]
            return Factor(name: name, levels: levels, codes: values.map { levels.firstIndex(of: $0)! })
        }
        let y = rows.map { ($0["y"] as! NSNumber).doubleValue }
        let table = try TypeIIANOVA.fit(response: y, factors: [factor("a"), factor("b"), factor("c")])
        let expected = try XCTUnwrap(reference["anova"] as? [[String: Any]])
        let names = ["C(a)": "a", "C(b)": "b", "C(c)": "c", "C(a):C(b)": "a:b", "C(a):C(c)": "a:c", "C(b):C(c)": "b:c",
                     "C(a):C(b):C(c)": "a:b:c", "Residual": "residual"]
        XCTAssertEqual(table.map(\.term), expected.map { names[$0["term"] as! String]! })
        for (row, ref) in zip(table, expected) {
            assertClose(row.sumSq, (ref["sum_sq"] as! NSNumber).doubleValue, row.term)
            XCTAssertEqual(row.df, (ref["df"] as! NSNumber).doubleValue, row.term)
            if let f = ref["F"] as? NSNumber {
                assertClose(row.f, f.doubleValue, row.term)
                assertClose(row.p, (ref["p"] as! NSNumber).doubleValue, row.term)
            } else {
                XCTAssertTrue(row.f.isNaN && row.p.isNaN)
            }
        }
    }

    func testOLSRejectsARankDeficientDesign() {
        let design = DesignMatrix(columnNames: ["(Intercept)", "x", "x2"], rowCount: 4,
                                  values: [1, 1, 1, 1, 0, 1, 0, 1, 0, 2, 0, 2])
        XCTAssertThrowsError(try OrdinaryLeastSquares.fit(response: [1, 2, 3, 4], design: design))
    }

    /// 1e-6 relative; sums of squares of null effects are 0 only up to rounding.
    private func assertClose(_ x: Double, _ y: Double, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        assertRelativelyClose(x, y, 1e-6, label, absolute: 1e-18, file: file, line: line)
    }
}
