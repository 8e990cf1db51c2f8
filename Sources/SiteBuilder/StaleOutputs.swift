import Foundation

/// Leftovers of killed or crashed runs beside an output folder:
/// `.NAME.building-PID-…` (a site being written, or after the exchange the
/// old site on its way out) and `.NAME.old-PID-…` (older versions' moved-aside
/// sites). One is removed only when it is provably ours: its name has that
/// pattern, the process that made it is gone, and it carries Backbone's
/// marker (or is an older Backbone site) with nothing a person added.
enum StaleOutputs {
    static func remove(beside destination: URL) {
        let fm = FileManager.default
        let parent = destination.deletingLastPathComponent()
        let name = destination.lastPathComponent
        guard let entries = try? fm.contentsOfDirectory(atPath: parent.path) else { return }
        for entry in entries {
            guard let pid = owner(of: entry, name: name), pid != getpid(), !isAlive(pid) else { continue }
            let folder = parent.appendingPathComponent(entry)
            if isOurs(folder) { try? fm.removeItem(at: folder) }
        }
    }

    /// The pid in `.NAME.building-PID-…` or `.NAME.old-PID-…`.
    static func owner(of entry: String, name: String) -> pid_t? {
        for kind in ["building", "old"] {
            let prefix = ".\(name).\(kind)-"
            guard entry.hasPrefix(prefix) else { continue }
            let rest = entry.dropFirst(prefix.count)
            guard let digits = rest.split(separator: "-", maxSplits: 1).first, let pid = pid_t(digits), pid > 0 else { return nil }
            return pid
        }
        return nil
    }

    static func isAlive(_ pid: pid_t) -> Bool {
        kill(pid, 0) == 0 || errno != ESRCH
    }

    static func isOurs(_ folder: URL) -> Bool {
        var info = stat()
        guard lstat(folder.path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return false }
        if let text = try? String(contentsOf: folder.appendingPathComponent(OutputFolder.markerName), encoding: .utf8),
           text == OutputFolder.buildingMarker {
            return true
        }
        guard let listed = OutputFolder.listedFiles(in: folder) else { return false }
        return OutputFolder.unexpectedEntries(in: folder, listed: listed).isEmpty
    }
}
