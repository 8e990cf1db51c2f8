import Foundation
import TestSupport
import XCTest
@testable import StudyData

/// The study files these tests read, inside the repository's `content/`
/// (paths from `TestSupport.Repository`).
enum Repo {
    static let root = Repository.root

    static let content = Repository.content

    static func contentFile(_ relative: String) -> URL { Repository.contentFile(relative) }

    static let big2ScoresQRMGemma27B = "data/reward_model_scores/dict_big2_nouns/big2_rewards_nicolinho_QRM-Gemma-2-27B.csv"
    static let big2Nouns = "data/corpora/dict_big2_nouns.csv"
    static let mfd2Dicx = "data/corpora/moral-foundations-dictionary-20.dicx"
}


/// Runs `body`, asserts it throws a `DataError`, and returns that error for
/// further checks (nil after recording a failure).
@discardableResult
func assertDataError<T>(_ body: @autoclosure () throws -> T,
                        _ message: String = "",
                        file: StaticString = #filePath, line: UInt = #line) -> DataError? {
    do {
        let value = try body()
        XCTFail("expected a DataError, got a value: \(value) \(message)", file: file, line: line)
        return nil
    } catch let error as DataError {
        return error
    } catch {
        XCTFail("expected a DataError, got \(type(of: error)): \(error) \(message)", file: file, line: line)
        return nil
    }
}

/// Parses CSV text (UTF-8) with a fixed display path.
func parseCSV(_ text: String, path: String = "t.csv") throws -> CSVDocument {
    try CSVReader.parse(Data(text.utf8), path: path)
}

func parseCSV(bytes: [UInt8], path: String = "t.csv") throws -> CSVDocument {
    try CSVReader.parse(Data(bytes), path: path)
}

/// Asks the kernel to drop `url`'s pages from `offset` to its end from the
/// page cache (written out first), as after a reboot: what a read that waits
/// for the disk meets. Returns whether it took; a file system that keeps
/// files in memory (tmpfs) cannot drop them.
@discardableResult
func dropFromPageCache(_ url: URL, from offset: Int = 0) -> Bool {
    let fd = open(url.path, O_RDONLY)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    fsync(fd)
    posix_fadvise(fd, off_t(offset), 0, Int32(POSIX_FADV_DONTNEED))
    return PageCacheResidency.residentFraction(url) < 0.99
}
