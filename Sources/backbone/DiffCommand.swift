import ArgumentParser
import Foundation
import SiteBuilder

/// `backbone diff OLD NEW`: what changed between two runs. Exit 0 when no
/// result moved beyond tolerance, 1 when something did, 2 on any error — so
/// CI can tell "the numbers changed" from "the diff could not run".
struct DiffCommand: ParsableCommand {
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

    @Option(name: .long, help: "Output format: text, markdown or json.")
    var format: DiffFormat = .text

    @Option(name: .long, help: "Absolute tolerance: numbers this close count as unchanged.")
    var absTol: Double = DiffTolerance.standard.absolute

    @Option(name: .long, help: "Relative tolerance (fraction of the larger magnitude).")
    var relTol: Double = DiffTolerance.standard.relative

    @Option(name: .long, help: "Rows shown per section in text and Markdown (0 = all; JSON always has all).")
    var limit: Int = 20

    @Flag(name: .long, help: "Also list differences within tolerance.")
    var showWithinTolerance = false

    @Option(name: .long, help: "Also write the diff as a small HTML site into this folder.")
    var html: String?

    @Option(name: .long, help: "Folder with layout.mustache and style.css (for --html).")
    var templates: String = "templates"

    func run() throws {
        do {
            guard absTol >= 0, relTol >= 0, absTol.isFinite, relTol.isFinite else {
                throw DiffError("--abs-tol and --rel-tol must be finite and not negative")
            }
            guard limit >= 0 else { throw DiffError("--limit must be 0 (all) or more") }
            let a = try RunSnapshot.load(path: old)
            let b = try RunSnapshot.load(path: new)
            let diff = try RunDiff.compare(a, b, tolerance: DiffTolerance(absolute: absTol, relative: relTol))
            if let html {
                let output = try OutputFolder.checkReplaceable(html, option: "--html", inputs: [("OLD", URL(fileURLWithPath: old)), ("NEW", URL(fileURLWithPath: new)),
                                                                                              ("templates", URL(fileURLWithPath: templates))])
                try DiffSite.write(diff, to: output, templates: URL(fileURLWithPath: templates),
                                   inputs: [("OLD", URL(fileURLWithPath: old)), ("NEW", URL(fileURLWithPath: new))])
            }
            switch format {
            case .text: print(DiffTextReport.render(diff, limit: limit, showWithinTolerance: showWithinTolerance), terminator: "")
            case .markdown: print(DiffMarkdownReport.render(diff, limit: limit, showWithinTolerance: showWithinTolerance), terminator: "")
            case .json: print(DiffJSONReport.render(diff), terminator: "")
            }
            if diff.hasChanges { throw ExitCode(1) }
        } catch let error as DiffError {
            FileHandle.standardError.write(Data("backbone diff: error: \(error)\n".utf8))
            throw ExitCode(2)
        } catch let error as SiteError {
            FileHandle.standardError.write(Data("backbone diff: error: \(error)\n".utf8))
            throw ExitCode(2)
        } catch let error as OutputFolderError {
            FileHandle.standardError.write(Data("backbone diff: error: \(error)\n".utf8))
            throw ExitCode(2)
        } catch let code as ExitCode {
            throw code
        } catch {
            FileHandle.standardError.write(Data("backbone diff: error: \(OutputFolderError.reason(error))\n".utf8))
            throw ExitCode(2)
        }
    }
}

enum DiffFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, json
}
