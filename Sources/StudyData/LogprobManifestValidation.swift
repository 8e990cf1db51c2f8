/// Checks of the manifest's §3 section that decoding cannot make: every pair
/// and table names a listed model, files are plain unique names, the prompt
/// and the dictionary exist. A typo here would otherwise surface only as a
/// "missing file" on the report.
enum LogprobManifestValidation {
    static func validate(_ section: LogprobSection, in m: StudyManifest, displayPath: String) throws {
        func fail(_ message: String) -> DataError { DataError(path: displayPath, message: "logprobs." + message) }
        var names = Set<String>(), files = Set<String>()
        for model in section.models {
            if !names.insert(model.name).inserted { throw fail("models: \(quotedForMessage(model.name)) appears twice") }
            if model.file.isEmpty || model.file.contains("/") || model.file.hasPrefix(".") {
                throw fail("models.\(model.name).file: expected a plain file name like \"google--gemma-2-2b.csv\", found \(quotedForMessage(model.file))")
            }
            if !files.insert(model.file).inserted { throw fail("models: the file \(quotedForMessage(model.file)) appears twice") }
            if m.family(named: model.family) == nil {
                throw fail("models.\(model.name).family: expected one of \(m.families.map(\.name).joined(separator: ", ")), found \(quotedForMessage(model.family))")
            }
            if model.version.split(separator: ".").contains(where: { Int($0) == nil }) {
                throw fail("models.\(model.name).version: expected a release number like \"3.1\", found \(quotedForMessage(model.version))")
            }
        }
        func known(_ name: String, _ field: String) throws {
            if !names.contains(name) { throw fail("\(field): \(quotedForMessage(name)) is not one of logprobs.models") }
        }
        for (i, pair) in section.rankPairs.enumerated() {
            try known(pair.modelA, "rank_pairs[\(i)].model_a")
            try known(pair.modelB, "rank_pairs[\(i)].model_b")
            if m.dictionary(id: pair.dictionary) == nil {
                throw fail("rank_pairs[\(i)].dictionary: \(quotedForMessage(pair.dictionary)) is not a dictionary id")
            }
        }
        let plan = section.implicitRewards
        if !m.prompts.contains(where: { $0.key == plan.prompt }) {
            throw fail("implicit_rewards.prompt: \(quotedForMessage(plan.prompt)) is not a prompt key")
        }
        if plan.top < 1 { throw fail("implicit_rewards.top: expected at least 1, found \(plan.top)") }
        for (i, t) in plan.tables.enumerated() {
            try known(t.modelA, "implicit_rewards.tables[\(i)].model_a")
            try known(t.modelB, "implicit_rewards.tables[\(i)].model_b")
        }
        for name in plan.grid.sources { try known(name, "implicit_rewards.grid.sources") }
        for name in plan.grid.targets { try known(name, "implicit_rewards.grid.targets") }
    }
}
