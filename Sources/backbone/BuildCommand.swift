import Analyses
import ArgumentParser
import Failures
import Foundation
import RunDiff
import SiteBuilder
import StudyData

/// `backbone build`: load → analyse → render, then swap the new site in.
/// Only wiring lives here: every failure is a `UserFacingError`, which the
/// entry point reports as one clear line on stderr with exit status 1, and
/// the previous site is left untouched.
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the report site from a content folder.")

    @OptionGroup var content: ContentOptions

    @Option(help: "Output folder; replaced only when the build succeeds.")
    var out: String = "site"

    @OptionGroup var templates: TemplateOptions

    @Option(help: "Which MFD2 columns give the words' categories.")
    var mfdColumns: MFDColumns = .virtue

    @Option(help: "Test whose Bonferroni-adjusted p gives the figures' stars.")
    var panelTest: PanelTest = .permutation

    @Option(help: "Random relabellings per permutation test.")
    var permutations: Int = 99_999

    @OptionGroup var seeding: SeedOptions

    @Option(help: "Folder of the §3 log-prob tables (<org>--<model>.csv); default: the manifest's logprobs.default_folder inside the content folder, when it exists.")
    var logprobs: String?

    @Option(help: "Folder of the §4 token-level checkpoint tables (greatest_ever_one_across_checkpoints_{gemma,llama,qwen}.csv); without it the RM-training page says they are missing.")
    var checkpoints: String?

    @Option(help: "A previous build (site folder) to compare with: adds a 'Changes since the previous build' page.")
    var compareTo: String?

    @Flag(help: "Skip the checks of the finished site (well-formed pages, links, no external URLs).")
    var noCheck = false

    @Flag(help: "Print the wall time of each phase on stderr (for benchmarks): loading, with §2, §4 and the App. F simulation analysed while the §3 tables are read; the other §3 analyses; writing the site.")
    var timings = false

    static let maxPermutations = 10_000_000

    func validate() throws {
        guard permutations >= 1 else { throw ValidationError("--permutations must be at least 1, found \(permutations)") }
        // 10 million relabellings already resolve p to 1e-7; more only costs time (and memory for the null distribution).
        guard permutations <= Self.maxPermutations else {
            throw ValidationError("--permutations must be at most \(Self.maxPermutations), found \(permutations); p-values below 1e-7 need no more relabellings")
        }
    }

    func run() async throws {
        let options = AnalysisOptions(mfdColumns: mfdColumns, panelTest: panelTest, permutations: permutations, seed: seeding.seed)
        let folder = content.folder
        var locations = SiteLocations(content: folder, templates: templates.url, output: URL(fileURLWithPath: out))
        locations.otherInputs = (logprobs.map { [("log-probs", URL(fileURLWithPath: $0))] } ?? [])
            + (checkpoints.map { [("checkpoints", URL(fileURLWithPath: $0))] } ?? [])
        // Refuse an output folder that is not ours before the (long) load and analysis.
        locations.output = try OutputFolder.checkReplaceable(out, option: "--out", inputs: locations.inputFolders)
        // Held until the new site is in place: a second build into the same folder fails now, not after its analysis.
        locations.outputLock = try OutputLock(for: locations.output, option: "--out")
        // Read before building: --compare-to may name the --out folder this build replaces.
        let previous: RunSnapshot?
        do { previous = try compareTo.map { try RunSnapshot.load(path: $0, label: "previous build") } } catch {
            throw CLIFailure(message: "--compare-to: \(describeForUser(error))")
        }
        var clock = PhaseClock(enabled: timings)
        // §2, §4 and the App. F simulation are analysed while the §3 tables are still being read.
        let (study, whileLoading) = try await StudyLoader.load(
            folder: folder, logprobs: logprobs.map { URL(fileURLWithPath: $0) }, checkpoints: checkpoints.map { URL(fileURLWithPath: $0) },
            progress: { done, total in Progress.report("log-prob tables", done, total) },
            beside: { loaded, arrivals in await StudyAnalysis.analyseWhileLoading(loaded, options: options, arrivals: arrivals) })
        clock.lap("load + §2/§4 analyses, App. F simulation")
        // Consumed: what §3 took from the loading stage (the shared vocabulary
        // holds a row of log-probs per model, 3 MB each) is freed before the
        // site is written, instead of staying until this function returns.
        let results = try await StudyAnalysis.run(study, options: options, whileLoading: consume whileLoading)
        clock.lap("§3 analyses + claims")
        let summary = try await ReportBuilder.build(study: study, results: results, options: options, locations: locations, checks: !noCheck,
                                                previous: previous)
        clock.lap(noCheck ? "write site" : "write and check site")
        print(summary.indexPath)
    }
}
