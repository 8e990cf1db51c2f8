// The root of results.json; each section's methods are in Docs/Methods.md.

import Parallel
import StudyData

/// Everything the report computes: the single source of every number on every
/// page and of `results.json`.
public struct StudyResults: Codable, Equatable, Sendable {
    public var schema: String
    public var rewardModels: RewardModelSection
    /// §3.1 (Fig. 2); nil when the manifest has no `logprobs` section.
    public var logprobRanks: LogprobRankSection? = nil
    /// §3.2 (Table 1/A2/A3, Fig. 3, App. F); nil when the manifest has no `logprobs` section.
    public var implicitRewards: ImplicitRewardSection? = nil
    /// §4 (Fig. 4a/4b, A5a/A5b); nil when the manifest has no `training` section.
    public var training: TrainingSectionResult? = nil
    /// What the shared vocabulary holds; nil when the manifest has no `vocabulary` section.
    public var vocabulary: VocabularyCountsResult? = nil
    /// The paper's claims, each judged on this build (empty without a claims table).
    public var claims: [ClaimResult] = []
    /// Robustness of the §2 inferences under other specifications.
    public var robustness: RobustnessSection? = nil
}

/// §2 for each dictionary of the manifest, in manifest order. `alternatives`
/// holds the same dictionary under the other MFD2 column rule, so the methods
/// page can put both side by side; in JSON it appears as `<id>_<columns>`.
public struct RewardModelSection: Codable, Equatable, Sendable {
    public var dictionaries: [DictionaryRankResult]
    public var alternatives: [DictionaryRankResult]

    public func result(for id: String) -> DictionaryRankResult? { dictionaries.first { $0.dictionary == id } }
    public func alternative(for id: String) -> DictionaryRankResult? { alternatives.first { $0.dictionary == id } }

    public init(dictionaries: [DictionaryRankResult], alternatives: [DictionaryRankResult]) {
        self.dictionaries = dictionaries
        self.alternatives = alternatives
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    static func alternativeKey(_ r: DictionaryRankResult) -> String { r.dictionary + "_" + (r.columns?.rawValue ?? "alternative") }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        for r in dictionaries { try c.encode(r, forKey: Key(stringValue: r.dictionary)) }
        for r in alternatives { try c.encode(r, forKey: Key(stringValue: Self.alternativeKey(r))) }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        var primary: [DictionaryRankResult] = [], alternative: [DictionaryRankResult] = []
        for key in c.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
            let r = try c.decode(DictionaryRankResult.self, forKey: key)
            if key.stringValue == r.dictionary { primary.append(r) } else { alternative.append(r) }
        }
        self.init(dictionaries: primary, alternatives: alternative)
    }
}

/// Runs every analysis whose inputs are loaded. The CLI and tests call this;
/// it does no I/O.
public enum StudyAnalysis {
    public static func run(_ study: LoadedStudy, options: AnalysisOptions) async throws -> StudyResults {
        let arrivals = LogprobArrivals.loaded(study.logprobs?.tables ?? [:])
        return try await run(study, options: options, whileLoading: await analyseWhileLoading(study, options: options, arrivals: arrivals))
    }

    /// The rest of `run` once `analyseWhileLoading` has run on the same
    /// study (the build starts that stage while the §3 tables are read).
    public static func run(_ study: LoadedStudy, options: AnalysisOptions, whileLoading early: AnalysesWhileLoading) async throws -> StudyResults {
        // §3 and Fig. 3 under every prompt share no state: run them side by side.
        // Errors come in the order of a run of everything at once: §2, §3,
        // robustness, then freedom-vs-love.
        async let section3 = LogprobAnalyses.run(study, simulation: recoverySettings(options), recovery: early.recovery,
                                                  vocabulary: early.sharedVocabulary)
        async let freedomVsLove = FreedomVsLove.analyse(study)
        let (rewardModels, robustness) = try early.rewardModels.get()
        let logprobs = try await section3
        var results = StudyResults(schema: "1.0", rewardModels: rewardModels)
        if let logprobs {
            results.logprobRanks = logprobs.ranks
            results.implicitRewards = logprobs.rewards
        }
        results.training = early.training
        results.vocabulary = early.vocabulary
        results.robustness = try robustness.get()
        results.robustness?.freedomVsLove = try await freedomVsLove
        if let table = study.claims { results.claims = ClaimsEvaluation.evaluate(table, results: results, headlineDictionary: study.manifest.headlineDictionary?.id) }
        return results
    }

    /// The App. F simulation's settings: the defaults, with the build's seed.
    static func recoverySettings(_ options: AnalysisOptions) -> MeasureRecoverySettings {
        var settings = MeasureRecoverySettings()
        settings.seed = options.seed
        return settings
    }

    /// §2: every dictionary's reward-model ranks (MFD2 under both column rules).
    /// The dictionaries and column rules share nothing, so they are analysed
    /// side by side; errors still come in manifest order.
    static func rewardModelSection(_ study: LoadedStudy, options: AnalysisOptions) async throws -> RewardModelSection {
        let inputs = rankInputs(study, options: options)
        let results = try await rankDictionaries(inputs.map(\.input), options: options, beside: { _ in () }, then: { _, _ in () })
        return section(results.map(\.ranks), inputs)
    }

    /// §2 and its robustness re-analyses, one pipeline per dictionary and
    /// column rule: a dictionary's re-analyses (R1–R3) run beside the panels'
    /// permutation tests, and its summary (R4) follows its own §2 result. A
    /// re-analysis's error is held, not thrown, so errors still come in the
    /// order `run` awaits the sections.
    static func rewardModelsWithRobustness(_ study: LoadedStudy, options: AnalysisOptions) async throws
        -> (rewardModels: RewardModelSection, robustness: Result<RobustnessSection, any Error>) {
        let inputs = rankInputs(study, options: options)
        let pipelines = try await rankDictionaries(
            inputs.map(\.input), options: options,
            beside: { p -> Result<DictionaryRobustness, any Error> in
                do {
                    return .success(try await RobustnessAnalysis.reanalyse(
                        dictionary: p.input.dictionary.id, columns: p.input.columns, rows: p.rows, families: p.families,
                        categories: p.categories, mixedModel: p.mixedModel, options: options))
                } catch { return .failure(error) }
            },
            then: { ranks, reanalysed in reanalysed.map { RobustnessAnalysis.summarise(ranks, $0) } })
        let rewardModels = section(pipelines.map(\.ranks), inputs)
        let robustness = Result { () throws -> RobustnessSection in
            var byKey: [String: DictionaryRobustness] = [:]
            for (ranks, result) in pipelines { byKey[RobustnessSection.key(dictionary: ranks.dictionary, columns: ranks.columns)] = try result.get() }
            return RobustnessSection(dictionaries: RobustnessAnalysis.order(rewardModels).map {
                byKey[RobustnessSection.key(dictionary: $0.dictionary, columns: $0.columns)]!
            })
        }
        return (rewardModels, robustness)
    }

    /// Every dictionary's §2 (in input order), with `beside` run on each
    /// prepared dictionary while its panels' permutation tests run, and
    /// `then` on its result and `beside`'s as soon as both are ready.
    ///
    /// The permutation tests are most of §2's time. Those of all dictionaries
    /// run pooled (`PanelFamilyComparisons.permutationTests`): 24 panels of
    /// one shape fill three eight-lane vectors, where dictionary by
    /// dictionary they took five vector runs and four tests alone. Everything
    /// else a dictionary needs is done first (`RewardModelRanks.prepare`), so
    /// `beside` keeps the cores busy while the last batch runs. Errors come
    /// in input order.
    private static func rankDictionaries<Beside: Sendable, Then: Sendable>(
        _ inputs: [RewardModelRanks.Input], options: AnalysisOptions,
        beside: @escaping @Sendable (RewardModelRanks.Prepared) async -> Beside,
        then: @escaping @Sendable (DictionaryRankResult, Beside) -> Then) async throws -> [(ranks: DictionaryRankResult, then: Then)] {
        let prepared = try await Parallel.map(inputs.count) { [inputs] i in try await RewardModelRanks.prepare(inputs[i], options: options) }
        // A task of its own, which every dictionary's pipeline awaits (an
        // `async let` cannot be shared with them).
        let permutations = Task {
            try await PanelFamilyComparisons.permutationTests(prepared.map(\.panels), resamples: options.permutations)
        }
        return try await Parallel.map(prepared.count) { [prepared] i in
            async let besides = beside(prepared[i])
            let ranks = RewardModelRanks.analyse(prepared[i], panelPermutations: try await permutations.value[i], options: options)
            return (ranks, then(ranks, await besides))
        }
    }

    /// What §2 analyses, in manifest order: each dictionary under the chosen
    /// MFD2 column rule (primary), then under the other (alternative).
    private static func rankInputs(_ study: LoadedStudy, options: AnalysisOptions) -> [(input: RewardModelRanks.Input, isPrimary: Bool)] {
        var inputs: [(input: RewardModelRanks.Input, isPrimary: Bool)] = []
        let chosen = options.mfdColumns
        for source in study.manifest.dictionaries {
            guard let tables = study.scores[source.id], let variants = study.dictionaries[source.id] else { continue }
            let models = study.manifest.rewardModels.compactMap { rm in
                tables[rm.label].map { RewardModelRanks.ScoredModel(label: rm.label, family: rm.family, table: $0) }
            }
            let rules: [(rule: MFDColumns, isPrimary: Bool)] = source.format == .mfd2 ? [(chosen, true), (chosen.other, false)] : [(.virtue, true)]
            for (rule, isPrimary) in rules {
                guard let dictionary = variants[rule] else { continue }
                inputs.append((RewardModelRanks.Input(
                    dictionary: dictionary, dictionaryName: source.name,
                    columns: source.format == .mfd2 ? rule : nil,
                    prompts: study.manifest.prompts, familyOrder: study.manifest.families.map(\.name), models: models), isPrimary))
            }
        }
        return inputs
    }

    private static func section(_ results: [DictionaryRankResult], _ inputs: [(input: RewardModelRanks.Input, isPrimary: Bool)]) -> RewardModelSection {
        RewardModelSection(dictionaries: results.indices.filter { inputs[$0].isPrimary }.map { results[$0] },
                           alternatives: results.indices.filter { !inputs[$0].isPrimary }.map { results[$0] })
    }
}
