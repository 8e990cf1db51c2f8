import Foundation
import TestSupport
@testable import SiteBuilder
import XCTest

/// The site folder is swapped in whole, or not at all.
final class AtomicSiteWriterTests: XCTestCase {
    var root: URL!
    var destination: URL { root.appendingPathComponent("site") }
    let fm = FileManager.default

    override func setUpWithError() throws {
        root = try Scratch.folder("AtomicSiteWriterTests")
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

    func inode(_ url: URL) throws -> (number: UInt64, links: Int) {
        let values = try fm.attributesOfItem(atPath: url.path)
        return ((values[.systemFileNumber] as! NSNumber).uint64Value, (values[.referenceCount] as! NSNumber).intValue)
    }

    /// A rebuild links the files whose bytes did not change to the previous
    /// site's (same inode, nothing new to allocate, the old time kept) and
    /// writes the others; once the old site is gone, each file has one name.
    func testUnchangedFilesAreLinkedToThePreviousSite() throws {
        var first = try AtomicSiteWriter(destination: destination)
        try first.write("index.html", "same")
        try first.write("figures/fig1a.svg", "old figure")
        try first.commit()
        let index = try inode(destination.appendingPathComponent("index.html"))
        let figure = try inode(destination.appendingPathComponent("figures/fig1a.svg"))
        var second = try AtomicSiteWriter(destination: destination)
        try second.write("index.html", "same")
        try second.write("figures/fig1a.svg", "new figure")
        try second.write("extra.html", "same")
        XCTAssertEqual(try inode(second.staging.appendingPathComponent("index.html")).links, 2, "linked while both sites exist")
        try second.commit()
        XCTAssertEqual(try snapshot(destination), ["index.html": "same", "figures/fig1a.svg": "new figure", "extra.html": "same"])
        XCTAssertEqual(try inode(destination.appendingPathComponent("index.html")).number, index.number)
        XCTAssertEqual(try inode(destination.appendingPathComponent("index.html")).links, 1)
        XCTAssertNotEqual(try inode(destination.appendingPathComponent("figures/fig1a.svg")).number, figure.number)
        XCTAssertEqual(try entries(root), ["site"])
    }

    /// A file written twice whose first version was linked: the second
    /// version must not be written through the link into the previous site.
    func testARewriteOfALinkedFileLeavesThePreviousSiteUntouched() throws {
        var first = try AtomicSiteWriter(destination: destination)
        try first.write("index.html", "same")
        try first.commit()
        var second = try AtomicSiteWriter(destination: destination)
        try second.write("index.html", "same")
        try second.write("index.html", "rewritten")
        XCTAssertEqual(try snapshot(destination), ["index.html": "same"])
        second.discard()
        XCTAssertEqual(try snapshot(destination), ["index.html": "same"])
        XCTAssertEqual(try inode(destination.appendingPathComponent("index.html")).links, 1)
    }

    /// A previous file that another name shares (a person linked it
    /// elsewhere), or that is not a regular file, is never linked to: the
    /// new site gets a file of its own, and the other name is untouched.
    func testASharedPreviousFileIsWrittenAnew() throws {
        var first = try AtomicSiteWriter(destination: destination)
        try first.write("index.html", "same")
        try first.commit()
        let kept = root.appendingPathComponent("kept.html")
        try fm.linkItem(at: destination.appendingPathComponent("index.html"), to: kept)
        var second = try AtomicSiteWriter(destination: destination)
        try second.write("index.html", "same")
        try second.commit()
        XCTAssertNotEqual(try inode(destination.appendingPathComponent("index.html")).number, try inode(kept).number)
        XCTAssertEqual(try inode(kept).links, 1)
        XCTAssertEqual(try String(contentsOf: kept, encoding: .utf8), "same")
    }

    /// `separate` gives a name a file of its own with the same bytes.
    func testSeparateGivesANameItsOwnFile() throws {
        let a = root.appendingPathComponent("a.html"), b = root.appendingPathComponent("b.html")
        try "shared".write(to: a, atomically: false, encoding: .utf8)
        try fm.linkItem(at: a, to: b)
        XCTAssertEqual(try inode(a).links, 2)
        try UnchangedFileLink.separate(b.path)
        XCTAssertEqual(try inode(a).links, 1)
        XCTAssertNotEqual(try inode(a).number, try inode(b).number)
        XCTAssertEqual(try String(contentsOf: b, encoding: .utf8), "shared")
        XCTAssertEqual(try entries(root).sorted(), ["a.html", "b.html"])
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
