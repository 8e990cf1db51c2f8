import Foundation
import XCTest

/// Golden-file ("snapshot") comparison for drawn output such as SVG figures.
///
/// The baseline `<directory>/<name>` is committed. A test fails when the
/// rendering differs from it, printing a line diff (the changed lines with a
/// few lines of context) and writing the new rendering to a temporary file
/// to look at. Baselines are (re)written only on purpose: with the
/// environment variable `BACKBONE_RECORD_SNAPSHOTS=1` every compared
/// snapshot is recorded instead of checked. A missing baseline fails.
public func assertMatchesSnapshot(_ actual: String, named name: String, in directory: URL,
                                  file: StaticString = #filePath, line: UInt = #line) {
    let baseline = directory.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["BACKBONE_RECORD_SNAPSHOTS"] == "1" {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: baseline, options: .atomic)
        } catch {
            XCTFail("could not record \(baseline.path): \(error)", file: file, line: line)
        }
        return
    }
    guard let data = FileManager.default.contents(atPath: baseline.path) else {
        XCTFail("no snapshot \(name) in \(directory.path); record it with BACKBONE_RECORD_SNAPSHOTS=1", file: file, line: line)
        return
    }
    let expected = String(decoding: data, as: UTF8.self)
    guard expected != actual else { return }
    let saved = FileManager.default.temporaryDirectory.appendingPathComponent("snapshot-\(name)")
    try? Data(actual.utf8).write(to: saved, options: .atomic)
    XCTFail("""
        \(name) differs from its snapshot (- snapshot, + now). New rendering: \(saved.path)
        If the change is intended, re-record with BACKBONE_RECORD_SNAPSHOTS=1 and commit the new baseline.
        \(SnapshotDiff.lines(expected: expected, actual: actual))
        """, file: file, line: line)
}

/// A readable line diff of two texts that mostly agree: the common leading
/// and trailing lines are skipped and the differing block between them is
/// shown as removed (-) and added (+) lines, with line numbers and a few
/// lines of context, truncated when long.
public enum SnapshotDiff {
    public static func lines(expected: String, actual: String, context: Int = 2, limit: Int = 40) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var head = 0
        while head < old.count, head < new.count, old[head] == new[head] { head += 1 }
        var tail = 0
        while tail < old.count - head, tail < new.count - head, old[old.count - 1 - tail] == new[new.count - 1 - tail] { tail += 1 }
        var out: [String] = ["@@ snapshot lines \(head + 1)…\(old.count - tail), now \(head + 1)…\(new.count - tail) @@"]
        for i in max(0, head - context)..<head { out.append("  \(old[i])") }
        let removed = old[head..<(old.count - tail)].map { "- \($0)" }
        let added = new[head..<(new.count - tail)].map { "+ \($0)" }
        for (kind, block) in [("removed", removed), ("added", added)] {
            out += block.prefix(limit)
            if block.count > limit { out.append("  … \(block.count - limit) more \(kind) lines") }
        }
        for i in (old.count - tail)..<min(old.count, old.count - tail + context) { out.append("  \(old[i])") }
        return out.joined(separator: "\n")
    }
}
