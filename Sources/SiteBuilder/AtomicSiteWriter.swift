import Foundation
import OutputFormat

/// Writes a site into a temporary sibling folder and swaps it in only after
/// every file was written, so a failed build never leaves a half-written or
/// deleted `site/`. The destination must pass `OutputFolder`'s rule (absent,
/// empty or Backbone's own output); it is locked while the site is written,
/// and the swap is one atomic exchange (see `AtomicExchange`). Leftovers of
/// killed runs beside it are removed when they are provably ours.
public struct AtomicSiteWriter {
    public let destination: URL
    /// Where the site is assembled; checks read it before `commit()`.
    public let staging: URL
    private let option: String
    private let inputs: [(name: String, url: URL)]
    private let lock: OutputLock
    private var written: [String] = []
    /// The files the destination's previous build listed as its own (none
    /// when there is no previous site): the ones a new file may be linked to.
    private let previousFiles: Set<String>
    /// Files linked to the previous site's (`UnchangedFileLink`).
    private var linked: Set<String> = []

    /// `option` names the destination in messages (`--out`, `--html`);
    /// `inputs` are the folders the run reads, which it may never replace.
    /// `lock`: the destination's lock when the caller already holds it.
    public init(destination: URL, option: String = "--out", inputs: [(name: String, url: URL)] = [], lock: OutputLock? = nil) throws {
        self.destination = destination.standardizedFileURL
        self.option = option
        self.inputs = inputs
        let fm = FileManager.default
        let parent = self.destination.deletingLastPathComponent()
        do { try fm.createDirectory(at: parent, withIntermediateDirectories: true) } catch {
            throw OutputFolderError.fileSystem("create", parent.path, error)
        }
        self.lock = try lock ?? OutputLock(for: self.destination, option: option)
        try OutputFolder.checkReplaceable(self.destination, shown: self.destination.path, option: option, inputs: inputs)
        StaleOutputs.remove(beside: self.destination)
        previousFiles = OutputFolder.listedFiles(in: self.destination) ?? []
        staging = parent.appendingPathComponent(".\(self.destination.lastPathComponent).building-\(getpid())-\(UUID().uuidString)")
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: false)
            try Data(OutputFolder.buildingMarker.utf8).write(to: staging.appendingPathComponent(OutputFolder.markerName))
        } catch {
            try? fm.removeItem(at: staging)
            throw OutputFolderError.fileSystem("create", staging.path, error)
        }
    }

    /// Adds a file at a relative path (e.g. `figures/fig1a.svg`).
    public mutating func write(_ relativePath: String, _ text: String) throws {
        try write(relativePath, Data(text.utf8))
    }

    public mutating func write(_ relativePath: String, _ data: Data) throws {
        guard relativePath != OutputFolder.markerName, RelativePath.isConfined(relativePath) else {
            throw SiteError("cannot write a site file named \(String(reflecting: relativePath)): site paths are relative, without empty, '.' or '..' parts")
        }
        let url = staging.appendingPathComponent(relativePath)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw OutputFolderError.fileSystem("create", url.deletingLastPathComponent().path, error)
        }
        // A file written twice: its first version's name goes first, so
        // the second never writes through a link into the previous site.
        if linked.remove(relativePath) != nil { unlink(url.path) }
        if previousFiles.contains(relativePath),
           UnchangedFileLink.create(url.path, toIdentical: destination.appendingPathComponent(relativePath).path, data: data) {
            linked.insert(relativePath)
        } else {
            try PlainFileWriter.write(data, to: url.path)
        }
        written.append(relativePath)
    }

    /// Every file written so far, sorted.
    public var files: [String] { written.sorted() }

    /// Swaps the finished site in. The destination is checked again (a person
    /// may have put a file into it while the build ran), then exchanged with
    /// the staging folder in one step; the old site is deleted only after
    /// checking it still holds nothing but what its marker lists. When it
    /// must stay (a person put something into it after the last check), the
    /// new site's linked files are given files of their own first.
    public func commit() throws {
        let fm = FileManager.default
        try PlainFileWriter.write(Data(OutputFolder.marker(files: written).utf8), to: staging.appendingPathComponent(OutputFolder.markerName).path)
        try OutputFolder.checkReplaceable(destination, shown: destination.path, option: option, inputs: inputs)
        let replaced = try AtomicExchange.install(staging, at: destination)
        if replaced, let listed = OutputFolder.listedFiles(in: staging), OutputFolder.unexpectedEntries(in: staging, listed: listed).isEmpty {
            try? fm.removeItem(at: staging)
        } else {
            for file in linked.sorted() { try? UnchangedFileLink.separate(destination.appendingPathComponent(file).path) }
        }
        lock.release()
    }

    /// Removes the staging folder after a failure.
    public func discard() {
        try? FileManager.default.removeItem(at: staging)
        lock.release()
    }
}
