import Failures
import Foundation
import XCTest

/// The error model's own rules: messages come from the error, exit status 1
/// unless the error says otherwise, and Foundation's domain text never shows.
final class UserFacingErrorTests: XCTestCase {
    struct Described: UserFacingError {
        var description: String
    }

    struct ExitsTwo: UserFacingError {
        var description: String { "could not compare" }
        var exitStatus: Int32 { 2 }
    }

    func testMessageAndExitStatusComeFromTheError() {
        XCTAssertEqual(Described(description: "data.csv:3:2: expected a number").userMessage, "data.csv:3:2: expected a number")
        XCTAssertEqual(Described(description: "x").exitStatus, 1)
        XCTAssertEqual(ExitsTwo().exitStatus, 2)
        // Code outside Backbone that shows an error (ArgumentParser, localizedDescription) shows the same words.
        XCTAssertEqual(ExitsTwo().errorDescription, "could not compare")
        XCTAssertEqual((ExitsTwo() as Error).localizedDescription, "could not compare")
        XCTAssertEqual(describeForUser(ExitsTwo()), "could not compare")
    }

    func testFoundationFileErrorsAreDescribedWithoutTheirDomain() throws {
        let missing = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/file.txt")
        var thrown: Error?
        do { _ = try String(contentsOf: missing, encoding: .utf8) } catch { thrown = error }
        let error = try XCTUnwrap(thrown)
        XCTAssertTrue(SystemErrorReason.isSystemError(error))
        let text = describeForUser(error)
        XCTAssertEqual(text, "\(missing.path): No such file or directory")
        XCTAssertFalse(text.contains("Domain") || text.contains("NSCocoa") || text.contains("could not be completed"), text)

        let permission = CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: "/site/index.html"])
        XCTAssertEqual(describeForUser(permission), "/site/index.html: Permission denied")
        XCTAssertEqual(SystemErrorReason.reason(CocoaError(.fileWriteOutOfSpace)), "No space left on device")
        XCTAssertEqual(SystemErrorReason.reason(NSError(domain: NSPOSIXErrorDomain, code: Int(EROFS))), "Read-only file system")
    }

    func testOtherSwiftErrorsKeepTheirOwnDescription() {
        struct Plain: Error, CustomStringConvertible { var description: String { "plain words" } }
        XCTAssertFalse(SystemErrorReason.isSystemError(Plain()))
        XCTAssertEqual(describeForUser(Plain()), "plain words")
    }
}
