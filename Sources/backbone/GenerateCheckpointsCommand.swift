import ArgumentParser
import Foundation
import StudyData

/// `backbone generate-checkpoints`: SIMULATED per-token checkpoint tables
/// (planted drift) to try Fig. 5 / A6 and App. G without the study's files.
struct GenerateCheckpointsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-checkpoints",
        abstract: "Write SIMULATED greatest_ever_one_across_checkpoints_<family>.csv tables with planted drift.")

    @Option(name: .long, help: "Output folder.")
    var out: String

    @Option(name: .long, help: "Content folder whose study.yaml names the families and the Big Two dictionary.")
    var content: String = "content"

    @Option(name: .long, help: "Seed.")
    var seed: UInt64 = 42

    func run() throws {
        do {
            let study = try StudyLoader.load(folder: ContentFolder(root: URL(fileURLWithPath: content)))
            guard let words = study.dictionaries["big2"]?[.virtue]?.categoryOfWord.keys.sorted() else {
                throw CLIFailure(message: "the manifest has no big2 dictionary")
            }
            let dir = URL(fileURLWithPath: out)
            // Each family gets its own planted riser and faller.
            let planted = [("success", "love"), ("family", "freedom"), ("skill", "friend")]
            for (k, family) in study.manifest.families.enumerated() {
                let (riser, faller) = planted[k % planted.count]
                try CheckpointGenerator(words: words, steps: Array(stride(from: 1000, through: 9000, by: 1000)), riser: riser, faller: faller,
                                        seed: seed &+ UInt64(k))
                    .write(to: dir.appendingPathComponent(CheckpointTable.filePrefix + family.name.lowercased() + ".csv"))
            }
            try "# SIMULATED checkpoint tables\n\nWritten by `backbone generate-checkpoints --seed \(seed)`; not model outputs. Planted: per family one word rises to rank 1 and one sinks to the bottom (Gemma: success up, love down; Llama: family up, freedom down; Qwen: skill up, friend down); the rest keep their scores with small noise.\n"
                .write(to: dir.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        } catch let error as DataError {
            throw CLIFailure(message: "\(error)")
        }
    }
}
