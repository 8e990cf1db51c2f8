import Analyses
import ArgumentParser
import Foundation
import SiteBuilder
import StudyData

/// `backbone build`: load → analyse → render, then swap the new site in.
/// Only wiring lives here; every failure is reported as one clear line on
/// stderr with a non-zero exit, and the previous site is left untouched.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the report site from a content folder.")

    @Option(name: .long, help: "Content folder holding study.yaml, data/ and pages/.")
    var content: String = "content"

    @Option(name: .long, help: "Output folder; replaced only when the build succeeds.")
    var out: String = "site"

    @Option(name: .long, help: "Folder with layout.mustache and style.css.")
    var templates: String = "templates"

    @Option(name: .long, help: "MFD2 columns: virtue (what the paper says) or script (what the study's script used).")
    var mfdColumns: MFDColumns = .virtue

    @Option(name: .long, help: "Test whose Bonferroni-adjusted p gives the figures' stars: permutation or welch.")
    var panelTest: PanelTest = .permutation

    @Option(name: .long, help: "Random relabellings per permutation test.")
    var permutations: Int = 99_999

    @Option(name: .long, help: "Seed of every randomised computation.")
    var seed: UInt64 = 42

    @Option(name: .long, help: "Folder of the §3 log-prob tables (<org>--<model>.csv); default: the manifest's logprobs.default_folder inside the content folder, when it exists.")
    var logprobs: String?

    @Option(name: .long, help: "Folder of the §4 token-level checkpoint tables (greatest_ever_one_across_checkpoints_{gemma,llama,qwen}.csv); without it the RM-training page says they are missing.")
    var checkpoints: String?

    @Option(name: .long, help: "A previous build (site folder) to compare with: adds a 'Changes since the previous build' page.")
    var compareTo: String?

    @Flag(name: .long, help: "Skip the checks of the finished site (well-formed pages, links, no external URLs).")
    var noCheck = false

    @Flag(name: .long, help: "Print the wall time of loading, analysing and writing the site on stderr (for benchmarks).")
    var timings = false

    func validate() throws {
        guard permutations >= 1 else { throw ValidationError("--permutations must be at least 1") }
    }

    func run() throws {
        let options = AnalysisOptions(mfdColumns: mfdColumns, panelTest: panelTest, permutations: permutations, seed: seed)
        let folder = ContentFolder(root: URL(fileURLWithPath: content))
        var locations = SiteLocations(content: folder, templates: URL(fileURLWithPath: templates), output: URL(fileURLWithPath: out))
        locations.otherInputs = (logprobs.map { [("log-probs", URL(fileURLWithPath: $0))] } ?? [])
            + (checkpoints.map { [("checkpoints", URL(fileURLWithPath: $0))] } ?? [])
        do {
            // Refuse an output folder that is not ours before the (long) load and analysis.
            locations.output = try OutputFolder.checkReplaceable(out, option: "--out", inputs: locations.inputFolders)
            // Held until the new site is in place: a second build into the same folder fails now, not after its analysis.
            locations.outputLock = try OutputLock(for: locations.output, option: "--out")
            // Read before building: --compare-to may name the --out folder this build replaces.
            let previous = try compareTo.map { try RunSnapshot.load(path: $0, label: "previous build") }
            var clock = PhaseClock(enabled: timings)
            let study = try StudyLoader.load(folder: folder, logprobs: logprobs.map { URL(fileURLWithPath: $0) },
                                             checkpoints: checkpoints.map { URL(fileURLWithPath: $0) },
                                             progress: { done, total in Progress.report("log-prob tables", done, total) })
            clock.lap("load")
            let results = try StudyAnalysis.run(study, options: options)
            clock.lap("analyse")
            let summary = try ReportBuilder.build(study: study, results: results, options: options, locations: locations, checks: !noCheck,
                                                    previous: previous)
            clock.lap(noCheck ? "write site" : "write and check site")
            print(summary.indexPath)
        } catch let error as DataError {
            throw CLIFailure(message: "\(error)")
        } catch let error as AnalysisError {
            throw CLIFailure(message: "\(error)")
        } catch let error as SiteError {
            throw CLIFailure(message: "\(error)")
        } catch let error as DiffError {
            throw CLIFailure(message: "--compare-to: \(error)")
        } catch let error as OutputFolderError {
            throw CLIFailure(message: "\(error)")
        } catch let error as CLIFailure {
            throw error
        } catch {
            throw CLIFailure(message: "the build failed: \(OutputFolderError.reason(error))")
        }
    }
}

extension MFDColumns: ExpressibleByArgument {}
extension PanelTest: ExpressibleByArgument {}

/// A failure already described for the user: printed as is, exit code 1.
struct CLIFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
