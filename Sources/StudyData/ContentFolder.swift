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
        let rootPath = root.resolvingSymlinksInPath().path
        let resolved = url.resolvingSymlinksInPath().path
        guard resolved == rootPath || resolved.hasPrefix(rootPath + "/") else {
            throw DataError(path: manifest, message: "\(manifestField): the path \(quotedForMessage(relative)) leaves the content folder; keep inputs inside \(root.path)")
        }
        return url
    }

    /// The path shown to users: relative to the folder that holds the content
    /// folder (e.g. `content/data/x.csv`) so messages are short and stable.
    public func displayPath(_ relative: String) -> String {
        root.lastPathComponent + "/" + relative
    }
}
