import Foundation

/// What §3 reads from each of the manifest's log-prob tables, decided in one
/// place for `backbone build` (`LogprobLoader`) and `backbone
/// bench-logprobs`, so the benchmark times exactly what a build reads.
///
/// Fig. 2 (the rank pairs) needs every prompt but only its dictionary's words;
/// the implicit rewards (Tables 1/A2/A3, Fig. 3) need every row but only the
/// implicit-reward prompt. A model serving both is read once, with both: its
/// words under every prompt, and every row under the implicit-reward prompt
/// (`LogprobRequest.everyRowPrompts`). The Fig. 3 models are also read, in
/// the same pass, under every prompt for the rows that read as "freedom" or
/// "love" (`LogprobRequest.tokenWords`: Fig. 3 under every prompt, a
/// robustness check). Models no analysis uses are not read.
public struct LogprobReadPlan: Sendable {
    /// One table to read.
    public struct Entry: Sendable {
        public var model: LanguageModel
        public var request: LogprobRequest
        /// The words read for Fig. 2 (every rank pair's dictionary the model is
        /// in); nil when the model is in no rank pair.
        public var rankWords: Set<String>?
        /// The model is read for the implicit rewards (every row of `implicitPrompt`).
        public var implicitRewards: Bool
    }

    /// In the manifest's model order.
    public var entries: [Entry]
    /// The prompt column the implicit rewards compare.
    public var implicitPrompt: String

    /// `promptKeys`: the manifest's prompts in order; `dictionaryWords`:
    /// dictionary id → its words (a rank pair's dictionary missing here reads no word).
    public init(section: LogprobSection, promptKeys: [String], dictionaryWords: [String: Set<String>]) {
        var rankWords: [String: Set<String>] = [:]
        for pair in section.rankPairs {
            let words = dictionaryWords[pair.dictionary] ?? []
            for model in [pair.modelA, pair.modelB] { rankWords[model, default: []].formUnion(words) }
        }
        let plan = section.implicitRewards
        let implicitModels = Set(plan.tables.flatMap { [$0.modelA, $0.modelB] } + plan.grid.sources + plan.grid.targets)
        let figure3Models = Set(plan.grid.sources + plan.grid.targets)
        implicitPrompt = plan.prompt
        entries = section.models.compactMap { model in
            let words = rankWords[model.name], implicit = implicitModels.contains(model.name)
            guard words != nil || implicit else { return nil }
            let figure3 = figure3Models.contains(model.name)
            let prompts = promptKeys.filter { words != nil || figure3 || $0 == plan.prompt }
            let everyRow: Set<String> = implicit ? [plan.prompt] : []
            let tokens: Set<String>? = words != nil || figure3 ? (words ?? []) : nil
            // Reading every prompt for every row needs no word filter.
            let request = LogprobRequest(prompts: prompts, tokens: everyRow.count == prompts.count ? nil : tokens, everyRowPrompts: everyRow,
                                         tokenWords: figure3 ? .freedomLove : nil)
            return Entry(model: model, request: request, rankWords: words, implicitRewards: implicit)
        }
    }

    /// Each entry's table in `directory` (the CSV the manifest names, or the
    /// Parquet file of the same name) and the manifest file names of those
    /// not there; every file is missing when there is no directory.
    public func locate(in directory: URL?, display: String) throws -> (present: [(entry: Entry, url: URL)], missing: [String]) {
        var present: [(entry: Entry, url: URL)] = [], missing: [String] = []
        for entry in entries {
            if let directory, let url = try LogprobLoader.parquetOrCSV(entry.model.file, in: directory, display: display) {
                present.append((entry, url))
            } else {
                missing.append(entry.model.file)
            }
        }
        return (present, missing)
    }
}
