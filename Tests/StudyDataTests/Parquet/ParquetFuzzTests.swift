import Foundation
import XCTest
@testable import StudyData

/// Damaged files end in a `DataError`, never in a crash, a hang or another
/// kind of error: every byte of small files flipped in turn, then random
/// truncations and cuts.
final class ParquetFuzzTests: XCTestCase {
    private func readEverything(_ data: Data) -> Error? {
        do {
            let file = try ParquetFile(data: data, path: "fuzz.parquet")
            for column in file.columns {
                do { _ = try file.read(column: column.name) } catch let e as DataError { _ = e } catch { return error }
            }
            return nil
        } catch is DataError {
            return nil
        } catch {
            return error
        }
    }

    func testEveryByteFlipped() throws {
        for name in ["fuzz-dictionary-snappy-v1.parquet", "fuzz-delta-zstd-v2.parquet"] {
            let data = try ParquetFixtures.data(name)
            for i in 0 ..< data.count {
                var copy = data
                copy[i] ^= 0xFF
                if let error = readEverything(copy) { XCTFail("\(name) byte \(i) flipped: \(error)") }
                copy[i] = data[i] ^ 0x01
                if let error = readEverything(copy) { XCTFail("\(name) byte \(i) low bit flipped: \(error)") }
            }
        }
    }

    func testRandomTruncationsAndCuts() throws {
        var generator = SplitMix64(seed: 14)  // the simulated tables' generator: deterministic cuts
        for name in ["plain-gzip-v2.parquet", "bytestreamsplit-none-v1.parquet", "fallback-snappy-v2.parquet"] {
            let data = try ParquetFixtures.data(name)
            for _ in 0 ..< 150 {
                let k = Int(generator.next() % UInt64(data.count))
                if let error = readEverything(data.prefix(k)) { XCTFail("\(name) cut to \(k) bytes: \(error)") }
                // Cut bytes from the middle but keep the footer, so the reader gets past the magic.
                let from = Int(generator.next() % UInt64(data.count)), length = Int(generator.next() % 64) + 1
                var cut = data
                cut.removeSubrange(from ..< min(from + length, data.count - 1))
                if let error = readEverything(cut) { XCTFail("\(name) bytes \(from)..<\(from + length) cut: \(error)") }
            }
        }
    }
}
