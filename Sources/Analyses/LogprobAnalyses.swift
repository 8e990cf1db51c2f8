// Runs §3 (Docs/Methods.md#logprob-ranks, #implicit-rewards) on whichever log-prob tables were found.

import Parallel
import StudyData

/// Runs every §3 analysis whose log-prob tables were found, and records for
/// each section what could not run and why (the missing files), so pages can
/// say so instead of showing invented or stale numbers.
public enum LogprobAnalyses {
    /// `recovery` and `vocabulary`: the App. F simulation and the shared
    /// vocabulary when they were made (with their errors held) while the
    /// tables were read (`StudyAnalysis.analyseWhileLoading`); nil makes
    /// them here (the simulation with `simulation`'s settings).
    public static func run(_ study: LoadedStudy, simulation: MeasureRecoverySettings = MeasureRecoverySettings(),
                           recovery: Result<MeasureRecoveryResult?, any Error>? = nil,
                           vocabulary sharedVocabulary: Result<SharedVocabulary, any Error>? = nil)
        async throws -> (ranks: LogprobRankSection, rewards: ImplicitRewardSection)? {
        guard let section = study.manifest.logprobs, let loaded = study.logprobs else { return nil }
        let m = study.manifest

        func fileName(_ model: String) -> String { section.model(named: model)?.file ?? model }
        func missing(_ models: [String]) -> [String] {
            var seen = Set<String>()
            return models.map(fileName).filter { loaded.tables[modelOf($0)] == nil && seen.insert($0).inserted }
        }
        func modelOf(_ file: String) -> String { section.models.first { $0.file == file }?.name ?? file }

        let plan = section.implicitRewards
        @Sendable func model(_ name: String) -> ImplicitRewards.Model? {
            guard let spec = section.model(named: name), let table = loaded.tables[name] else { return nil }
            return .init(name: name, displayName: spec.displayName, shortName: spec.shortName, version: spec.version,
                         sizeB: spec.sizeB, table: table)
        }

        // §3.1 Fig. 2 pairs; §3.2 tables, Fig. 3 grid and measure comparison
        // (independent but for the shared vocabulary); App. F simulation:
        // they run side by side. Errors come in argument order (the vocabulary
        // is awaited first, then the tuple left to right).
        async let rankPairs = { () throws -> [LogprobRankPairResult] in
            var pairs: [LogprobRankPairResult] = []
            for pair in section.rankPairs {
                guard let ta = loaded.tables[pair.modelA], let tb = loaded.tables[pair.modelB],
                      let dictionary = study.dictionaries[pair.dictionary]?[.virtue],
                      let a = section.model(named: pair.modelA), let b = section.model(named: pair.modelB) else { continue }
                pairs.append(try LogprobRanks.analyse(label: pair.label,
                                                      a: .init(name: a.name, displayName: a.displayName, table: ta),
                                                      b: .init(name: b.name, displayName: b.displayName, table: tb),
                                                      dictionary: dictionary, prompts: m.prompts))
            }
            return pairs
        }()
        // The vocabulary is interned once, beside the rank pairs, for the
        // implicit rewards.
        let vocabulary = if let sharedVocabulary { try sharedVocabulary.get() } else {
            try await SharedVocabulary(tables: loaded.tables, prompt: plan.prompt)
        }
        async let implicitRewards = { () async throws -> (tables: [TokenTableResult], comparison: [MeasureComparisonRow], grid: [FreedomLoveRow]) in
            // Fig. 3's token labels need only the vocabulary: made beside the tables.
            async let gridLabels = ImplicitRewards.freedomLoveLabels(vocabulary)
            // The tables share nothing but the vocabulary: computed side by
            // side (the last of §3's work, which one core used to do alone),
            // kept and thrown in manifest order.
            let perTable = try await Parallel.map(plan.tables.count) { k -> (table: TokenTableResult, comparison: [MeasureComparisonRow])? in
                let spec = plan.tables[k]
                guard let a = model(spec.modelA), let b = model(spec.modelB) else { return nil }
                let aligned = vocabulary.align(a.name, b.name)
                return (try ImplicitRewards.tokenTable(title: spec.title, a: a, b: b, prompt: plan.prompt, top: plan.top, aligned: aligned),
                        try ImplicitRewards.measureComparison(title: spec.title, a: a, b: b, prompt: plan.prompt, aligned: aligned))
            }
            let tables = perTable.compactMap { $0?.table }
            let comparison = perTable.flatMap { $0?.comparison ?? [] }
            let sources = plan.grid.sources.compactMap(model), targets = plan.grid.targets.compactMap(model)
            let grid = try await ImplicitRewards.freedomLove(sources: sources, targets: targets, prompt: plan.prompt,
                                                             vocabulary: vocabulary, labels: await gridLabels)
            return (tables, comparison, grid)
        }()
        async let simulationResult = { () async throws -> MeasureRecoveryResult? in
            if let recovery { return try recovery.get() }
            guard let model = simulationModel(section), let table = loaded.tables[model] else { return nil }
            return try await recoverySimulation(table, model: model, prompt: plan.prompt, settings: simulation)
        }()
        let (pairs, implicit, recovery) = try await (rankPairs, implicitRewards, simulationResult)
        let ranks = LogprobRankSection(status: InputStatus(ran: pairs.count, of: section.rankPairs.count),
                                       missing: missing(section.rankPairs.flatMap { [$0.modelA, $0.modelB] }), pairs: pairs,
                                       simulated: loaded.simulated)
        let (tables, comparison, grid) = implicit
        let needed = plan.tables.flatMap { [$0.modelA, $0.modelB] } + plan.grid.sources + plan.grid.targets
        let expected = plan.tables.count + plan.grid.sources.count * plan.grid.targets.count
        let rewards = ImplicitRewardSection(status: InputStatus(ran: tables.count + grid.count, of: expected), missing: missing(needed),
                                            prompt: plan.prompt, measure: .mwlr, tables: tables,
                                            freedomLove: grid, measureComparison: comparison, simulation: recovery,
                                            simulated: loaded.simulated)
        return (ranks, rewards)
    }

    /// The model the App. F simulation perturbs: the first implicit-reward
    /// table's target (the paper fine-tuned Gemma 2 IT 2B's base).
    public static func simulationModel(_ section: LogprobSection) -> String? {
        section.implicitRewards.tables.first?.modelB
    }

    /// The App. F simulation on `model`'s table, one log-prob per distinct
    /// string (the highest, as the implicit rewards align tokens); nil when
    /// the table was read without `prompt`, as the implicit rewards then
    /// leave it out too. A function of the one table, so the build can run
    /// it as soon as that table is read (`StudyAnalysis.analyseWhileLoading`).
    public static func recoverySimulation(_ table: LogprobTable, model: String, prompt: String,
                                          settings: MeasureRecoverySettings) async throws -> MeasureRecoveryResult? {
        guard table.promptKeys.contains(prompt) else { return nil }
        let logprobs = try TokenAlignment.highestPerString(table, prompt: prompt).values
        return try await MeasureRecoverySimulation.run(model: model, logprobs: logprobs, prompt: prompt, settings: settings)
    }
}
