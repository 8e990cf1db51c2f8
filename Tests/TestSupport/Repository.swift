import Foundation

/// Paths of the repository for every test target, found from this source
/// file rather than from the current directory (which depends on how the
/// tests are run), and the `backbone` executable the end-to-end tests drive.
public enum Repository {
    /// `<repo>/Tests/TestSupport/Repository.swift` → `<repo>`.
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()   // TestSupport
        .deletingLastPathComponent()   // Tests
        .deletingLastPathComponent()   // repository root

    /// The vendored study (`content/`).
    public static let content = root.appendingPathComponent("content")
    public static let templates = root.appendingPathComponent("templates")
    /// Independent reference values and the scripts that made them (`Tests/Fixtures/reference`).
    public static let references = root.appendingPathComponent("Tests/Fixtures/reference")

    public static func contentFile(_ relative: String) -> URL { content.appendingPathComponent(relative) }
    public static func reference(_ relative: String) -> URL { references.appendingPathComponent(relative) }

    /// The `backbone` executable the end-to-end tests drive: the one named by
    /// `BACKBONE_BIN` when set (`make test` names the release build, whose site
    /// builds take a second where the debug build's take ten — the end-to-end
    /// tests check behaviour, not the optimiser), else the one built next to
    /// the tests (`swift build` puts it in the same products folder as the
    /// test bundle), or nil when it has not been built.
    public static let backbone: URL? = {
        if let named = ProcessInfo.processInfo.environment["BACKBONE_BIN"], !named.isEmpty {
            let url = URL(fileURLWithPath: named, relativeTo: root).standardizedFileURL
            return FileManager.default.isExecutableFile(atPath: url.path) ? url : nil
        }
        // Linux: CommandLine.arguments[0] is the test bundle inside .build/<config>/;
        // macOS: the bundle is a folder in that products folder.
        let bundle = Bundle(for: Marker.self).bundleURL
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            bundle.deletingLastPathComponent(),
            bundle,
            root.appendingPathComponent(".build/debug"),
        ].map { $0.appendingPathComponent("backbone") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    private final class Marker {}
}
