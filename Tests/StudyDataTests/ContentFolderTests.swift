import Foundation
import TestSupport
import XCTest
@testable import StudyData

final class ContentFolderTests: XCTestCase {

    func testRelativePathInsideResolves() throws {
        let folder = ContentFolder(root: Repo.content)
        let url = try folder.resolve(Repo.big2Nouns, manifestField: "dictionaries.big2.file")
        XCTAssertEqual(url.path, Repo.content.standardizedFileURL.path + "/" + Repo.big2Nouns)
        XCTAssertTrue(FileManager.default.fileExists(atPath: url.path))
        XCTAssertEqual(try folder.resolve("./data/../" + Repo.big2Nouns, manifestField: "f").path, url.path)
    }

    func testDisplayPathIsRelativeToTheParentOfTheContentFolder() {
        let folder = ContentFolder(root: Repo.content)
        XCTAssertEqual(folder.displayPath(Repo.big2Nouns), "content/" + Repo.big2Nouns)
        XCTAssertEqual(folder.displayPath("study.yaml"), "content/study.yaml")
    }

    func testDotDotIsRejected() {
        let folder = ContentFolder(root: Repo.content)
        for path in ["../x", "../Package.swift", "data/../../Package.swift", "data/corpora/../../../x"] {
            let error = assertDataError(try folder.resolve(path, manifestField: "reward_models.A.scores.big2"), path)
            XCTAssertEqual(error?.path, "study.yaml")
            XCTAssertTrue(error?.message.hasPrefix("reward_models.A.scores.big2: the path \(quotedForMessage(path)) leaves the content folder") ?? false,
                          error?.message ?? "")
        }
    }

    func testSiblingFolderWithACommonPrefixIsOutside() throws {
        let dir = try Scratch.folder("ContentFolderTests")
        let content = dir.appendingPathComponent("content")
        let sibling = dir.appendingPathComponent("content2")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: sibling, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: sibling.appendingPathComponent("x.csv"))
        XCTAssertNotNil(assertDataError(try ContentFolder(root: content).resolve("../content2/x.csv", manifestField: "f")))
    }

    func testAbsolutePathIsRejected() {
        let folder = ContentFolder(root: Repo.content)
        let inside = Repo.contentFile(Repo.big2Nouns).path
        for path in ["/etc/passwd", inside, "~/x.csv"] {
            let error = assertDataError(try folder.resolve(path, manifestField: "dictionaries.big2.file"), path)
            XCTAssertEqual(error?.description,
                           "study.yaml: dictionaries.big2.file: expected a path relative to the content folder, found the absolute path \(quotedForMessage(path))")
        }
    }

    func testEmptyPathIsRejected() {
        let error = assertDataError(try ContentFolder(root: Repo.content).resolve("", manifestField: "dictionaries.big2.file"))
        XCTAssertEqual(error?.message, "dictionaries.big2.file: expected a path relative to the content folder, found an empty string")
    }

    private func makeTree() throws -> (content: URL, outside: URL) {
        let dir = try Scratch.folder("ContentFolderTests")
        let content = dir.appendingPathComponent("content")
        let outside = dir.appendingPathComponent("outside")
        let fm = FileManager.default
        try fm.createDirectory(at: content.appendingPathComponent("data"), withIntermediateDirectories: true)
        try fm.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("secret".utf8).write(to: outside.appendingPathComponent("secret.csv"))
        try Data("a,b\n".utf8).write(to: content.appendingPathComponent("data/real.csv"))
        return (content, outside)
    }

    func testSymlinkedFilePointingOutsideIsRejected() throws {
        let (content, outside) = try makeTree()
        try FileManager.default.createSymbolicLink(at: content.appendingPathComponent("data/link.csv"),
                                                   withDestinationURL: outside.appendingPathComponent("secret.csv"))
        let error = assertDataError(try ContentFolder(root: content).resolve("data/link.csv", manifestField: "dictionaries.x.file"))
        XCTAssertEqual(error?.path, "study.yaml")
        XCTAssertTrue(error?.message.contains("\"data/link.csv\" leaves the content folder") ?? false, error?.message ?? "")
    }

    func testRelativeSymlinkPointingOutsideIsRejected() throws {
        let (content, _) = try makeTree()
        try FileManager.default.createSymbolicLink(atPath: content.appendingPathComponent("data/rel.csv").path,
                                                   withDestinationPath: "../../outside/secret.csv")
        XCTAssertNotNil(assertDataError(try ContentFolder(root: content).resolve("data/rel.csv", manifestField: "f")))
    }

    func testSymlinkedDirectoryPointingOutsideIsRejected() throws {
        let (content, outside) = try makeTree()
        try FileManager.default.createSymbolicLink(at: content.appendingPathComponent("ext"), withDestinationURL: outside)
        XCTAssertNotNil(assertDataError(try ContentFolder(root: content).resolve("ext/secret.csv", manifestField: "f")))
    }

    func testSymlinkPointingInsideIsAccepted() throws {
        let (content, _) = try makeTree()
        try FileManager.default.createSymbolicLink(atPath: content.appendingPathComponent("alias.csv").path,
                                                   withDestinationPath: "data/real.csv")
        let url = try ContentFolder(root: content).resolve("alias.csv", manifestField: "f")
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "a,b\n")
    }

    func testContentFolderReachedThroughASymlinkStillWorks() throws {
        let (content, _) = try makeTree()
        let link = content.deletingLastPathComponent().appendingPathComponent("linked-content")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: content)
        let url = try ContentFolder(root: link).resolve("data/real.csv", manifestField: "f")
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "a,b\n")
    }
}
