import Analyses
import Foundation
import SiteBuilder
import StudyData
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Builds the real report once (from content/ into a temporary folder) for
/// every end-to-end test, and offers small readers for what it wrote.
enum SiteFixture {
    static let repoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let content = ContentFolder(root: repoRoot.appendingPathComponent("content"))
    static let templates = repoRoot.appendingPathComponent("templates")
    /// Few relabellings keep the debug-mode test quick; the numbers are checked in AnalysesTests.
    static let options = AnalysisOptions(permutations: 999, seed: 42)

    static func temporaryFolder(_ name: String) -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("backbone-e2e-\(name)-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: url)
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func build(into output: URL, options: AnalysisOptions = options) throws -> BuildSummary {
        let study = try StudyLoader.load(folder: content)
        let results = try StudyAnalysis.run(study, options: options)
        return try ReportBuilder.build(study: study, results: results, options: options,
                                       locations: SiteLocations(content: content, templates: templates, output: output))
    }

    /// The real study and its results under `options`, computed once.
    static let study: LoadedStudy = try! StudyLoader.load(folder: content)
    static let results: StudyResults = try! StudyAnalysis.run(study, options: options)

    static let site: URL = {
        let out = temporaryFolder("site").appendingPathComponent("site")
        _ = try! ReportBuilder.build(study: study, results: results, options: options,
                                     locations: SiteLocations(content: content, templates: templates, output: out))
        return out
    }()

    static func text(_ relative: String) -> String {
        (try? String(contentsOf: site.appendingPathComponent(relative), encoding: .utf8)) ?? ""
    }

    static func allFiles(under root: URL) -> [String] {
        let e = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])!
        var out: [String] = []
        // The output marker (which files Backbone wrote) is not part of the site.
        for case let url as URL in e where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
            && url.lastPathComponent != OutputFolder.markerName {
            out.append(String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1)))
        }
        return out.sorted()
    }
}

/// Collects what an XML parse saw: well-formedness, links, ids, text.
final class MarkupScan: NSObject, XMLParserDelegate {
    var links: [String] = []
    var ids: Set<String> = []
    var elements: [String] = []
    var text = ""
    var error: Error?

    static func scan(_ text: String) -> MarkupScan {
        let scan = MarkupScan()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = scan
        if !parser.parse() { scan.error = parser.parserError ?? NSError(domain: "xml", code: 1) }
        return scan
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        elements.append(name)
        if let id = attributes["id"] { ids.insert(id) }
        for key in ["href", "src"] { if let v = attributes[key] { links.append(v) } }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }
}
