import ArgumentParser

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
        subcommands: [BuildCommand.self, MWLRCommand.self, GenerateLogprobsCommand.self]
    )
}
