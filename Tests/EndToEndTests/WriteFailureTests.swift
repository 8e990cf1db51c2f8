import Foundation
import SiteBuilder
import XCTest

/// A write that the system refuses part-way through a build (a full disk, a
/// quota, a file-size limit) is a message naming the file and the system's
/// reason, exit 1, and the previous site exactly as it was — never a kill
/// halfway or a half-written `--out`.
///
/// A full disk cannot be made without privileges, so the test imposes a
/// file-size limit (`ulimit -f`): the build's writes then fail in the same
/// calls and the same way (EFBIG where a full disk gives ENOSPC).
final class WriteFailureTests: XCTestCase {
    func testRefusedWriteLeavesThePreviousSiteAndSaysWhy() throws {
        let root = try SiteFixture.temporaryFolder("write-failure")
        let site = root.appendingPathComponent("site")
        let build = ["build", "--content", SiteFixture.content.root.path,
                     "--templates", SiteFixture.templates.path, "--permutations", "9", "--out", site.path]
        XCTAssertEqual(try CLIRun.run(build).status, 0)
        let before = try snapshot(site)

        // 200 blocks of 512 bytes: the first pages fit, the larger ones do not.
        let result = try CLIRun.run(build + ["--seed", "7"], ulimit: "-f 200")
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("cannot write "), result.stderr)
        XCTAssertTrue(result.stderr.contains(String(cString: strerror(EFBIG))), result.stderr)
        XCTAssertFalse(result.stderr.contains("NSCocoaErrorDomain"), result.stderr)
        XCTAssertEqual(try snapshot(site), before, "the previous site is untouched")
        let left = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.contains(".building-") }
        XCTAssertEqual(left, [], "no staging folder left behind")
    }

    private func snapshot(_ folder: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in SiteFixture.allFiles(under: folder) {
            out[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return out
    }
}
