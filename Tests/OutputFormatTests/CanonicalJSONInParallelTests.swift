@testable import OutputFormat
import XCTest

/// `encodeInParallel` writes exactly what `encode` writes (results.json is
/// written by the first and was written by the second): members in key
/// order, nested values indented as deep, a repeated key's last value, and
/// any root that is not an object.
final class CanonicalJSONInParallelTests: XCTestCase {
    struct Cell: Codable, Sendable { var label: String; var pValue: Double; var counts: [Int] }
    struct Results: Codable, Sendable {
        var schema = "4"
        var rewardModels = [Cell(label: "big2", pValue: 0.0123456789012, counts: [1, 2, 3]),
                            Cell(label: "mfd2 \"quoted\"\n", pValue: 1e-300, counts: [])]
        var logprobRanks: Cell? = nil
        var training: Cell? = Cell(label: "§4 ünïcode", pValue: .nan, counts: [7])
        var claims: [String] = []
        var zeta = ["nested": ["deeper": [1.5, 2.5]], "empty": [:]]
        var alpha = 42
    }

    func assertSameText<T: Encodable & Sendable>(_ value: T, file: StaticString = #filePath, line: UInt = #line) async throws {
        let serial = try CanonicalJSON.encode(value)
        let parallel = try await CanonicalJSON.encodeInParallel(value)
        XCTAssertEqual(parallel, serial, file: file, line: line)
    }

    func testMembersAreWrittenAsTheWholeValueWritesThem() async throws {
        try await assertSameText(Results())
        let text = try await CanonicalJSON.encodeInParallel(Results())
        // Sorted keys, snake_case, the nil member left out, nested values two spaces per level.
        XCTAssertTrue(text.hasPrefix("{\n  \"alpha\": 42,\n  \"claims\": [],\n  \"reward_models\": [\n    {\n      \"counts\": [\n        1,"), text)
        XCTAssertFalse(text.contains("logprob_ranks"), text)
        XCTAssertTrue(text.hasSuffix("  }\n}\n"), text)
    }

    func testARepeatedKeyKeepsItsLastValue() async throws {
        struct Twice: Encodable, Sendable {
            enum Key: String, CodingKey { case value, other }
            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: Key.self)
                try c.encode(1, forKey: .value)
                try c.encode(["x"], forKey: .other)
                var nested = c.nestedContainer(keyedBy: Key.self, forKey: .value)
                try nested.encode(2.5, forKey: .other)
                try c.encode(["y", "z"], forKey: .other)
            }
        }
        try await assertSameText(Twice())
        let text = try await CanonicalJSON.encodeInParallel(Twice())
        XCTAssertEqual(text, "{\n  \"other\": [\n    \"y\",\n    \"z\"\n  ],\n  \"value\": {\n    \"other\": 2.5\n  }\n}\n")
    }

    func testARootThatIsNoObjectIsWrittenAsItIs() async throws {
        try await assertSameText([Results(), Results()])
        try await assertSameText("plain")
        try await assertSameText(3.25)
        try await assertSameText([String: Int]())
        try await assertSameText(Optional<Int>.none)
    }
}
