import Analyses
import ArgumentParser
import Foundation
import SiteBuilder
import StudyData

/// `backbone mwlr A.csv B.csv`: the implicit reward of model A over model B
/// from two log-prob tables (Docs/Methods.md#implicit-rewards), without building a site. Wiring only:
/// reading, alignment and scoring are the same code the report uses.
struct MWLRCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mwlr",
        abstract: "Score every token two log-prob tables share by an implicit-reward measure and print the best and worst.")

    @Argument(help: "Log-prob table of the source model A (token_id, token_name, token_decoded, prompt columns).")
    var a: String

    @Argument(help: "Log-prob table of the target model B.")
    var b: String

    @Option(help: "Prompt column to compare.")
    var prompt: String = "greatest_ever_one"

    @Option(help: "Implicit-reward measure (a, b: the token's log-probs under A and B; case does not matter).")
    var measure: ImplicitRewardMeasure = .mwlr

    @Option(help: "Tokens shown at each end.")
    var top: Int = 15

    @Option(help: "Output format.")
    var format: TokenTableFormat = .text

    func validate() throws {
        guard top >= 1 else { throw ValidationError("--top must be at least 1") }
    }

    func run() async throws {
        let request = LogprobRequest(prompts: [prompt])
        let tables = try await LogprobReader.readAll([(URL(fileURLWithPath: a), a), (URL(fileURLWithPath: b), b)], request: request, progress: nil)
        func model(_ path: String, _ table: LogprobTable) -> ImplicitRewards.Model {
            .init(name: path, displayName: path, shortName: path, version: "0", sizeB: 0, table: table)
        }
        let result = try ImplicitRewards.tokenTable(title: "mwlr", a: model(a, tables[0]), b: model(b, tables[1]), prompt: prompt,
                                                    top: top, measure: measure)
        // Tables from `generate-logprobs` (or the test fixtures) carry a marker in their folder.
        let simulated = [a, b].contains { path in
            FileManager.default.fileExists(atPath: URL(fileURLWithPath: path).deletingLastPathComponent()
                .appendingPathComponent(LogprobLoader.simulatedMarker).path)
        }
        print(try format.render(result, simulated: simulated), terminator: "")
    }
}
