import Foundation

extension StudyLoader {
    /// Checks the manifest's token-dynamics dictionary and loads what the
    /// `--checkpoints` folder holds (nothing, when no folder was given).
    static func loadCheckpoints(_ source: TokenDynamicsSource, folder: ContentFolder, directory: URL?,
                                dictionaries: [String: [MFDColumns: CategoryDictionary]]) throws -> LoadedCheckpoints {
        guard dictionaries[source.dictionary] != nil else {
            throw DataError(path: folder.displayPath(ManifestLoader.fileName),
                            message: "training.token_dynamics.dictionary: expected a dictionary id of the manifest, found \(quotedForMessage(source.dictionary))")
        }
        guard source.top >= 1 else {
            throw DataError(path: folder.displayPath(ManifestLoader.fileName), message: "training.token_dynamics.top: expected at least 1, found \(source.top)")
        }
        guard let directory else { return try CheckpointLoader.load(source, directory: nil, display: nil) }
        let url = directory.standardizedFileURL
        let root = folder.root.standardizedFileURL.path + "/"
        let display = url.path.hasPrefix(root) ? folder.displayPath(String(url.path.dropFirst(root.count))) : url.lastPathComponent
        return try CheckpointLoader.load(source, directory: url, display: display)
    }
}
