import ArgumentParser
import Foundation
import StudyData

/// `backbone generate-checkpoints`: SIMULATED token-level checkpoint tables
/// in the study's format, for trying Fig. 5 / A6 / App. G without the study's
/// unpublished files (`backbone build --checkpoints DIR`).
struct GenerateCheckpointsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-checkpoints",
        abstract: "Write SIMULATED per-token checkpoint tables (planted drift) for the manifest's §4 token dynamics.")

    @OptionGroup var out: OutputFolderOptions

    @OptionGroup var content: ContentOptions

    @OptionGroup var seeding: SeedOptions

    /// The paper's examples (§4): Gemma RMs come to favour "choice" over
    /// "neighbors", Llama RMs "families" over "accuracy".
    static let planted: [String: CheckpointGenerator.Planted] = [
        "Gemma": .init(riser: "choice", faller: "neighbors"),
        "Llama": .init(riser: "families", faller: "accuracy"),
        "Qwen": .init(riser: "decision", faller: "family"),
    ]

    func run() async throws {
        let folder = content.folder
        let study = try await StudyLoader.load(folder: folder)
        guard let source = study.manifest.training?.tokenDynamics else {
            throw CLIFailure(message: "\(folder.displayPath("study.yaml")): has no training.token_dynamics section naming the tables")
        }
        guard let dictionary = study.dictionaries[source.dictionary]?[.virtue] else {
            throw CLIFailure(message: "the manifest has no dictionary \(source.dictionary)")
        }
        let words = dictionary.categoryOfWord.sorted { $0.key < $1.key }
        let generator = CheckpointGenerator(agency: words.filter { $0.value == "Agency" }.map(\.key),
                                            communion: words.filter { $0.value == "Communion" }.map(\.key), seed: seeding.seed)
        try generator.write(to: out.url, tables: source.tables, planted: Self.planted)
        for table in source.tables { FileHandle.standardError.write(Data("generated \(table.name).csv (SIMULATED)\n".utf8)) }
    }
}
