import StudyData

/// What pages call the two sides of Fig. 3's grid (model A = the sources,
/// model B = the targets), from the manifest only: the grid's own labels for
/// titles ("Gemma 2 IT → Llama 3 Instruct" in the study) and the families of
/// its models for everything else ("Llama model", "Llama × Gemma pairs"). So
/// a study that compares other families is worded from its `study.yaml`.
struct Figure3Names: Equatable, Sendable {
    /// The source models' family (their families joined with "/" if several).
    var sourceFamily: String
    var targetFamily: String
    /// The groups as titles name them.
    var sources: String
    var targets: String

    init(sourceFamily: String, targetFamily: String, sources: String, targets: String) {
        self.sourceFamily = sourceFamily; self.targetFamily = targetFamily; self.sources = sources; self.targets = targets
    }

    /// Without a §3 section the words are neutral ("source", "target").
    init(_ manifest: StudyManifest) {
        guard let section = manifest.logprobs else {
            self.init(sourceFamily: "source", targetFamily: "target", sources: "sources", targets: "targets")
            return
        }
        let grid = section.implicitRewards.grid
        func families(_ models: [String], _ fallback: String) -> String {
            let names = models.compactMap { section.model(named: $0)?.family }.uniqued()
            return names.isEmpty ? fallback : names.joined(separator: "/")
        }
        let source = families(grid.sources, "source"), target = families(grid.targets, "target")
        self.init(sourceFamily: source, targetFamily: target, sources: grid.sourcesLabel ?? source, targets: grid.targetsLabel ?? target)
    }

    /// "Gemma 2 IT → Llama 3 Instruct": target → source, as the paper writes the pairs.
    var direction: String { "\(targets) → \(sources)" }
}
