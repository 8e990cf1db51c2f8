import Analyses
import Foundation
import StudyData
import XCTest

/// Paths and shared, computed-once inputs for the analysis tests: the real
/// vendored study and the R reference values in Tests/Fixtures.
enum Fixtures {
    static let repoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let content = ContentFolder(root: repoRoot.appendingPathComponent("content"))
    static let references = repoRoot.appendingPathComponent("Tests/Fixtures/reference")

    static let study: LoadedStudy = try! StudyLoader.load(folder: content)

    /// 20,000 relabellings: enough to check permutation p within Monte-Carlo
    /// error of the R reference while keeping the debug-mode test quick.
    static let options = AnalysisOptions(mfdColumns: .virtue, panelTest: .permutation, permutations: 20_000, seed: 42)
    static let results: StudyResults = try! StudyAnalysis.run(study, options: options)

    static func json(_ relative: String) -> [String: Any] {
        let data = try! Data(contentsOf: references.appendingPathComponent(relative))
        return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    /// Rows of a reference CSV as dictionaries keyed by header (quotes stripped).
    static func csvRows(_ relative: String) -> [[String: String]] {
        let doc = try! CSVReader.read(url: references.appendingPathComponent(relative), displayPath: relative)
        return doc.records.map { Dictionary(uniqueKeysWithValues: zip(doc.header, $0.fields)) }
    }
}

func double(_ any: Any?) -> Double {
    if let n = any as? NSNumber { return n.doubleValue }
    if let s = any as? String, let v = Double(s) { return v }
    return .nan
}

/// Relative closeness, as the spec states it (1e-6 relative); falls back to
/// an absolute tolerance for values at zero.
func XCTAssertRelative(_ actual: Double, _ expected: Double, _ tolerance: Double = 1e-6, _ message: String = "",
                       file: StaticString = #filePath, line: UInt = #line) {
    let scale = max(abs(expected), 1e-300)
    let ok = expected == 0 ? abs(actual) < 1e-300 : abs(actual - expected) / scale <= tolerance
    XCTAssert(ok, "\(message): \(actual) vs reference \(expected) (relative error \(abs(actual - expected) / scale))", file: file, line: line)
}
