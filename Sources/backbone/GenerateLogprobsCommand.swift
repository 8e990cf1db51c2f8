import ArgumentParser
import Foundation
import StudyData

/// `backbone generate-logprobs`: simulated log-prob tables in the study's
/// format, for trying §3 without the 2 GB download, for tests and benchmarks.
struct GenerateLogprobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-logprobs",
        abstract: "Write SIMULATED log-prob tables (planted effects, hostile tokens) for the manifest's §3 models.")

    @OptionGroup var out: OutputFolderOptions

    @OptionGroup var content: ContentOptions

    @Option(help: "Rows of each Gemma table (full size: 256000).")
    var rowsGemma: Int = 256_000

    @Option(help: "Rows of each Llama table (full size: 128256).")
    var rowsLlama: Int = 128_256

    @OptionGroup var seeding: SeedOptions

    @Option(help: "Tables per manifest model (scaling benchmarks): copy c > 1 is written as <file>-copy<c>.csv with its own draws, and for each 2 ≤ c ≤ copies the manifest's logprobs section naming c copies goes to logprobs-<models>-models.yaml.")
    var copies: Int = 1

    func validate() throws {
        guard copies >= 1 else { throw ValidationError("--copies must be at least 1") }
    }

    func run() async throws {
        let folder = content.folder
        let study = try await StudyLoader.load(folder: folder)
        guard let manifestSection = study.manifest.logprobs else { throw CLIFailure(message: "\(folder.displayPath("study.yaml")): has no logprobs section naming the models") }
        guard let big2 = study.dictionaries["big2"]?[.virtue] else { throw CLIFailure(message: "the manifest has no big2 dictionary") }
        let words = big2.categoryOfWord.sorted { $0.key < $1.key }
        let generator = LogprobGenerator(prompts: study.manifest.prompts,
                                         agency: words.filter { $0.value == "Agency" }.map(\.key),
                                         communion: words.filter { $0.value == "Communion" }.map(\.key), seed: seeding.seed)
        let dir = out.url
        let section = ScaledLogprobStudy.section(manifestSection, copies: copies)
        var written: [(name: String, family: String, rows: Int)] = []
        for (k, model) in section.models.enumerated() {
            let rows = model.family == "Gemma" ? rowsGemma : rowsLlama
            try generator.write(to: dir.appendingPathComponent(model.file), family: model.family, modelIndex: k, rows: rows)
            written.append((model.file, model.family, rows))
            FileHandle.standardError.write(Data("generated \(model.file) (\(rows) rows)\n".utf8))
        }
        // One manifest section per study size up to this one, so a single folder serves every size.
        for c in stride(from: 2, through: copies, by: 1) {
            let scaled = ScaledLogprobStudy.section(manifestSection, copies: c)
            try ScaledLogprobStudy.yaml(scaled).write(to: dir.appendingPathComponent("logprobs-\(scaled.models.count)-models.yaml"),
                                                      atomically: true, encoding: .utf8)
        }
        try generator.readme(files: written).write(to: dir.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        // The marker makes every page built from this folder say SIMULATED.
        try "SIMULATED log-prob tables, written by `backbone generate-logprobs --seed \(seeding.seed)`; not model outputs (see README.md).\n"
            .write(to: dir.appendingPathComponent(LogprobLoader.simulatedMarker), atomically: true, encoding: .utf8)
    }
}
