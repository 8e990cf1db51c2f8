import Foundation

/// Writes a site into a temporary sibling folder and swaps it in only after
/// every file was written, so a failed build never leaves a half-written or
/// deleted `site/`.
public struct AtomicSiteWriter {
    public let destination: URL
    /// Where the site is assembled; checks read it before `commit()`.
    public let staging: URL
    private var written: [String] = []

    public init(destination: URL) throws {
        self.destination = destination.standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        staging = parent.appendingPathComponent(".\(self.destination.lastPathComponent).building-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try? FileManager.default.removeItem(at: staging)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    }

    /// Adds a file at a relative path (e.g. `figures/fig1a.svg`).
    public mutating func write(_ relativePath: String, _ text: String) throws {
        try write(relativePath, Data(text.utf8))
    }

    public mutating func write(_ relativePath: String, _ data: Data) throws {
        precondition(!relativePath.hasPrefix("/") && !relativePath.contains(".."), "site paths are relative")
        let url = staging.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        written.append(relativePath)
    }

    /// Every file written so far, sorted.
    public var files: [String] { written.sorted() }

    /// Swaps the finished site in. The old site is moved aside first and only
    /// deleted once the new one is in place.
    public func commit() throws {
        let fm = FileManager.default
        let old = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try? fm.removeItem(at: old)
        let hadOld = fm.fileExists(atPath: destination.path)
        if hadOld { try fm.moveItem(at: destination, to: old) }
        do {
            try fm.moveItem(at: staging, to: destination)
        } catch {
            if hadOld { try? fm.moveItem(at: old, to: destination) }
            throw error
        }
        if hadOld { try? fm.removeItem(at: old) }
    }

    /// Removes the staging folder after a failure.
    public func discard() {
        try? FileManager.default.removeItem(at: staging)
    }
}
