/// Checks of the manifest's §3 section that decoding cannot make: every pair
/// and table names a listed model, files are plain unique names, the prompt
/// and the dictionary exist. A typo here would otherwise surface only as a
/// "missing file" on the report.
enum LogprobManifestValidation {
    /// `positions` places each error at its line and column when the section
    /// was read from YAML (nil for a section built in code, such as a scaled study).
    static func validate(_ section: LogprobSection, in m: StudyManifest, displayPath: String,
                         positions: ManifestPositions? = nil) throws {
        func fail(_ path: [ManifestPathStep], _ message: String) -> DataError {
            DataError(manifest: displayPath, at: [.key("logprobs")] + path, in: positions, message: "logprobs." + message)
        }
        var names = Set<String>(), files = Set<String>()
        for (i, model) in section.models.enumerated() {
            let at: [ManifestPathStep] = [.key("models"), .index(i)]
            if !names.insert(model.name).inserted { throw fail(at + [.key("name")], "models: \(quotedForMessage(model.name)) appears twice") }
            if model.file.isEmpty || model.file.contains("/") || model.file.hasPrefix(".") {
                throw fail(at + [.key("file")], "models.\(model.name).file: expected a plain file name like \"google--gemma-2-2b.csv\", found \(quotedForMessage(model.file))")
            }
            if !files.insert(model.file).inserted { throw fail(at + [.key("file")], "models: the file \(quotedForMessage(model.file)) appears twice") }
            if m.family(named: model.family) == nil {
                throw fail(at + [.key("family")], "models.\(model.name).family: expected one of \(m.families.map(\.name).joined(separator: ", ")), found \(quotedForMessage(model.family))")
            }
            if model.version.split(separator: ".").contains(where: { Int($0) == nil }) {
                throw fail(at + [.key("version")], "models.\(model.name).version: expected a release number like \"3.1\", found \(quotedForMessage(model.version))")
            }
        }
        func known(_ name: String, _ field: String, _ path: [ManifestPathStep]) throws {
            if !names.contains(name) { throw fail(path, "\(field): \(quotedForMessage(name)) is not one of logprobs.models") }
        }
        for (i, pair) in section.rankPairs.enumerated() {
            let at: [ManifestPathStep] = [.key("rank_pairs"), .index(i)]
            try known(pair.modelA, "rank_pairs[\(i)].model_a", at + [.key("model_a")])
            try known(pair.modelB, "rank_pairs[\(i)].model_b", at + [.key("model_b")])
            if m.dictionary(id: pair.dictionary) == nil {
                throw fail(at + [.key("dictionary")], "rank_pairs[\(i)].dictionary: \(quotedForMessage(pair.dictionary)) is not a dictionary id")
            }
        }
        let plan = section.implicitRewards
        if !m.prompts.contains(where: { $0.key == plan.prompt }) {
            throw fail([.key("implicit_rewards"), .key("prompt")], "implicit_rewards.prompt: \(quotedForMessage(plan.prompt)) is not a prompt key")
        }
        if plan.top < 1 { throw fail([.key("implicit_rewards"), .key("top")], "implicit_rewards.top: expected at least 1, found \(plan.top)") }
        for (i, t) in plan.tables.enumerated() {
            let at: [ManifestPathStep] = [.key("implicit_rewards"), .key("tables"), .index(i)]
            try known(t.modelA, "implicit_rewards.tables[\(i)].model_a", at + [.key("model_a")])
            try known(t.modelB, "implicit_rewards.tables[\(i)].model_b", at + [.key("model_b")])
        }
        let grid: [ManifestPathStep] = [.key("implicit_rewards"), .key("grid")]
        for (i, name) in plan.grid.sources.enumerated() {
            try known(name, "implicit_rewards.grid.sources", grid + [.key("sources"), .index(i)])
        }
        for (i, name) in plan.grid.targets.enumerated() {
            try known(name, "implicit_rewards.grid.targets", grid + [.key("targets"), .index(i)])
        }
    }
}
