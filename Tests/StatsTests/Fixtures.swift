import Foundation
import TestSupport
import XCTest

/// Test-only access to the committed reference files.
enum Fixtures {
    /// Tests/Fixtures/reference.
    static let referenceDirectory = Repository.references

    static func json(_ relativePath: String) throws -> [String: Any] {
        let data = try Data(contentsOf: referenceDirectory.appendingPathComponent(relativePath))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw NSError(domain: "Fixtures", code: 1, userInfo: [NSLocalizedDescriptionKey: "\(relativePath) is not a JSON object"])
        }
        return object
    }

    static var statsReference: [String: Any] { get throws { try json("stats/stats_reference.json") } }
    static var big2Reference: [String: Any] { get throws { try json("big2/fig1_big2.json") } }

    /// The Big Two median-rank table as rows of column name → field.
    static func big2Rows() throws -> [[String: String]] {
        let text = try String(contentsOf: referenceDirectory.appendingPathComponent("big2/fig1_big2_rank_results.csv"),
                              encoding: .utf8)
        return TinyCSV.records(text)
    }

    /// sum_value of one Figure 1 panel for one family.
    static func big2Panel(category: String, framing: String, family: String) throws -> [Double] {
        try big2Rows().filter {
            $0["Category"] == category && $0["prompt_framing"] == framing && $0["base_model"] == family
        }.map { Double($0["sum_value"]!)! }
    }
}

/// Just enough CSV for the reference table: comma-separated, optional double
/// quotes (no embedded quotes or newlines in the fixture), header row.
enum TinyCSV {
    static func records(_ text: String) -> [[String: String]] {
        let lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init).filter { !$0.isEmpty }
        guard let header = lines.first.map(fields) else { return [] }
        return lines.dropFirst().map { line in
            Dictionary(uniqueKeysWithValues: zip(header, fields(line)))
        }
    }

    static func fields(_ line: String) -> [String] {
        line.split(separator: ",", omittingEmptySubsequences: false).map { field in
            var f = Substring(field)
            if f.hasPrefix("\""), f.hasSuffix("\""), f.count >= 2 { f = f.dropFirst().dropLast() }
            return String(f)
        }
    }
}

/// Reading typed values out of JSONSerialization output.
extension Dictionary where Key == String, Value == Any {
    func double(_ key: String, file: StaticString = #filePath, line: UInt = #line) throws -> Double {
        try XCTUnwrap((self[key] as? NSNumber)?.doubleValue, "missing number \(key)", file: file, line: line)
    }
    func doubles(_ key: String, file: StaticString = #filePath, line: UInt = #line) throws -> [Double] {
        if let single = self[key] as? NSNumber { return [single.doubleValue] }
        return try XCTUnwrap((self[key] as? [NSNumber])?.map(\.doubleValue), "missing array \(key)", file: file, line: line)
    }
    func strings(_ key: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        if let single = self[key] as? String { return [single] }
        return try XCTUnwrap(self[key] as? [String], "missing strings \(key)", file: file, line: line)
    }
    func objects(_ key: String, file: StaticString = #filePath, line: UInt = #line) throws -> [[String: Any]] {
        try XCTUnwrap(self[key] as? [[String: Any]], "missing objects \(key)", file: file, line: line)
    }
    func object(_ key: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        try XCTUnwrap(self[key] as? [String: Any], "missing object \(key)", file: file, line: line)
    }
}
