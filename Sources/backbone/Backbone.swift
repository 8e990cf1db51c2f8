import ArgumentParser

@main
struct Backbone: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backbone",
        abstract: "Regenerate the report of 'Reward Models Inherit Value Biases from Pretraining' from data.",
        subcommands: []
    )
}
