import Foundation
import XCTest
@testable import StudyData

/// The pyarrow-written files of Tests/Fixtures/parquet (made by its
/// make_fixtures.py) and the values they hold (`expected.json`).
enum ParquetFixtures {
    static let folder = Repo.root.appendingPathComponent("Tests/Fixtures/parquet")

    static func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

    static func data(_ name: String) throws -> Data { try Data(contentsOf: url(name)) }

    static func open(_ name: String) throws -> ParquetFile {
        try ParquetFile.open(url: url(name), displayPath: name)
    }

    /// Read on each use: a `[String: Any]` is not `Sendable`, so it cannot be a shared `static let`.
    static var expected: [String: Any] {
        let data = try! Data(contentsOf: folder.appendingPathComponent("expected.json"))
        return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    static var files: [String] { expected["files"] as! [String] }
    static var columns: [String: [Any]] { expected["columns"] as! [String: [Any]] }

    static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    /// The bytes of a page header that starts at `offset`, and where it ends.
    static func pageHeader(in data: Data, at offset: Int) throws -> (ParquetPageHeader, end: Int) {
        try data.withUnsafeBytes { raw in
            var reader = ThriftCompactReader(ByteCursor(raw, from: offset))
            let header = try ParquetPageHeader.decode(&reader)
            return (header, reader.cursor.position)
        }
    }
}
