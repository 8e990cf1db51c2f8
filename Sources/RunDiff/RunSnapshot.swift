import Foundation
import OutputFormat

/// One side of a diff: what a build left behind, read back from disk (a site
/// folder, or a `results.json` with its siblings) or taken from a build in
/// progress (`backbone build --compare-to`).
public struct RunSnapshot {
    /// How the side is named in the output (the path the user typed, or "previous build").
    public var label: String
    var results: JSONTree
    /// `manifest.json`, when there is one; without it inputs, options and figures are not compared.
    var manifest: JSONTree?
    /// Reads a site file such as `figures/fig1a.svg`; nil when there is no site to read from.
    var siteFile: (String) -> Data?

    init(label: String, results: JSONTree, manifest: JSONTree?, siteFile: @escaping (String) -> Data?) {
        self.label = label; self.results = results; self.manifest = manifest; self.siteFile = siteFile
    }

    /// Reads a built site folder, or a `results.json` file (its folder's
    /// `manifest.json` and figures are used when present).
    public static func load(path: String, label: String? = nil) throws -> RunSnapshot {
        let url = URL(fileURLWithPath: path)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            throw DiffError("\(path): no such file or folder")
        }
        let folder = isFolder.boolValue ? url : url.deletingLastPathComponent()
        let resultsURL = isFolder.boolValue ? url.appendingPathComponent("results.json") : url
        let resultsName = isFolder.boolValue ? (path as NSString).appendingPathComponent("results.json") : path
        try checkSize(resultsURL, shown: resultsName)
        guard let data = try? Data(contentsOf: resultsURL) else {
            throw DiffError(isFolder.boolValue ? "\(path): not a built site (no results.json in it)" : "\(path): cannot read the file")
        }
        let results = try JSONReader.parse(data, source: resultsName)
        var manifest: JSONTree?
        let manifestURL = folder.appendingPathComponent("manifest.json")
        if manifestURL.standardizedFileURL != resultsURL.standardizedFileURL,
           (try? checkSize(manifestURL, shown: manifestURL.path)) != nil, let m = try? Data(contentsOf: manifestURL) {
            manifest = try JSONReader.parse(m, source: (folder.path as NSString).appendingPathComponent("manifest.json"))
        }
        let snapshot = RunSnapshot(label: label ?? path, results: results, manifest: manifest) { relative in
            // A manifest.json names its figure files; one naming a path outside its site is not read.
            RelativePath.isConfined(relative) ? try? Data(contentsOf: folder.appendingPathComponent(relative)) : nil
        }
        try snapshot.validate(source: resultsName)
        return snapshot
    }

    /// The largest `results.json` or `manifest.json` the diff reads. The
    /// study's `results.json` is about 1.6 MB and grows linearly with models;
    /// 64 MB leaves room for studies forty times larger while keeping the
    /// parsed trees of both runs (about 24 bytes per value) well within a
    /// machine's memory whatever the file holds.
    static let maximumFileBytes = 64 << 20

    private static func checkSize(_ url: URL, shown: String) throws {
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        guard size <= maximumFileBytes else {
            throw DiffError("\(shown): \(size >> 20) MB is larger than any run Backbone writes; expected at most \(maximumFileBytes >> 20) MB (is it a Backbone results.json?)")
        }
    }

    /// A build in progress: the text of its `results.json` and `manifest.json`, and its files in memory.
    package static func inMemory(label: String, resultsJSON: String, manifestJSON: String, files: [String: String]) throws -> RunSnapshot {
        let results = try JSONReader.parse(Data(resultsJSON.utf8), source: "results.json")
        let manifest = try JSONReader.parse(Data(manifestJSON.utf8), source: "manifest.json")
        return RunSnapshot(label: label, results: results, manifest: manifest) { files[$0].map { Data($0.utf8) } }
    }

    /// Rejects what is not a `results.json` with a message that says what it is instead.
    func validate(source: String) throws {
        guard case .object(let root) = results else { throw DiffError("\(source): not a Backbone results.json (the top level is not an object)") }
        if root["inputs"] != nil, root["tool"] != nil {
            throw DiffError("\(source): this is a manifest.json; pass the site folder or its results.json")
        }
        guard case .string(let schema)? = root["schema"] else {
            throw DiffError("\(source): not a Backbone results.json (no \"schema\" string at the top level)")
        }
        _ = schema
    }

    var schema: String { results.field("schema")?.stringValue ?? "" }

    /// Figures this build drew and the result pointers each depends on (from `manifest.json`).
    var figures: [FigureSource] {
        guard case .array(let items)? = manifest?.field("figures") else { return [] }
        return items.compactMap { item in
            guard let id = item.field("id")?.stringValue, let file = item.field("file")?.stringValue,
                  case .array(let deps)? = item.field("depends_on") else { return nil }
            return FigureSource(id: id, file: file, label: item.field("label")?.stringValue ?? id,
                                dependsOn: deps.compactMap(\.stringValue))
        }
    }
}
