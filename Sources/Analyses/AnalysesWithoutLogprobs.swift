import StudyData

/// The analyses that read no §3 log-prob table: §2 with its robustness
/// re-analyses, §4, and the vocabulary counts, with their errors held.
///
/// Why a stage of its own: the build starts it while the §3 tables are still
/// being read (`StudyLoader.load(…, beside:)`), so the cores compute while a
/// cold disk reads instead of waiting for it. Errors are held, not thrown,
/// so `StudyAnalysis.run(_:options:withoutLogprobs:)` throws them in the
/// order a run of everything at once would, and a load error still comes
/// before any of them.
public struct AnalysesWithoutLogprobs: Sendable {
    /// §2, and its robustness re-analyses with their own error (see `StudyAnalysis.rewardModelsWithRobustness`).
    typealias RewardModelStage = Result<(rewardModels: RewardModelSection, robustness: Result<RobustnessSection, any Error>), any Error>
    let rewardModels: RewardModelStage
    let training: TrainingSectionResult?
    let vocabulary: VocabularyCountsResult?
}

extension StudyAnalysis {
    /// Runs the stage on `study`, whose `logprobs` may still be nil: none of
    /// these analyses reads them.
    public static func analyseWithoutLogprobs(_ study: LoadedStudy, options: AnalysisOptions) async -> AnalysesWithoutLogprobs {
        // §2, §4 and the vocabulary counts share no state: run them side by side.
        async let section2 = { () async -> AnalysesWithoutLogprobs.RewardModelStage in
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
        return await AnalysesWithoutLogprobs(rewardModels: section2, training: section4, vocabulary: vocabulary)
    }
}
