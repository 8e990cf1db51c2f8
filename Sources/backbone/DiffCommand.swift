import ArgumentParser
import Foundation
import RunDiff
import SiteBuilder

/// `backbone diff OLD NEW`: what changed between two runs. Exit 0 when no
/// result moved beyond tolerance, 1 when something did, 2 on any error (every
/// failure becomes a `DiffFailure`; a usage error exits 2 in every command) —
/// so CI can tell "the numbers changed" from "the diff could not run".
struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two builds: which statistics moved, which significance stars flipped, which figures changed.",
        discussion: """
        OLD and NEW are built site folders or results.json files. Values are addressed by JSON Pointer with list \
        items named by their identifying fields, e.g. /reward_models/big2/panels/category=Agency,family=Llama,framing=positive/welch/p. \
        Exit status: 0 no change beyond tolerance, 1 changes, 2 error.
        """)

    @Argument(help: "The earlier build: a site folder or a results.json.")
    var old: String

    @Argument(help: "The later build: a site folder or a results.json.")
    var new: String

    @Option(help: "Output format.")
    var format: DiffFormat = .text

    @Option(help: "Absolute tolerance: numbers this close count as unchanged.")
    var absTol: Double = DiffTolerance.standard.absolute

    @Option(help: "Relative tolerance (fraction of the larger magnitude).")
    var relTol: Double = DiffTolerance.standard.relative

    @Option(help: "Rows shown per section in text and Markdown (0 = all; JSON always has all).")
    var limit: Int = 20

    @Flag(help: "Also list differences within tolerance.")
    var showWithinTolerance = false

    @Option(help: "Also write the diff as a small HTML site into this folder.")
    var html: String?

    @OptionGroup var templates: TemplateOptions

    func validate() throws {
        guard absTol >= 0, relTol >= 0, absTol.isFinite, relTol.isFinite else {
            throw ValidationError("--abs-tol and --rel-tol must be finite and not negative")
        }
        guard limit >= 0 else { throw ValidationError("--limit must be 0 (all) or more") }
    }

    func run() async throws {
        let diff: RunDiff
        do {
            diff = try await compareAndWriteHTML()
        } catch {
            throw DiffFailure(underlying: error)
        }
        switch format {
        case .text: print(DiffTextReport.render(diff, limit: limit, showWithinTolerance: showWithinTolerance), terminator: "")
        case .markdown: print(DiffMarkdownReport.render(diff, limit: limit, showWithinTolerance: showWithinTolerance), terminator: "")
        case .json: print(DiffJSONReport.render(diff), terminator: "")
        }
        if diff.hasChanges { throw ExitCode(1) }
    }

    /// Everything that can fail: reading both runs, comparing them, writing `--html`.
    private func compareAndWriteHTML() async throws -> RunDiff {
        let diff = try RunDiff.compare(RunSnapshot.load(path: old), RunSnapshot.load(path: new),
                                       tolerance: DiffTolerance(absolute: absTol, relative: relTol))
        if let html {
            let runs = [("OLD", URL(fileURLWithPath: old)), ("NEW", URL(fileURLWithPath: new))]
            let output = try OutputFolder.checkReplaceable(html, option: "--html", inputs: runs + [("templates", templates.url)])
            try await DiffSite.write(diff, to: output, templates: templates.url, inputs: runs)
        }
        return diff
    }
}

enum DiffFormat: String, CaseIterable {
    case text, markdown, json
}
