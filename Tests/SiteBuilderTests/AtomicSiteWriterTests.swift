import Foundation
import SiteBuilder
import XCTest

/// The site folder is swapped in whole, or not at all.
final class AtomicSiteWriterTests: XCTestCase {
    var root: URL!
    var destination: URL { root.appendingPathComponent("site") }
    let fm = FileManager.default

    override func setUpWithError() throws {
        root = fm.temporaryDirectory.appendingPathComponent("AtomicSiteWriterTests-\(UUID().uuidString)")
        try fm.createDirectory(at: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? fm.removeItem(at: root)
    }

    /// Every file under a folder, relative path → contents.
    func snapshot(_ folder: URL) throws -> [String: String] {
        var out: [String: String] = [:]
        let base = folder.resolvingSymlinksInPath().path
        guard let e = fm.enumerator(at: folder, includingPropertiesForKeys: [.isDirectoryKey]) else { return out }
        for case let url as URL in e where try url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory != true
            && url.lastPathComponent != OutputFolder.markerName {
            let path = url.resolvingSymlinksInPath().path
            out[String(path.dropFirst(base.count + 1))] = try String(contentsOf: url, encoding: .utf8)
        }
        return out
    }

    /// The entries of a folder, without the lock file every writer leaves beside its destination.
    func entries(_ folder: URL) throws -> [String] {
        try fm.contentsOfDirectory(atPath: folder.path).filter { !$0.hasSuffix(".lock") }.sorted()
    }

    func makeOldSite() throws {
        try fm.createDirectory(at: destination.appendingPathComponent("figures"), withIntermediateDirectories: true)
        try "old index".write(to: destination.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        try "old figure".write(to: destination.appendingPathComponent("figures/old.svg"), atomically: true, encoding: .utf8)
        try "stale".write(to: destination.appendingPathComponent("stale.html"), atomically: true, encoding: .utf8)
        try OutputFolder.marker(files: ["index.html", "figures/old.svg", "stale.html"])
            .write(to: destination.appendingPathComponent(OutputFolder.markerName), atomically: true, encoding: .utf8)
    }

    func testFilesLandOnlyAfterCommit() throws {
        var writer = try AtomicSiteWriter(destination: destination)
        try writer.write("index.html", "<p>new</p>")
        try writer.write("figures/fig1a.svg", "<svg/>")
        try writer.write("downloads/t1.csv", Data("a,b\r\n".utf8))
        XCTAssertFalse(fm.fileExists(atPath: destination.path), "nothing at the destination before commit")
        XCTAssertEqual(try snapshot(writer.staging), ["index.html": "<p>new</p>", "figures/fig1a.svg": "<svg/>", "downloads/t1.csv": "a,b\r\n"],
                       "checks can read the staged site")
        XCTAssertEqual(writer.files, ["downloads/t1.csv", "figures/fig1a.svg", "index.html"])
        XCTAssertEqual(writer.staging.deletingLastPathComponent().standardizedFileURL.path, root.standardizedFileURL.path, "staged beside the destination")

        try writer.commit()
        XCTAssertEqual(try snapshot(destination), ["index.html": "<p>new</p>", "figures/fig1a.svg": "<svg/>", "downloads/t1.csv": "a,b\r\n"])
        XCTAssertEqual(try entries(root), ["site"], "no staging or .old folder left behind")
        XCTAssertFalse(fm.fileExists(atPath: writer.staging.path))
    }

    func testExistingSiteIsReplacedAsAWhole() throws {
        try makeOldSite()
        var writer = try AtomicSiteWriter(destination: destination)
        try writer.write("index.html", "new index")
        try writer.write("figures/fig1a.svg", "new figure")
        XCTAssertEqual(try snapshot(destination)["index.html"], "old index", "the old site is live until commit")
        try writer.commit()
        XCTAssertEqual(try snapshot(destination), ["index.html": "new index", "figures/fig1a.svg": "new figure"], "old files are gone")
        XCTAssertEqual(try entries(root), ["site"])
    }

    func testDiscardLeavesThePreviousSiteUntouched() throws {
        try makeOldSite()
        let before = try snapshot(destination)
        var writer = try AtomicSiteWriter(destination: destination)
        try writer.write("index.html", "half-built")
        try writer.write("figures/fig1a.svg", "half-built")
        writer.discard()
        XCTAssertEqual(try snapshot(destination), before)
        XCTAssertFalse(fm.fileExists(atPath: writer.staging.path), "staging removed")
        XCTAssertEqual(try entries(root), ["site"])
    }

    func testDiscardWithoutAPreviousSiteLeavesNothing() throws {
        var writer = try AtomicSiteWriter(destination: destination)
        try writer.write("index.html", "x")
        writer.discard()
        XCTAssertEqual(try entries(root), [])
    }

    func testMissingParentFoldersAreCreatedAndRewritesKeepTheLastText() throws {
        let nested = root.appendingPathComponent("a/b/site")
        var writer = try AtomicSiteWriter(destination: nested)
        try writer.write("index.html", "first")
        try writer.write("index.html", "second")
        try writer.commit()
        XCTAssertEqual(try snapshot(nested), ["index.html": "second"])
        XCTAssertEqual(try entries(root.appendingPathComponent("a/b")), ["site"])
    }

    func testABuildAfterACommitReplacesItAgain() throws {
        for generation in 1...3 {
            var writer = try AtomicSiteWriter(destination: destination)
            try writer.write("gen\(generation).html", "\(generation)")
            try writer.commit()
            XCTAssertEqual(try snapshot(destination), ["gen\(generation).html": "\(generation)"])
            XCTAssertEqual(try entries(root), ["site"])
        }
    }

    func testAFailedCommitKeepsTheOldSite() throws {
        try makeOldSite()
        let before = try snapshot(destination)
        let writer = try AtomicSiteWriter(destination: destination)
        // The staging folder disappears (e.g. removed by another process): the swap fails and the old site is put back.
        try fm.removeItem(at: writer.staging)
        XCTAssertThrowsError(try writer.commit())
        XCTAssertEqual(try snapshot(destination), before)
        XCTAssertEqual(try entries(root), ["site"])
    }
}
