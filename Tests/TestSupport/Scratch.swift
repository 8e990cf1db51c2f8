import Foundation

/// The folders tests write in: all inside one folder per test process, which
/// is removed when the process exits.
///
/// Why one folder removed at exit rather than each test cleaning up: the
/// end-to-end fixtures (copies of content/, built sites, 100 MB tables) are
/// shared by many tests and outlive any one of them, and a test that fails
/// half-way skips its own clean-up. Left behind, every `make test` kept
/// about 700 MB in the temporary folder, and a machine that ran the suite
/// often ran out of disk. XCTest ends its process with `exit`, so a handler
/// registered with `atexit` removes everything whether the tests passed or
/// failed. Set `BACKBONE_KEEP_TEST_FILES=1` to keep the folder for a look.
public enum Scratch {
    /// `<temporary folder>/backbone-tests-<process id>`, emptied of what a
    /// crashed run with the same process id may have left.
    public static let root: URL = {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("backbone-tests-\(ProcessInfo.processInfo.processIdentifier)", isDirectory: true)
        try? FileManager.default.removeItem(at: url)
        if ProcessInfo.processInfo.environment["BACKBONE_KEEP_TEST_FILES"] != "1" {
            atexit { Scratch.removeRoot() }
        }
        return url
    }()

    /// A new, empty folder named after `name`, unique within this process.
    public static func folder(_ name: String) throws -> URL {
        let url = root.appendingPathComponent("\(name)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private static func removeRoot() {
        try? FileManager.default.removeItem(at: root)
    }
}
