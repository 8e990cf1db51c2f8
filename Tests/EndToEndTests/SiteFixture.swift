import Analyses
import Foundation
import SiteBuilder
import StudyData
import TestSupport
import XCTest

/// Builds the real report once (from content/ into a temporary folder) for
/// every end-to-end test, and offers small readers for what it wrote.
enum SiteFixture {
    static let repoRoot = Repository.root
    static let content = ContentFolder(root: Repository.content)
    static let templates = Repository.templates
    /// Few relabellings keep the debug-mode test quick; the numbers are checked in AnalysesTests.
    static let options = AnalysisOptions(permutations: 999, seed: 42)

    static func temporaryFolder(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("backbone-e2e-\(name)-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func build(into output: URL, options: AnalysisOptions = options) throws -> BuildSummary {
        let study = try StudyLoader.load(folder: content)
        let results = try StudyAnalysis.run(study, options: options)
        return try ReportBuilder.build(study: study, results: results, options: options,
                                       locations: SiteLocations(content: content, templates: templates, output: output))
    }

    /// The real study and its results under `options`, computed once; a
    /// failure is kept and rethrown to each test that needs them.
    private static let loadedStudy = Result { try StudyLoader.load(folder: content) }
    private static let analysed = Result { try StudyAnalysis.run(loadedStudy.get(), options: options) }
    static var study: LoadedStudy { get throws { try loadedStudy.get() } }
    static var results: StudyResults { get throws { try analysed.get() } }

    /// The report as shipped, built once for every test of this target that
    /// only reads it. A failed build is kept and rethrown to each such test.
    private static let builtSite = Result { () throws -> URL in
        let out = try temporaryFolder("site").appendingPathComponent("site")
        _ = try ReportBuilder.build(study: study, results: results, options: options,
                                    locations: SiteLocations(content: content, templates: templates, output: out))
        return out
    }
    static var site: URL { get throws { try builtSite.get() } }

    /// The §3 fixture log-prob tables (SIMULATED).
    static let logprobTables = Repository.reference("logprobs/tables")

    /// The report with every optional input: the §3 fixture log-prob tables and
    /// SIMULATED §4 checkpoint tables (`CheckpointGenerator`, seed 42, Gemma's
    /// planted riser "choice" and faller "neighbors"). Built once and shared by
    /// the §3 and §4 page tests, which only read it.
    private static let fullAnalysis = Result { () throws -> (root: URL, study: LoadedStudy, results: StudyResults) in
        let root = try temporaryFolder("full")
        let checkpoints = root.appendingPathComponent("checkpoints")
        let plain = try StudyLoader.load(folder: content)
        let source = try XCTUnwrap(plain.manifest.training?.tokenDynamics)
        let words = try XCTUnwrap(plain.dictionaries[source.dictionary]?[.virtue]).categoryOfWord.sorted { $0.key < $1.key }
        try CheckpointGenerator(agency: words.filter { $0.value == "Agency" }.map(\.key),
                                communion: words.filter { $0.value == "Communion" }.map(\.key), seed: 42)
            .write(to: checkpoints, tables: source.tables, planted: ["Gemma": .init(riser: "choice", faller: "neighbors")])
        let study = try StudyLoader.load(folder: content, logprobs: logprobTables, checkpoints: checkpoints)
        return (root, study, try StudyAnalysis.run(study, options: options))
    }
    /// The results with every optional input (every section and field present).
    static var fullResults: StudyResults { get throws { try fullAnalysis.get().results } }

    private static let builtFullSite = Result { () throws -> URL in
        let (root, study, results) = try fullAnalysis.get()
        let out = root.appendingPathComponent("site")
        _ = try ReportBuilder.build(study: study, results: results, options: options,
                                    locations: SiteLocations(content: content, templates: templates, output: out))
        return out
    }
    static var fullSite: URL { get throws { try builtFullSite.get() } }

    /// The CLI built next to the tests (`make test` builds it first).
    static func backbone() throws -> URL {
        try XCTUnwrap(Repository.backbone, "build the CLI first (swift build)")
    }

    /// A file of the shared site as text.
    static func text(_ relative: String) throws -> String {
        try String(contentsOf: site.appendingPathComponent(relative), encoding: .utf8)
    }

    static func allFiles(under root: URL) -> [String] {
        guard let e = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var out: [String] = []
        // The output marker (which files Backbone wrote) is not part of the site.
        for case let url as URL in e where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
            && url.lastPathComponent != OutputFolder.markerName {
            out.append(String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1)))
        }
        return out.sorted()
    }
}
