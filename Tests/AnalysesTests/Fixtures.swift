import Analyses
import Foundation
import StudyData
import TestSupport
import XCTest

/// Shared, computed-once inputs for the analysis tests: the real vendored
/// study, its analysis, and the reference values in Tests/Fixtures. Loading
/// or analysing can fail; the failure is kept and rethrown to every test
/// that asks, so each such test fails with the error instead of the whole
/// run crashing.
enum Fixtures {
    static let content = ContentFolder(root: Repository.content)
    static let references = Repository.references

    /// 20,000 relabellings: enough to check permutation p within Monte-Carlo
    /// error of the R reference while keeping the debug-mode test quick.
    static let options = AnalysisOptions(mfdColumns: .virtue, panelTest: .permutation, permutations: 20_000, seed: 42)

    private static let loaded = Task { try await StudyLoader.load(folder: content) }
    private static let analysed = Task { try await StudyAnalysis.run(loaded.value, options: options) }

    static func study() async throws -> LoadedStudy { try await loaded.value }
    static func results() async throws -> StudyResults { try await analysed.value }

    static func json(_ relative: String) throws -> [String: Any] {
        let data = try Data(contentsOf: references.appendingPathComponent(relative))
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(relative) is not a JSON object")
    }

    /// Rows of a reference CSV as dictionaries keyed by header (quotes stripped).
    static func csvRows(_ relative: String) throws -> [[String: String]] {
        let doc = try CSVReader.read(url: references.appendingPathComponent(relative), displayPath: relative)
        return doc.records.map { Dictionary(uniqueKeysWithValues: zip(doc.header, $0.fields)) }
    }
}

func double(_ any: Any?) -> Double {
    if let n = any as? NSNumber { return n.doubleValue }
    if let s = any as? String, let v = Double(s) { return v }
    return .nan
}

/// Checks a fitted mixed model against two R references.
///
/// `exact`: the exact REML optimum (Tests/Fixtures/reference/mfd2/exact_reml.R),
/// which is what Backbone reports — every quantity to 1e-6 relative.
/// `nlme`: `nlme::lme` with its default settings, whose optimiser stops a
/// little short of the maximum. Quantities that do not depend on where it
/// stopped (estimates, DF, residual SD, logLik, AIC, BIC) agree to 1e-6; the
/// random-intercept SD and the SE, t and p that follow from it agree to 5e-4,
/// and our log-likelihood is never below nlme's.
func assertMixedModel(_ model: MixedModelResult, exact: [String: Any], nlme: [String: Any],
                      nlmeKeys: (estimate: String, se: String, df: String, t: String, p: String) = ("estimate", "SE", "DF", "t", "p"),
                      termName: (String) -> String = { $0 }, label: String,
                      file: StaticString = #filePath, line: UInt = #line) {
    func check(_ reference: [String: Any], _ keys: (estimate: String, se: String, df: String, t: String, p: String), sensitiveTolerance: Double, _ which: String) {
        guard let terms = reference["fixed_effects"] as? [[String: Any]] else { return XCTFail("\(label) \(which): no fixed_effects", file: file, line: line) }
        XCTAssertEqual(model.fixedEffects.map(\.term), terms.map { termName(($0["term"] as? String) ?? "") }, "\(label) \(which) terms", file: file, line: line)
        for (o, t) in zip(model.fixedEffects, terms) {
            let what = "\(label) \(which) \(o.term)"
            assertRelativelyClose(o.estimate, double(t[keys.estimate]), 1e-6, "\(what) estimate", file: file, line: line)
            XCTAssertEqual(o.df, double(t[keys.df]), "\(what) DF", file: file, line: line)
            assertRelativelyClose(o.standardError, double(t[keys.se]), sensitiveTolerance, "\(what) SE", file: file, line: line)
            assertRelativelyClose(o.t, double(t[keys.t]), sensitiveTolerance, "\(what) t", file: file, line: line)
            let p = double(t[keys.p])
            if p == 0 { XCTAssertLessThan(o.p, 1e-300, what, file: file, line: line) }
            else { assertRelativelyClose(o.p, p, sensitiveTolerance, "\(what) p", file: file, line: line) }
        }
        assertRelativelyClose(model.randomInterceptSD, double(reference["random_intercept_sd"]), sensitiveTolerance, "\(label) \(which) random-intercept SD", file: file, line: line)
        assertRelativelyClose(model.residualSD, double(reference["residual_sd"]), 1e-6, "\(label) \(which) residual SD", file: file, line: line)
        assertRelativelyClose(model.logLikelihood, double(reference["logLik"]), 1e-6, "\(label) \(which) logLik", file: file, line: line)
        assertRelativelyClose(model.aic, double(reference["AIC"]), 1e-6, "\(label) \(which) AIC", file: file, line: line)
        assertRelativelyClose(model.bic, double(reference["BIC"]), 1e-6, "\(label) \(which) BIC", file: file, line: line)
    }
    check(exact, ("estimate", "SE", "DF", "t", "p"), sensitiveTolerance: 1e-6, "exact REML")
    check(nlme, nlmeKeys, sensitiveTolerance: 5e-4, "nlme defaults")
    XCTAssertGreaterThanOrEqual(model.logLikelihood, double(nlme["logLik"]) - 1e-12 * abs(double(nlme["logLik"])), "\(label): the exact optimum is at least nlme's", file: file, line: line)
}
