import Foundation

extension StudyLoader {
    /// Resolves the §3 folder (given, or the manifest default inside the
    /// content folder) and loads what is there.
    static func loadLogprobs(_ section: LogprobSection, manifest: StudyManifest, folder: ContentFolder, directory: URL?,
                             dictionaries: [String: [MFDColumns: CategoryDictionary]],
                             progress: (@Sendable (Int, Int) -> Void)?,
                             arrivals: LogprobArrivals? = nil) async throws -> LoadedLogprobs {
        let url: URL, display: String
        if let directory {
            url = directory.standardizedFileURL
            let root = folder.root.path + "/"
            display = url.path.hasPrefix(root) ? folder.displayPath(String(url.path.dropFirst(root.count))) : url.lastPathComponent
            // A folder named on the command line must exist: a typo would otherwise publish "tables missing".
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw DataError(path: directory.path, message: "--logprobs: expected a folder holding the <org>--<model>.csv log-prob tables, "
                                + (FileManager.default.fileExists(atPath: url.path) ? "found a file" : "found nothing at that path"))
            }
        } else {
            url = try folder.resolve(section.defaultFolder, manifestField: "logprobs.default_folder")
            display = folder.displayPath(section.defaultFolder)
        }
        var words: [String: Set<String>] = [:]
        for (id, variants) in dictionaries {
            if let d = variants[.virtue] { words[id] = Set(d.categoryOfWord.keys) }
        }
        return try await LogprobLoader.load(section: section, manifest: manifest, directory: url, displayFolder: display,
                                            dictionaryWords: words, progress: progress, arrivals: arrivals)
    }
}
