import Foundation

/// The rule for every folder Backbone replaces (`build --out`, `diff --html`):
/// it may replace a folder only when the folder is absent, empty, or an
/// earlier Backbone output holding nothing Backbone did not write. It never
/// replaces a file, `/`, the working folder, the home folder, an input folder
/// (content, templates, log-probs, checkpoints) or anything containing one or
/// lying inside one. A user's folder is data; losing it is the one failure
/// that cannot be undone, so every doubt is an error that says what to do.
public enum OutputFolder {
    /// Written into every output folder: its first line identifies it, the
    /// rest lists the files the build wrote, so a later build can tell its own
    /// output from files a person added (notes, a `.git`).
    public static let markerName = ".backbone-output"
    static let markerHeader = "backbone output folder v1"
    static let markerNote = "Written by backbone; the next build into this folder replaces it whole. Files:"

    /// The marker of a finished output with these files.
    public static func marker(files: [String]) -> String {
        ([markerHeader, markerNote] + files.sorted()).joined(separator: "\n") + "\n"
    }

    /// The marker of a folder still being assembled (no file list yet).
    static let buildingMarker = markerHeader + "\nbuilding\n"

    /// Checks that `path` (as the user typed it for `option`) may be replaced
    /// and returns it as a URL. `inputs` are the folders the run reads, named
    /// for the message (e.g. `("content", url)`).
    public static func checkReplaceable(_ path: String, option: String, inputs: [(name: String, url: URL)]) throws -> URL {
        guard !path.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw OutputFolderError("\(option) is empty: name the folder to write, e.g. \(option) \(option == "--html" ? "diff-site" : "site")")
        }
        let url = URL(fileURLWithPath: path).standardizedFileURL
        try checkReplaceable(url, shown: path, option: option, inputs: inputs)
        return url
    }

    /// The same check on a URL; `shown` is how the message names it.
    public static func checkReplaceable(_ url: URL, shown: String, option: String, inputs: [(name: String, url: URL)]) throws {
        let fm = FileManager.default
        let real = realPath(url)
        let example = option == "--html" ? "\(option) diff-site" : "\(option) site"
        func refuse(_ why: String) -> OutputFolderError {
            OutputFolderError("\(option) \(shown): \(why); Backbone replaces the whole output folder, so it refuses. Choose a new folder, e.g. \(example)")
        }
        if real == "/" { throw refuse("is the root folder") }
        let cwd = realPath(URL(fileURLWithPath: fm.currentDirectoryPath))
        if real == cwd { throw refuse("is the working folder") }
        if isInside(cwd, real) { throw refuse("contains the working folder") }
        let home = realPath(fm.homeDirectoryForCurrentUser)
        if home != "/", real == home || isInside(home, real) { throw refuse("is or contains the home folder") }
        for input in inputs {
            let p = realPath(input.url)
            if real == p { throw refuse("is the \(input.name) folder") }
            if isInside(p, real) { throw refuse("contains the \(input.name) folder (\(input.url.path))") }
            if isInside(real, p) { throw refuse("lies inside the \(input.name) folder (\(input.url.path))") }
        }
        var info = stat()
        guard lstat(url.path, &info) == 0 else {
            if errno == ENOENT { return }
            throw OutputFolderError.fileSystem("read", url.path, errno: errno)
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: break
        case S_IFLNK: throw refuse("is a symbolic link (name the folder it points to, if that folder is Backbone's output)")
        default: throw refuse("is a file, not a folder")
        }
        let entries: [String]
        do { entries = try fm.contentsOfDirectory(atPath: url.path) } catch {
            throw OutputFolderError.fileSystem("read", url.path, error)
        }
        if entries.isEmpty { return }
        guard let listed = listedFiles(in: url) else {
            throw OutputFolderError("\(option) \(shown): the folder is not empty and is not a Backbone output (it has no \(markerName) marker); "
                + "Backbone only replaces empty folders and its own output. Move your files elsewhere or choose another folder, e.g. \(example)")
        }
        let extra = unexpectedEntries(in: url, listed: listed)
        if !extra.isEmpty {
            let names = extra.prefix(3).joined(separator: ", ") + (extra.count > 3 ? " and \(extra.count - 3) more" : "")
            throw OutputFolderError("\(option) \(shown): the folder holds files Backbone did not write (\(names)); "
                + "the next build would delete them. Move them out of the folder, or choose another \(option)")
        }
    }

    /// The files a Backbone output folder lists in its marker, or nil when the
    /// folder is not one. A site written before the marker existed is
    /// recognised by its `manifest.json` naming the tool; its list is then
    /// every file of the kinds a build writes.
    static func listedFiles(in folder: URL) -> Set<String>? {
        if let text = try? String(contentsOf: folder.appendingPathComponent(markerName), encoding: .utf8) {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard lines.first == markerHeader else { return nil }
            return Set(lines.dropFirst(2).filter { !$0.isEmpty })
        }
        guard let data = try? Data(contentsOf: folder.appendingPathComponent("manifest.json")),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any], json["tool"] as? String == "backbone" else { return nil }
        let kinds: Set<String> = ["html", "css", "json", "svg", "csv"]
        return Set(walk(folder).files.filter { path in
            !path.split(separator: "/").contains { $0.hasPrefix(".") } && kinds.contains((path as NSString).pathExtension)
        })
    }

    /// Entries of `folder` that its marker does not account for: unlisted
    /// files, symbolic links, folders holding no listed file.
    static func unexpectedEntries(in folder: URL, listed: Set<String>) -> [String] {
        let found = walk(folder)
        var listedFolders: Set<String> = []
        for file in listed {
            var parts = file.split(separator: "/").dropLast()
            while !parts.isEmpty { listedFolders.insert(parts.joined(separator: "/")); parts = parts.dropLast() }
        }
        let files = found.files.filter { $0 != markerName && !listed.contains($0) }
        let folders = found.folders.filter { !listedFolders.contains($0) }
        return (files + folders + found.other).sorted()
    }

    /// Every entry under `folder` (relative paths), not following links.
    static func walk(_ folder: URL) -> (files: [String], folders: [String], other: [String]) {
        var files: [String] = [], folders: [String] = [], other: [String] = []
        func visit(_ relative: String) {
            let path = relative.isEmpty ? folder.path : folder.path + "/" + relative
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { other.append(relative); return }
            for name in names.sorted() {
                let child = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                guard lstat(folder.path + "/" + child, &info) == 0 else { other.append(child); continue }
                switch info.st_mode & S_IFMT {
                case S_IFREG: files.append(child)
                case S_IFDIR: folders.append(child); visit(child)
                default: other.append(child)
                }
            }
        }
        visit("")
        return (files, folders, other)
    }

    /// The path with every symbolic link resolved, also when the last parts
    /// do not exist yet (their existing ancestor is resolved).
    static func realPath(_ url: URL) -> String {
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

    /// Whether `path` lies strictly inside `folder`.
    static func isInside(_ path: String, _ folder: String) -> Bool {
        folder == "/" ? path != "/" : path.hasPrefix(folder + "/")
    }
}
