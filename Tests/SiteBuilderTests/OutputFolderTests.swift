import Foundation
import TestSupport
import SiteBuilder
import XCTest

/// The output-folder rule, the lock, the atomic exchange and the clean-up of
/// killed runs' leftovers, on real folders.
final class OutputFolderTests: XCTestCase {
    var root: URL!
    var destination: URL { root.appendingPathComponent("site") }
    let fm = FileManager.default

    override func setUpWithError() throws {
        root = try Scratch.folder("OutputFolderTests")
    }

    override func tearDownWithError() throws {
        try? fm.removeItem(at: root)
    }

    func write(_ relative: String, _ text: String = "x") throws {
        let url = root.appendingPathComponent(relative)
        try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func refusal(_ url: URL, inputs: [(name: String, url: URL)] = []) -> String? {
        do { try OutputFolder.checkReplaceable(url, shown: url.lastPathComponent, option: "--out", inputs: inputs); return nil } catch {
            XCTAssertTrue(error is OutputFolderError, "\(error)")
            return "\(error)"
        }
    }

    func testAbsentAndEmptyFoldersMayBeWritten() throws {
        XCTAssertNil(refusal(destination))
        try fm.createDirectory(at: destination, withIntermediateDirectories: true)
        XCTAssertNil(refusal(destination))
    }

    func testFoldersAndFilesThatAreNotOursAreRefused() throws {
        try write("site/notes.txt")
        XCTAssertTrue(refusal(destination)?.contains("is not a Backbone output") == true)
        try write("file.txt")
        XCTAssertTrue(refusal(root.appendingPathComponent("file.txt"))?.contains("is a file, not a folder") == true)
        try fm.createSymbolicLink(at: root.appendingPathComponent("link"), withDestinationURL: root.appendingPathComponent("empty"))
        try fm.createDirectory(at: root.appendingPathComponent("empty"), withIntermediateDirectories: true)
        XCTAssertTrue(refusal(root.appendingPathComponent("link"))?.contains("symbolic link") == true)
        XCTAssertTrue(refusal(URL(fileURLWithPath: "/"))?.contains("root folder") == true)
        XCTAssertTrue(refusal(URL(fileURLWithPath: fm.currentDirectoryPath))?.contains("working folder") == true)
        XCTAssertThrowsError(try OutputFolder.checkReplaceable("", option: "--out", inputs: []))
    }

    func testInputFoldersTheirParentsAndTheirInsidesAreRefused() throws {
        let content = root.appendingPathComponent("work/content")
        try write("work/content/study.yaml")
        let inputs = [(name: "content", url: content)]
        XCTAssertTrue(refusal(content, inputs: inputs)?.contains("is the content folder") == true)
        XCTAssertTrue(refusal(root.appendingPathComponent("work"), inputs: inputs)?.contains("contains the content folder") == true)
        XCTAssertTrue(refusal(content.appendingPathComponent("data/new"), inputs: inputs)?.contains("lies inside the content folder") == true)
        // The same folder reached through a symbolic link is the same folder.
        try fm.createSymbolicLink(at: root.appendingPathComponent("alias"), withDestinationURL: root.appendingPathComponent("work"))
        XCTAssertTrue(refusal(root.appendingPathComponent("alias/content/x"), inputs: inputs)?.contains("lies inside the content folder") == true)
    }

    func testOurOutputIsReplacedButNotWhatAPersonAddedToIt() throws {
        var writer = try AtomicSiteWriter(destination: destination)
        try writer.write("index.html", "one")
        try writer.write("figures/a.svg", "<svg/>")
        try writer.commit()
        let marker = try String(contentsOf: destination.appendingPathComponent(OutputFolder.markerName), encoding: .utf8)
        XCTAssertEqual(marker, OutputFolder.marker(files: ["figures/a.svg", "index.html"]))
        XCTAssertNil(refusal(destination))
        try write("site/figures/notes.md")
        XCTAssertTrue(refusal(destination)?.contains("files Backbone did not write (figures/notes.md)") == true)
        try fm.removeItem(at: destination.appendingPathComponent("figures/notes.md"))
        try fm.createDirectory(at: destination.appendingPathComponent(".git"), withIntermediateDirectories: true)
        XCTAssertTrue(refusal(destination)?.contains("(.git)") == true)
        XCTAssertThrowsError(try AtomicSiteWriter(destination: destination))
        XCTAssertTrue(fm.fileExists(atPath: destination.appendingPathComponent(".git").path))
    }

    func testASiteFromBeforeTheMarkerIsRecognisedByItsManifest() throws {
        try write("site/index.html")
        try write("site/manifest.json", #"{"tool": "backbone", "version": "0.1.0"}"#)
        XCTAssertNil(refusal(destination))
        try write("site/notes.txt")
        XCTAssertNotNil(refusal(destination))
    }

    func testHostilePathsAreErrorsNotCrashes() throws {
        var writer = try AtomicSiteWriter(destination: destination)
        for path in ["../escape.html", "/etc/x", "a/../../b", "", "a//b", "./x", OutputFolder.markerName] {
            XCTAssertThrowsError(try writer.write(path, "x"), path)
        }
        writer.discard()
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: root.path).filter { !$0.hasSuffix(".lock") }, [])
    }

    func testASecondWriterIntoTheSameFolderFailsClearly() throws {
        let first = try AtomicSiteWriter(destination: destination)
        XCTAssertThrowsError(try AtomicSiteWriter(destination: destination)) { error in
            XCTAssertTrue("\(error)".contains("another backbone process is writing this folder"), "\(error)")
        }
        first.discard()
        let again = try AtomicSiteWriter(destination: destination)
        again.discard()
    }

    /// A reader polling the destination while sites are swapped in must
    /// always find a whole site: the swap is one exchange, never two renames.
    func testTheDestinationIsNeverMissingDuringASwap() throws {
        var first = try AtomicSiteWriter(destination: destination)
        try first.write("index.html", "0")
        try first.commit()
        let probe = destination.appendingPathComponent("index.html").path
        let stop = ManagedAtomicFlag()
        let missing = ManagedAtomicFlag()
        let poller = Thread {
            while !stop.isSet { if access(probe, F_OK) != 0 { missing.set() } }
        }
        poller.start()
        for generation in 1...40 {
            var writer = try AtomicSiteWriter(destination: destination)
            try writer.write("index.html", "\(generation)")
            try writer.commit()
        }
        stop.set()
        while !poller.isFinished { usleep(1000) }
        XCTAssertFalse(missing.isSet, "the site was missing for an instant")
        XCTAssertEqual(try String(contentsOfFile: probe, encoding: .utf8), "40")
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: root.path).sorted(), [".site.lock", "site"], "old sites removed")
    }

    func testLeftoversOfKilledRunsAreRemovedOnlyWhenOurs() throws {
        let deadPid = 4_194_303  // above Linux's pid_max: never a live process
        try write(".site.building-\(deadPid)-A/\(OutputFolder.markerName)", "backbone output folder v1\nbuilding\n")
        try write(".site.building-\(deadPid)-A/index.html", "half")
        try write(".site.old-\(deadPid)-B/index.html", "old site")
        try write(".site.old-\(deadPid)-B/\(OutputFolder.markerName)", OutputFolder.marker(files: ["index.html"]))
        try write(".site.old-\(deadPid)-C/thesis.tex", "a person's file under a name like ours")
        try write(".site.building-1-D/\(OutputFolder.markerName)", "backbone output folder v1\nbuilding\n")  // pid 1 is alive
        try write(".other.building-\(deadPid)-E/\(OutputFolder.markerName)", "backbone output folder v1\nbuilding\n")
        var writer = try AtomicSiteWriter(destination: destination)
        try writer.write("index.html", "new")
        try writer.commit()
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: root.path).sorted(),
                       [".other.building-\(deadPid)-E", ".site.building-1-D", ".site.lock", ".site.old-\(deadPid)-C", "site"])
    }
}

/// A flag shared between the test and its polling thread. `@unchecked`:
/// every access to `value` holds `lock`, which the compiler cannot see
/// (`Mutex` and `Atomic` would need macOS 15; the package supports 13).
final class ManagedAtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
    func set() { lock.lock(); value = true; lock.unlock() }
}
