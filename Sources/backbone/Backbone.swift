import ArgumentParser
import Foundation

@main
struct Backbone: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backbone",
        abstract: "Regenerate the report of 'Reward Models Inherit Value Biases from Pretraining' from data.",
        discussion: """
        backbone build reads a study manifest (content/study.yaml) and its data, runs every \
        analysis and writes a static HTML site with figures, tables, CSV downloads, \
        results.json and manifest.json.
        """,
        version: "0.1.0",
        subcommands: [BuildCommand.self, DiffCommand.self, MWLRCommand.self, GenerateLogprobsCommand.self, GenerateCheckpointsCommand.self,
                      BenchLogprobsCommand.self, BenchChartCommand.self]
    )

    /// ArgumentParser exits 64 on a usage error; `backbone diff` promises 2 for
    /// every error (1 means "changes found"), so its usage errors are mapped to 2.
    static func main() {
        // A full disk or a file-size limit must be a message and exit 1 with
        // the previous site untouched, not a kill by SIGXFSZ halfway through
        // writing: ignored, the signal turns into the write's EFBIG error.
        signal(SIGXFSZ, SIG_IGN)
        let arguments = NegativeNumberArguments.joined(Array(CommandLine.arguments.dropFirst()))
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if arguments.first == "diff", code != .success, code.rawValue != 1, code.rawValue != 2 {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
