import Foundation

/// The folder a study lives in (`content/` by default). Every path in the
/// manifest is relative to it and may not leave it, so a manifest cannot make
/// a build read arbitrary files and a content folder can be moved as a whole.
public struct ContentFolder: Sendable {
    public let root: URL

    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    /// Resolves a manifest path. `manifestField` names where the path came
    /// from so the error can say which entry to fix.
    public func resolve(_ relative: String, manifestField: String) throws -> URL {
        let manifest = "study.yaml"
        if relative.isEmpty {
            throw DataError(path: manifest, message: "\(manifestField): expected a path relative to the content folder, found an empty string")
        }
        if relative.hasPrefix("/") || relative.hasPrefix("~") {
            throw DataError(path: manifest, message: "\(manifestField): expected a path relative to the content folder, found the absolute path \(quotedForMessage(relative))")
        }
        let url = root.appendingPathComponent(relative).standardizedFileURL
        let rootPath = Self.realPath(root)
        let resolved = Self.realPath(url)
        guard resolved == rootPath || resolved.hasPrefix(rootPath + "/") else {
            throw DataError(path: manifest, message: "\(manifestField): the path \(quotedForMessage(relative)) leaves the content folder; keep inputs inside \(root.path)")
        }
        return url
    }

    /// The path with every symbolic link resolved, also when its last parts do
    /// not exist yet (Foundation's `resolvingSymlinksInPath` leaves such a path
    /// unresolved, so a missing file under a symlinked content folder would
    /// look as if it left the folder).
    public static func realPath(_ url: URL) -> String {
        func resolved(_ path: String) -> String? {
            guard let p = realpath(path, nil) else { return nil }
            defer { free(p) }
            return String(cString: p)
        }
        var existing = url.standardizedFileURL
        var rest: [String] = []
        while existing.path != "/", resolved(existing.path) == nil {
            rest.insert(existing.lastPathComponent, at: 0)
            existing = existing.deletingLastPathComponent()
        }
        let base = resolved(existing.path) ?? existing.path
        return rest.reduce(base) { $0 == "/" ? "/" + $1 : $0 + "/" + $1 }
    }

    /// The path shown to users: relative to the folder that holds the content
    /// folder (e.g. `content/data/x.csv`) so messages are short and stable.
    public func displayPath(_ relative: String) -> String {
        root.lastPathComponent + "/" + relative
    }
}
