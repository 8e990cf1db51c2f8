import StudyData

/// Judges each claim of the paper against this build's results: reproduced,
/// differs (with what the build found instead), or not computable here (with
/// what is missing). Comparisons only; every number comes from `StudyResults`.
/// Dictionaries are known only by the ids the manifest gives them: a claim
/// names its dictionary, or means the manifest's first (headline) one.
public enum ClaimsEvaluation {
    /// `headlineDictionary`: the id of the manifest's first dictionary
    /// (`StudyManifest.headlineDictionary`), which claims without a dictionary are about.
    public static func evaluate(_ table: ClaimTable, results: StudyResults, headlineDictionary: String?) -> [ClaimResult] {
        table.claims.map { claim in
            var verdict = judge(claim.check, results, headline: headlineDictionary)
            // A §2 claim on a dictionary analysed under two column rules (MFD2)
            // that differs: say what the other rule (the published figure's
            // word list, or the paper's text) gives.
            if verdict.status == .differs, let id = claim.check.dictionary,
               let other = results.rewardModels.alternative(for: id) {
                var swapped = results
                swapped.rewardModels = RewardModelSection(dictionaries: [other], alternatives: [])
                let alt = judge(claim.check, swapped, headline: headlineDictionary)
                if alt.status == .reproduced {
                    verdict.note += "; with the \(other.columns?.rawValue ?? "other") columns it holds"
                }
            }
            return ClaimResult(id: claim.id, section: claim.section, text: claim.text, keys: verdict.keys,
                               status: verdict.status, note: verdict.note)
        }
    }

    struct Verdict {
        var status: ClaimResult.Status
        var note: String
        var keys: [String]
    }

    static func verdict(_ holds: Bool, _ note: String, _ keys: [String]) -> Verdict {
        Verdict(status: holds ? .reproduced : .differs, note: note, keys: keys)
    }

    static func missing(_ note: String) -> Verdict { Verdict(status: .notComputable, note: note, keys: []) }

    static func judge(_ c: ClaimCheck, _ r: StudyResults, headline: String?) -> Verdict {
        switch c.kind {
        case .notComputable:
            return missing(c.reason ?? "needs data the study did not publish")
        case .interaction, .panel, .effectSize:
            return RewardModelClaims.judge(c, r, headline: headline)
        case .count:
            return count(c, r, headline: headline)
        case .trainingOrder, .categoryOrder, .gapChange, .gapSmaller, .biasStronger:
            guard let t = r.training else { return missing("the manifest has no training section") }
            return TrainingClaims.judge(c, t)
        case .anovaInteraction, .freedomOverLove:
            return LogprobClaims.judge(c, r)
        }
    }

    /// Answers, reward models and prompts are counted in the claim's
    /// dictionary (default: the headline one).
    static func count(_ c: ClaimCheck, _ r: StudyResults, headline: String?) -> Verdict {
        let id = c.dictionary ?? headline ?? ""
        let found: (value: Int, key: String)?
        switch c.quantity ?? "" {
        case "answers":
            found = r.rewardModels.result(for: id).map { ($0.answersRanked, ResultKey.join("reward_models", id, "answers_ranked")) }
        case "reward-models":
            found = r.rewardModels.result(for: id).map { ($0.mixedModel.groups, ResultKey.join("reward_models", id, "mixed_model", "groups")) }
        case "prompts":
            found = r.rewardModels.result(for: id).map { result in
                (Set(result.medianRanks.map(\.prompt)).count, ResultKey.join("reward_models", id, "median_ranks"))
            }
        case "shared-nouns":
            found = r.vocabulary.map { ($0.sharedNouns, ResultKey.join("vocabulary", "shared_nouns")) }
        case "shared-strings":
            found = r.vocabulary.map { ($0.sharedStrings, ResultKey.join("vocabulary", "shared_strings")) }
        case "training-words":
            found = r.vocabulary.map { ($0.expandedTokenStrings, ResultKey.join("vocabulary", "expanded_token_strings")) }
        default:
            found = nil
        }
        guard let found, let expected = c.equals else { return missing("this build has no value for \(c.quantity ?? "the count")") }
        return verdict(found.value == expected, "this build: \(found.value)", [found.key])
    }
}
