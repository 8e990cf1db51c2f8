import Foundation
import SiteBuilder
import XCTest

/// `build --out` and `diff --html` through the real CLI: a folder is replaced
/// only when it is empty or Backbone's own output; everything else — the
/// working folder, an input folder, a file, a folder with a person's files —
/// is refused with a message and exit 1 (2 for `diff`), and nothing is lost.
final class OutputFolderSafetyTests: XCTestCase {
    let fm = FileManager.default

    /// A working folder with content/, templates/, a person's notes and a
    /// folder of theirs.
    func workspace(_ name: String) throws -> URL {
        let root = try SiteFixture.temporaryFolder("out-\(name)")
        try fm.copyItem(at: SiteFixture.content.root, to: root.appendingPathComponent("content"))
        try fm.copyItem(at: SiteFixture.templates, to: root.appendingPathComponent("templates"))
        try "my notes".write(to: root.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        try fm.createDirectory(at: root.appendingPathComponent("thesis/.git"), withIntermediateDirectories: true)
        try "draft".write(to: root.appendingPathComponent("thesis/draft.tex"), atomically: true, encoding: .utf8)
        return root
    }

    /// Every path under a folder with its size: what must survive a refusal.
    func inventory(_ root: URL) -> [String: Int] {
        var out: [String: Int] = [:]
        let e = fm.enumerator(at: root, includingPropertiesForKeys: [.fileSizeKey])!
        for case let url as URL in e {
            let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            if relative.hasSuffix(".lock") { continue }
            out[relative] = (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? -1
        }
        return out
    }

    func build(out: String, extra: [String] = [], in root: URL) throws -> CLIRun {
        try CLIRun.run(["build", "--out", out, "--permutations", "9"] + extra, in: root)
    }

    func testEveryFolderThatIsNotOursIsRefusedAndNothingIsLost() throws {
        let root = try workspace("refuse")
        let before = inventory(root)
        let cases: [(out: String, extra: [String], says: String)] = [
            (".", [], "is the working folder"),
            ("", [], "--out is empty"),
            ("./", [], "is the working folder"),
            ("content", [], "is the content folder"),
            ("content/data", [], "lies inside the content folder"),
            ("content/pages/new", [], "lies inside the content folder"),
            ("templates", [], "is the templates folder"),
            ("notes.txt", [], "is a file, not a folder"),
            ("thesis", [], "is not a Backbone output"),
            ("/", [], "is the root folder"),
            ("..", [], "contains the working folder"),
            (root.path, [], "is the working folder"),
            ("thesis/out", ["--logprobs", "thesis"], "lies inside the log-probs folder"),
            ("thesis", ["--checkpoints", "thesis/.git"], "contains the checkpoints folder"),
        ]
        for c in cases {
            let result = try build(out: c.out, extra: c.extra, in: root)
            XCTAssertEqual(result.status, 1, "--out \(c.out): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(c.says), "--out \(c.out): \(result.stderr)")
            XCTAssertFalse(result.stderr.contains("NSCocoaErrorDomain") || result.stderr.contains("Error Domain"), result.stderr)
            XCTAssertEqual(inventory(root), before, "--out \(c.out) changed the working folder")
        }
    }

    func testDiffHTMLRefusesTheSameWay() async throws {
        let root = try workspace("diff")
        let site = try await SiteFixture.site.path
        let before = inventory(root)
        for (html, says) in [(".", "is the working folder"), ("notes.txt", "is a file, not a folder"), ("", "--html is empty"),
                             ("thesis", "is not a Backbone output"), ("templates", "is the templates folder")] {
            let result = try CLIRun.run(["diff", site, site, "--html", html], in: root)
            XCTAssertEqual(result.status, 2, "--html \(html): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(says), "--html \(html): \(result.stderr)")
            XCTAssertEqual(inventory(root), before)
        }
        let inside = try CLIRun.run(["diff", site, site, "--html", try await SiteFixture.site.appendingPathComponent("diff").path], in: root)
        XCTAssertEqual(inside.status, 2)
        XCTAssertTrue(inside.stderr.contains("lies inside the OLD folder"), inside.stderr)
        // Its own output is replaced; once a person adds a file to it, it is not.
        XCTAssertEqual(try CLIRun.run(["diff", site, site, "--html", "d"], in: root).status, 0)
        XCTAssertEqual(try CLIRun.run(["diff", site, site, "--html", "d"], in: root).status, 0)
        try "mine".write(to: root.appendingPathComponent("d/mine.txt"), atomically: true, encoding: .utf8)
        let refused = try CLIRun.run(["diff", site, site, "--html", "d"], in: root)
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("files Backbone did not write (mine.txt)"), refused.stderr)
        XCTAssertEqual(try String(contentsOf: root.appendingPathComponent("d/mine.txt"), encoding: .utf8), "mine")
    }

    /// Two builds into one folder: the second fails at once with a clear
    /// message, the first finishes whole; a person's file added to the
    /// finished site then stops the next build.
    func testConcurrentBuildsAndAPersonsFileInTheSite() throws {
        let root = try workspace("concurrent")
        let first = try CLIRun.start(["build", "--out", "site", "--permutations", "9"], in: root)
        // Wait until the first build holds the lock.
        let lockPath = root.appendingPathComponent(".site.lock").path
        var held = false
        for _ in 0..<600 where !held {
            let fd = open(lockPath, O_RDONLY)
            if fd >= 0 {
                if flock(fd, LOCK_EX | LOCK_NB) != 0 { held = true } else { flock(fd, LOCK_UN) }
                close(fd)
            }
            if !held { usleep(50_000) }
        }
        XCTAssertTrue(held, "the first build takes the lock")
        let second = try build(out: "site", in: root)
        XCTAssertEqual(second.status, 1)
        XCTAssertTrue(second.stderr.contains("another backbone process is writing this folder right now"), second.stderr)
        let winner = CLIRun.finish(first)
        XCTAssertEqual(winner.status, 0, winner.stderr)
        let marker = try String(contentsOf: root.appendingPathComponent("site/\(OutputFolder.markerName)"), encoding: .utf8)
        let listed = marker.split(separator: "\n").dropFirst(2).map(String.init)
        XCTAssertEqual(listed, SiteFixture.allFiles(under: root.appendingPathComponent("site")), "the site is whole and its marker lists it")
        XCTAssertTrue(try fm.contentsOfDirectory(atPath: root.path).allSatisfy { !$0.contains(".building-") && !$0.contains(".old-") })

        try "my remarks".write(to: root.appendingPathComponent("site/remarks.md"), atomically: true, encoding: .utf8)
        let refused = try build(out: "site", in: root)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("files Backbone did not write (remarks.md)"), refused.stderr)
        XCTAssertEqual(try String(contentsOf: root.appendingPathComponent("site/remarks.md"), encoding: .utf8), "my remarks")
    }

    /// Folders the system will not let us write: a message with the reason,
    /// never Foundation's raw error text.
    func testUnwritablePlacesGiveAPlainMessage() throws {
        let root = try workspace("unwritable")
        for out in ["/proc/backbone-test/site", "/proc/self/site"] {
            let result = try build(out: out, in: root)
            XCTAssertEqual(result.status, 1, result.stderr)
            XCTAssertTrue(result.stderr.contains("cannot"), result.stderr)
            XCTAssertFalse(result.stderr.contains("NSCocoaErrorDomain") || result.stderr.contains("Error Domain") || result.stderr.contains("NSError"),
                           result.stderr)
        }
    }
}
