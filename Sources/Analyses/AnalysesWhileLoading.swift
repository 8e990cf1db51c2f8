import StudyData

/// The analyses that run while the §3 log-prob tables are read: §2 with its
/// robustness re-analyses, §4 and the vocabulary counts (which read no
/// table), the App. F simulation (which reads one) and the implicit
/// rewards' shared vocabulary (interned table by table), with their errors
/// held.
///
/// Why a stage of its own: the build starts it as soon as everything but the
/// tables is read (`StudyLoader.load(…, beside:)`), and the table work as
/// soon as its tables are, so the cores compute while a cold disk reads
/// instead of waiting for it. Errors are held, not thrown, so
/// `StudyAnalysis.run(_:options:whileLoading:)` throws them in the order a
/// run of everything at once would, and a load error still comes before any
/// of them.
public struct AnalysesWhileLoading: Sendable {
    /// §2, and its robustness re-analyses with their own error (see `StudyAnalysis.rewardModelsWithRobustness`).
    typealias RewardModelStage = Result<(rewardModels: RewardModelSection, robustness: Result<RobustnessSection, any Error>), any Error>
    let rewardModels: RewardModelStage
    let training: TrainingSectionResult?
    let vocabulary: VocabularyCountsResult?
    /// The App. F simulation (`LogprobAnalyses.recoverySimulation`); nil
    /// when the manifest has no §3 section, `.success(nil)` when its table
    /// was not read.
    let recovery: Result<MeasureRecoveryResult?, any Error>?
    /// `SharedVocabulary` over the tables read with the implicit rewards'
    /// prompt; nil when the manifest has no §3 section.
    let sharedVocabulary: Result<SharedVocabulary, any Error>?
}

extension StudyAnalysis {
    /// Runs the stage on `study`, whose `logprobs` may still be nil: the
    /// table work takes its tables from `arrivals` instead.
    public static func analyseWhileLoading(_ study: LoadedStudy, options: AnalysisOptions, arrivals: LogprobArrivals) async -> AnalysesWhileLoading {
        // §2, §4, the vocabulary counts and the simulation share no state: run them side by side.
        async let section2 = { () async -> AnalysesWhileLoading.RewardModelStage in
            do { return .success(try await rewardModelsWithRobustness(study, options: options)) } catch { return .failure(error) }
        }()
        async let section4 = { () -> TrainingSectionResult? in
            guard let section = study.manifest.training else { return nil }
            return TrainingDynamics.analyse(study.training, section: section, checkpoints: study.checkpoints,
                                            dictionary: section.tokenDynamics.flatMap { study.dictionaries[$0.dictionary]?[.virtue] })
        }()
        async let vocabulary = { () -> VocabularyCountsResult? in
            guard let v = study.vocabulary, let nouns = study.dictionaries[v.nouns]?[.virtue] else { return nil }
            return VocabularyCounts.analyse(v, nouns: nouns)
        }()
        async let recovery = { () async -> Result<MeasureRecoveryResult?, any Error>? in
            guard let section = study.manifest.logprobs else { return nil }
            guard let model = LogprobAnalyses.simulationModel(section), let table = await arrivals.table(model) else { return .success(nil) }
            do {
                return .success(try await LogprobAnalyses.recoverySimulation(table, model: model, prompt: section.implicitRewards.prompt,
                                                                             settings: recoverySettings(options)))
            } catch { return .failure(error) }
        }()
        // Interned in model-name order, as `SharedVocabulary(tables:prompt:)`
        // does, each table as soon as it and those before it are read.
        async let sharedVocabulary = { () async -> Result<SharedVocabulary, any Error>? in
            guard let section = study.manifest.logprobs else { return nil }
            var interning = SharedVocabulary.Interning(prompt: section.implicitRewards.prompt)
            for model in Set(section.models.map(\.name)).sorted() {
                guard let table = await arrivals.table(model), table.promptKeys.contains(interning.prompt) else { continue }
                interning.add(model, table)
            }
            do { return .success(try await interning.finish()) } catch { return .failure(error) }
        }()
        return await AnalysesWhileLoading(rewardModels: section2, training: section4, vocabulary: vocabulary, recovery: recovery,
                                          sharedVocabulary: sharedVocabulary)
    }
}
