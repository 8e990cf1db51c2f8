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

    /// A new, empty folder, removed with the test run's scratch folder.
    static func temporaryFolder(_ name: String) throws -> URL {
        try Scratch.folder(name)
    }

    /// A fresh copy of content/ at `<temporary folder named name>/content`,
    /// for tests that edit the manifest or a data file before building.
    static func copyOfContent(_ name: String) throws -> URL {
        let content = try temporaryFolder(name).appendingPathComponent("content")
        try FileManager.default.copyItem(at: Self.content.root, to: content)
        return content
    }

    static func build(into output: URL, options: AnalysisOptions = options) async throws -> BuildSummary {
        let study = try await StudyLoader.load(folder: content)
        let results = try await StudyAnalysis.run(study, options: options)
        return try await ReportBuilder.build(study: study, results: results, options: options,
                                       locations: SiteLocations(content: content, templates: templates, output: output))
    }

    /// The real study and its results under `options`, computed once; a
    /// failure is kept and rethrown to each test that needs them.
    private static let loadedStudy = Task { try await StudyLoader.load(folder: content) }
    private static let analysed = Task { try await StudyAnalysis.run(loadedStudy.value, options: options) }
    static var study: LoadedStudy { get async throws { try await loadedStudy.value } }
    static var results: StudyResults { get async throws { try await analysed.value } }

    /// The report as shipped, built once for every test of this target that
    /// only reads it. A failed build is kept and rethrown to each such test.
    private static let builtSite = Task { () async throws -> URL in
        let out = try temporaryFolder("site").appendingPathComponent("site")
        _ = try await ReportBuilder.build(study: study, results: results, options: options,
                                    locations: SiteLocations(content: content, templates: templates, output: out))
        return out
    }
    static var site: URL { get async throws { try await builtSite.value } }

    /// The §3 fixture log-prob tables (SIMULATED).
    static let logprobTables = Repository.reference("logprobs/tables")

    /// The report with every optional input: the §3 fixture log-prob tables and
    /// SIMULATED §4 checkpoint tables (`CheckpointGenerator`, seed 42, Gemma's
    /// planted riser "choice" and faller "neighbors"). Built once and shared by
    /// the §3 and §4 page tests, which only read it.
    private static let fullAnalysis = Task { () async throws -> (root: URL, study: LoadedStudy, results: StudyResults) in
        let root = try temporaryFolder("full")
        let checkpoints = root.appendingPathComponent("checkpoints")
        let plain = try await StudyLoader.load(folder: content)
        let source = try XCTUnwrap(plain.manifest.training?.tokenDynamics)
        let words = try XCTUnwrap(plain.dictionaries[source.dictionary]?[.virtue]).categoryOfWord.sorted { $0.key < $1.key }
        try CheckpointGenerator(agency: words.filter { $0.value == "Agency" }.map(\.key),
                                communion: words.filter { $0.value == "Communion" }.map(\.key), seed: 42)
            .write(to: checkpoints, tables: source.tables, planted: ["Gemma": .init(riser: "choice", faller: "neighbors")])
        let study = try await StudyLoader.load(folder: content, logprobs: logprobTables, checkpoints: checkpoints)
        return (root, study, try await StudyAnalysis.run(study, options: options))
    }
    /// The results with every optional input (every section and field present).
    static var fullResults: StudyResults { get async throws { try await fullAnalysis.value.results } }

    private static let builtFullSite = Task { () async throws -> URL in
        let (root, study, results) = try await fullAnalysis.value
        let out = root.appendingPathComponent("site")
        _ = try await ReportBuilder.build(study: study, results: results, options: options,
                                    locations: SiteLocations(content: content, templates: templates, output: out))
        return out
    }
    static var fullSite: URL { get async throws { try await builtFullSite.value } }

    /// The CLI built next to the tests (`make test` builds it first).
    static func backbone() throws -> URL {
        try XCTUnwrap(Repository.backbone, "build the CLI first (swift build)")
    }

    /// A file of the shared site as text.
    static func text(_ relative: String) async throws -> String {
        try String(contentsOf: await site.appendingPathComponent(relative), encoding: .utf8)
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
