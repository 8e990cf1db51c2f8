import ArgumentParser
import CMalloc
import Failures
import Foundation
import Stats

@main
struct Backbone: AsyncParsableCommand {
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

    /// The exit status of a usage error (unknown option, missing or malformed
    /// value) in every command. ArgumentParser's default is 64 (`EX_USAGE`);
    /// `backbone diff` promises 0 (same), 1 (changed), 2 (error), as `diff`
    /// and `cmp` do, and a usage error is an error. ArgumentParser does not
    /// say which subcommand a parse failure belongs to, so rather than guess
    /// it from the arguments every command follows diff's rule, which is also
    /// the common Unix one (`grep`, `ls`, the shell's builtins): 1 keeps the
    /// meaning each command gives it, 2 means "you called me wrongly".
    static let usageErrorStatus: Int32 = 2

    /// A build allocates and frees many arrays of megabytes (a table's
    /// column, a simulation replicate's copy of 256,000 log-probs). glibc
    /// gives each such block its own fresh mapping at first and returns freed
    /// memory to the system, so the same megabytes were mapped, zero-filled
    /// page by page and unmapped again: about 10,000 page faults of a build
    /// with the 12 log-prob tables. Blocks up to 32 MB now come from the heap
    /// and freed memory up to 512 MB stays there for the next allocation.
    /// The peak stays what the build holds at once (a few MB more).
    private static func keepFreedMemoryForReuse() {
        backbone_keep_freed_memory_for_reuse()
    }

    /// The one place where a failure becomes text and an exit status: a
    /// `UserFacingError` carries both; a command's own `ExitCode` (diff's
    /// "results changed") is passed on; a usage error exits
    /// `usageErrorStatus`; anything else (an error no layer described) exits 1
    /// with a message that never shows Foundation's domain text. Help and
    /// `--version` are ArgumentParser's. Commands that load or analyse run
    /// `async` (their work is spread over the cooperative thread pool); the
    /// others are plain `ParsableCommand`s.
    static func main() async {
        // A full disk or a file-size limit must be a message and exit 1 with
        // the previous site untouched, not a kill by SIGXFSZ halfway through
        // writing: ignored, the signal turns into the write's EFBIG error.
        signal(SIGXFSZ, SIG_IGN)
        LinearAlgebra.useCallingThreadOnly()
        keepFreedMemoryForReuse()
        let arguments = NegativeNumberArguments.joined(Array(CommandLine.arguments.dropFirst()))
        do {
            var command = try await asyncParseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as UserFacingError {
            fail(error.userMessage, status: error.exitStatus)
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            switch exitCode(for: error) {
            case .success:
                exit(withError: error)   // help, --version
            case .validationFailure:
                // A usage error (unknown option, missing or malformed value): the message and the usage line.
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(usageErrorStatus)
            default:
                fail(SystemErrorReason.isSystemError(error) ? SystemErrorReason.describe(error) : message(for: error), status: 1)
            }
        }
    }

    /// "Error: …" on stderr, as ArgumentParser writes its own errors.
    private static func fail(_ message: String, status: Int32) -> Never {
        FileHandle.standardError.write(Data("Error: \(message)\n".utf8))
        Foundation.exit(status)
    }
}
