import Analyses
import StudyData

/// The overview's values (`overview.*`, `vocabulary.*`): generated sentences
/// on every section and the shared-vocabulary counts.
enum OverviewPage {
    /// The overview's generated sentences on §3 and §4.
    static func context(_ results: StudyResults, manifest: StudyManifest) -> [String: Any] {
        let big2 = manifest.trainingDictionary.flatMap { results.rewardModels.result(for: $0.id) }
        return ["logprobs": Narrative.logprobSummary(results.logprobRanks),
                "training": results.training.map { TrainingNarrative.ablationSummary($0, big2: big2) } ?? "",
                "claimsTally": ClaimsTable.tally(results.claims)]
    }

    /// The shared-vocabulary counts as page text.
    static func vocabulary(_ v: VocabularyCountsResult?) -> [String: Any] {
        guard let v else { return ["available": false] }
        return ["available": true, "sharedStrings": NumberText.integer(v.sharedStrings), "emptyStrings": String(v.emptyStrings),
                "sharedNouns": String(v.sharedNouns), "sharedNounsLowercase": String(v.sharedNounsLowercase),
                "sharedNounsPerCategory": v.sharedNounsPerCategory.map { "\($0.category) \($0.count)" }.joined(separator: ", "),
                "expandedTokenStrings": NumberText.integer(v.expandedTokenStrings), "expandedDistinctWords": String(v.expandedDistinctWords)]
    }
}
