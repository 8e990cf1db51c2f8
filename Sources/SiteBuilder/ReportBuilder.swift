import Analyses
import Foundation
import OutputFormat
import Parallel
import RunDiff
import StudyData
import SVGCharts

/// Where the pieces of a build come from and where the site goes.
public struct SiteLocations {
    public var content: ContentFolder
    public var templates: URL
    public var output: URL
    /// Further folders the build reads (`--logprobs`, `--checkpoints`): like
    /// the content and templates folders, the output may never replace them.
    public var otherInputs: [(name: String, url: URL)] = []
    /// The output's lock, when the caller took it before loading.
    public var outputLock: OutputLock?
    public init(content: ContentFolder, templates: URL, output: URL) {
        self.content = content; self.templates = templates; self.output = output
    }
    var pages: URL { content.root.appendingPathComponent("pages") }
    /// Every folder the build reads, named for messages.
    public var inputFolders: [(name: String, url: URL)] {
        [("content", content.root), ("templates", templates)] + otherInputs
    }
}

/// What a finished build reports back to the CLI.
public struct BuildSummary: Sendable {
    public var files: [String]
    public var indexPath: String
}

/// Assembles the site: tables, figures and page prose from result values,
/// written atomically. Renders; never computes statistics.
public enum ReportBuilder {
    struct Page {
        var file: String
        var source: String
        var label: String
    }

    static let pages = [
        Page(file: "index.html", source: "index.md", label: "Overview"),
        Page(file: "reward-models.html", source: "reward-models.md", label: "Reward models (§2)"),
        Page(file: "logprobs.html", source: "logprobs.md", label: "Log-probs (§3.1)"),
        Page(file: "implicit-rewards.html", source: "implicit-rewards.md", label: "Implicit rewards (§3.2)"),
        Page(file: "training.html", source: "training.md", label: "RM training (§4)"),
        Page(file: "robustness.html", source: "robustness.md", label: "Robustness"),
        Page(file: "methods.html", source: "methods.md", label: "Methods"),
        Page(file: "data.html", source: "data.md", label: "Data"),
    ]

    static let changesPage = Page(file: "changes.html", source: "", label: "Changes")

    /// `checks`: run `SiteChecks` on the finished site before swapping it in
    /// (`backbone build --no-check` turns this off).
    /// `previous`: a build to compare with (`backbone build --compare-to DIR`);
    /// the site then gets a "Changes since the previous build" page, linked
    /// from every page's navigation. Without it the site has no such page.
    public static func build(study: LoadedStudy, results: StudyResults, options: AnalysisOptions,
                             locations: SiteLocations, checks: Bool = true, previous: RunSnapshot? = nil) async throws -> BuildSummary {
        var writer = try AtomicSiteWriter(destination: locations.output, option: "--out", inputs: locations.inputFolders, lock: locations.outputLock)
        do {
            // results.json (3 MB of text, a third of this phase's work) needs
            // nothing the pages make: it is encoded beside them, its members
            // side by side on the other cores.
            async let resultsEncoding = CanonicalJSON.encodeInParallel(results)
            let renderer = try PageRenderer(templatesFolder: locations.templates)
            var context = SiteContext.base(study: study, results: results, options: options)
            // Tables and figures: written as downloads and put into the context as HTML.
            var assets = SiteAssets()
            for (index, r) in results.rewardModels.dictionaries.enumerated() {
                context[r.dictionary] = try RewardModelsPage.context(r, letter: letter(index), study: study,
                                                                   alternative: results.rewardModels.alternative(for: r.dictionary), assets: &assets)
            }
            context["methods"] = MethodsPage.context(results: results, options: options, manifest: study.manifest, assets: &assets)
            context["data"] = DataPage.context(study: study, assets: &assets)
            context["logprobs"] = LogprobsPage.context(results.logprobRanks, study: study, assets: &assets)
            context["implicit"] = ImplicitRewardsPage.context(results.implicitRewards, study: study, assets: &assets)
            context["logprobData"] = DataPage.logprobFiles(study, assets: &assets)
            context["training"] = TrainingPage.context(results.training, manifest: study.manifest,
                                                     big2: study.manifest.trainingDictionary.flatMap { results.rewardModels.result(for: $0.id) },
                                                     assets: &assets)
            context["overview"] = OverviewPage.context(results, manifest: study.manifest)
            context["vocabulary"] = OverviewPage.vocabulary(results.vocabulary)
            context["robustness"] = RobustnessPage.context(results, study: study, names: DictionaryNames(study.manifest), assets: &assets)
            context = SiteContext.sanitized(context) as! [String: Any]

            let navigated = pages + (previous == nil ? [] : [changesPage])
            let navigation = { (current: String) -> [[String: Any]] in
                navigated.map { ["href": $0.file, "label": $0.label, "current": $0.file == current] as [String: Any] }
            }
            var sources: [(display: String, markdown: String)] = []
            for page in pages {
                let display = locations.content.displayPath("pages/" + page.source)
                // Pages are confined like every manifest path: a link to a file outside the content folder is refused.
                guard let sourceURL = try? locations.content.resolve("pages/" + page.source, manifestField: "pages") else {
                    throw SiteError("\(display): a link to a file outside the content folder; keep page sources inside \(locations.content.root.path)")
                }
                guard let markdown = try? String(contentsOf: sourceURL, encoding: .utf8) else {
                    throw SiteError("\(display): cannot read the page source")
                }
                sources.append((display, markdown))
            }
            // The page bodies (Markdown, then Mustache) side by side, beside
            // the downloads and figures: rendered one after another they kept
            // one core busy for ~10 ms at the end of every build with the
            // other idle. A page's error is still the first in page order.
            let shared = PageInputs(renderer: renderer, context: context, sources: sources)
            async let renderedBodies = Parallel.map(sources.count) { i in
                try shared.renderer.body(markdown: shared.sources[i].markdown, sourcePath: shared.sources[i].display, context: shared.context)
            }
            let assetFiles = await assets.renderedFiles()
            for (page, (source, body)) in zip(pages, zip(sources, try await renderedBodies)) {
                let title = source.markdown.split(separator: "\n").first { $0.hasPrefix("# ") }.map { String($0.dropFirst(2)) } ?? page.label
                try writer.write(page.file, renderer.page(title: title, body: body, navigation: navigation(page.file),
                                                          siteTitle: "Backbone report", citation: study.manifest.citation))
            }
            for (path, text) in assetFiles.sorted(by: { $0.key < $1.key }) { try writer.write(path, text) }
            guard let css = try? String(contentsOf: locations.templates.appendingPathComponent("style.css"), encoding: .utf8) else {
                throw SiteError("cannot read \(locations.templates.appendingPathComponent("style.css").path)")
            }
            try writer.write("style.css", css)
            let resultsJSON = try await resultsEncoding
            let manifestJSON = try CanonicalJSON.encode(BuildManifest(options: options, inputs: study.inputs, figures: assets.figureSources))
            try writer.write("results.json", resultsJSON)
            try writer.write("manifest.json", manifestJSON)
            if let previous {
                let current = try RunSnapshot.inMemory(label: "this build", resultsJSON: resultsJSON, manifestJSON: manifestJSON, files: assetFiles)
                let page = DiffPage(try RunDiff.compare(previous, current), heading: "Changes since the previous build",
                                    assetFolder: "changes/", newFigurePath: { $0.newSVG == nil ? nil : $0.source.file })
                try writer.write(changesPage.file, renderer.page(title: "Changes since the previous build", body: page.body,
                                                                 navigation: navigation(changesPage.file), siteTitle: "Backbone report",
                                                                 citation: study.manifest.citation))
                for (path, data) in page.files.sorted(by: { $0.key < $1.key }) { try writer.write(path, data) }
            }
            let files = writer.files
            if checks {
                let entryPoints = Set(navigated.map(\.file) + ["style.css", "results.json", "manifest.json"])
                let problems = await SiteChecks.run(root: writer.staging, files: files, entryPoints: entryPoints)
                if !problems.isEmpty {
                    throw SiteError("the built site failed its checks (the previous site is untouched):\n" + problems.map { "  \($0)" }.joined(separator: "\n"))
                }
            }
            try writer.commit()
            return BuildSummary(files: files, indexPath: locations.output.appendingPathComponent("index.html").path)
        } catch {
            writer.discard()
            throw error
        }
    }

    static func letter(_ i: Int) -> String { String(UnicodeScalar(UInt8(97 + i % 26))) }
}

/// What the page bodies rendered side by side share, read only.
/// `@unchecked Sendable`: the context is a `[String: Any]` of strings,
/// numbers, arrays and dictionaries that nothing changes once
/// `SiteContext.sanitized` has returned it, and rendering only reads it and
/// the renderer.
private struct PageInputs: @unchecked Sendable {
    let renderer: PageRenderer
    let context: [String: Any]
    let sources: [(display: String, markdown: String)]
}

/// `manifest.json`: what went into a build, so two builds can be compared.
/// Deliberately without a timestamp, host or path outside the content folder.
struct BuildManifest: Codable {
    var tool = "backbone"
    var version = SiteVersion.tool
    var schema = SiteVersion.schema
    var options: AnalysisOptions
    var inputs: [InputFileRecord]
    /// Which results each figure is drawn from (see `FigureSource`).
    var figures: [FigureSource]
}

/// Files that pages link to (CSV downloads, SVG figures), collected while the
/// page context is assembled; the tables' downloads are written afterwards,
/// all at once (`renderedFiles`, in SiteFile.swift).
struct SiteAssets {
    var files: [String: SiteFile] = [:]
    /// Every figure drawn, in drawing order, with the results it depends on.
    var figureSources: [FigureSource] = []

    mutating func table(_ t: ReportTable) -> HTMLNode {
        files[t.downloadPath] = .csv(t)
        files[t.latexPath] = .latex(t)
        return t.node()
    }

    /// Writes the SVG and returns the figure's HTML block with caption and links.
    mutating func figure(id: String, number: String, caption: String, svg: String, data: ReportTable, dependsOn: [String]) -> HTMLNode {
        let id = SiteNames.slug(id)
        files["figures/\(id).svg"] = .text(svg)
        figureSources.append(FigureSource(id: id, file: "figures/\(id).svg", label: number, dependsOn: dependsOn))
        files[data.downloadPath] = .csv(data)
        files[data.latexPath] = .latex(data)
        return .element("figure", ["class": "chart", "id": "figure-" + id], [
            .trusted(.svg(svg)),
            .element("figcaption", [:], [.strong(number + "."), .text(" " + caption)]),
            .p(class: "downloads", [.a(href: "figures/\(id).svg", ["SVG"]), " · ", .a(href: data.downloadPath, ["Data (CSV)"]), " · ",
                                        .a(href: data.latexPath, ["LaTeX"]), " · ", .a(href: "methods.html", ["Methods"])]),
        ])
    }
}
