import Foundation
import Parallel
import StudyData

/// Checks a finished site before it replaces the old one, so a broken page is
/// a failed build rather than a published defect: every page is well-formed
/// (X)HTML, every SVG well-formed XML, every internal link and anchor
/// resolves, nothing points outside the site, and every file is reachable.
public enum SiteChecks {
    public struct Problem: CustomStringConvertible, Equatable, Sendable {
        public var file: String
        public var message: String
        public var description: String { "\(file): \(message)" }
    }

    /// Checks the site in `root`, whose files are `files` (relative paths).
    /// `entryPoints` are files that need no inbound link (the pages in the
    /// navigation, the stylesheet, the machine-readable results).
    public static func run(root: URL, files: [String], entryPoints: Set<String>) async -> [Problem] {
        var problems: [Problem] = []
        var scans: [String: MarkupScan] = [:]
        // Parsing is most of the check's time and the files are independent:
        // parse them on every core, then collect in file order.
        let markup = files.filter { $0.hasSuffix(".html") || $0.hasSuffix(".svg") }
        // Each file's scan and its Markdown-table search, on every core.
        let scan = { @Sendable (file: String) -> (scan: MarkupScan, tableLine: String?) in
            let scan = MarkupScan.scan((try? Data(contentsOf: root.appendingPathComponent(file))) ?? Data())
            return (scan, UnrenderedMarkdown.firstTableLine(scan.prose))
        }
        let parsed = (try? await Parallel.map(markup.count) { scan(markup[$0]) }) ?? markup.map(scan)   // (scanning never throws)
        for (file, (scan, tableLine)) in zip(markup, parsed) {
            scans[file] = scan
            if let error = scan.error { problems.append(Problem(file: file, message: "not well-formed: \(error)")) }
            if let tableLine { problems.append(Problem(file: file, message: "unrendered Markdown table: \(tableLine)")) }
        }
        let fileSet = Set(files)
        var linked = entryPoints
        for (file, scan) in scans.sorted(by: { $0.key < $1.key }) {
            for link in scan.links {
                if isExternal(link) {
                    problems.append(Problem(file: file, message: "links outside the site: \(link)")); continue
                }
                if link.hasPrefix("mailto:") || link.hasPrefix("data:") {
                    problems.append(Problem(file: file, message: "unexpected link scheme: \(link)")); continue
                }
                let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let base = (file as NSString).deletingLastPathComponent
                let target = parts[0].isEmpty ? file : normalise(base.isEmpty ? parts[0] : base + "/" + parts[0])
                guard fileSet.contains(target) else {
                    problems.append(Problem(file: file, message: "link to a missing file: \(link)")); continue
                }
                linked.insert(target)
                if parts.count == 2, !parts[1].isEmpty, target.hasSuffix(".html"), scans[target]?.ids.contains(parts[1]) != true {
                    problems.append(Problem(file: file, message: "link to a missing anchor: \(link)"))
                }
            }
        }
        for file in files where file.hasSuffix(".css") {
            let css = (try? String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)) ?? ""
            if css.contains("url(") || css.contains("@import") {
                problems.append(Problem(file: file, message: "the stylesheet loads other resources"))
            }
        }
        for file in files.sorted() where !linked.contains(file) {
            problems.append(Problem(file: file, message: "no page links to this file"))
        }
        return problems
    }

    static func isExternal(_ link: String) -> Bool {
        let lower = link.lowercased()
        return lower.hasPrefix("http:") || lower.hasPrefix("https:") || lower.hasPrefix("//") || lower.hasPrefix("javascript:")
            || lower.hasPrefix("file:") || lower.hasPrefix("ftp:")
    }

    static func normalise(_ path: String) -> String {
        var out: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == "..", !out.isEmpty { out.removeLast(); continue }
            out.append(part)
        }
        return out.joined(separator: "/")
    }
}

/// Markdown that libcmark (CommonMark, without the GFM table extension)
/// leaves as text: a pipe table comes out as a paragraph of `| a | b |`
/// lines. Page prose must use the report's table code instead.
enum UnrenderedMarkdown {
    /// The first line of `text` that is a table delimiter row (`|---|---|`,
    /// `| :-- | --: |`), or nil. Needs a whole line, so a one-line data
    /// string such as `|a|b|` in a sentence is not mistaken for one.
    static func firstTableLine(_ text: String) -> String? {
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            // A line without a pipe cannot be one; most prose lines are skipped here, before trimming.
            guard line.utf8.contains(UInt8(ascii: "|")) else { continue }
            let cells = line.trimmingCharacters(in: .whitespaces)
            guard cells.hasPrefix("|"), cells.hasSuffix("|"), cells.count >= 5 else { continue }
            let parts = cells.dropFirst().dropLast().split(separator: "|", omittingEmptySubsequences: false)
            let isDelimiter = parts.allSatisfy { part in
                let p = part.trimmingCharacters(in: .whitespaces)
                let dashes = p.trimmingCharacters(in: CharacterSet(charactersIn: ":"))
                return dashes.count >= 3 && dashes.allSatisfy { $0 == "-" }
            }
            if isDelimiter { return String(cells) }
        }
        return nil
    }
}
