// JSON Pointers into results.json that the report's figures are drawn from.

/// Each figure records in `manifest.json` (`figures[].depends_on`) the results
/// it is drawn from, so `backbone diff` can name the figures whose values
/// moved. The pointers are declared here, beside the result types whose
/// fields they name, so renaming a field and the figures that depend on it is
/// one change; `FigurePointerTests` resolves every one in a real `results.json`.
extension DictionaryRankResult {
    /// Fig. 1a/1b (per-RM means ± SE) of the dictionary under its `results.json` key.
    /// Violin densities are not in `results.json`; they follow from `median_ranks`.
    public static func summaryFigurePointers(key: String) -> [String] {
        ["answers_ranked", "categories", "families", "framing_summary", "median_ranks",
         "rm_panel_means", "family_panel_summaries", "panels", "figure_stars_from"].map { ResultKey.join("reward_models", key, $0) }
    }

    /// Fig. A1a/A1b (every median rank, family mean ± SD).
    public static func beeswarmFigurePointers(key: String) -> [String] {
        ["answers_ranked", "categories", "families", "framing_summary", "median_ranks",
         "family_panel_summaries", "panels", "figure_stars_from"].map { ResultKey.join("reward_models", key, $0) }
    }
}

extension LogprobRankSection {
    /// Fig. 2 (split violins of every pair).
    public static let pairsPointer = ResultKey.join("logprob_ranks", "pairs")
}

extension ImplicitRewardSection {
    /// Fig. 3 (Freedom vs Love).
    public static let freedomLovePointer = ResultKey.join("implicit_rewards", "freedom_love")
}

extension TrainingSectionResult {
    /// Fig. 4a / A5a (median rank over checkpoints).
    public static let seriesPointer = ResultKey.join("training", "series")
    /// Fig. 4b / A5b (last checkpoint against data size).
    public static let ablationPointsPointer = ResultKey.join("training", "ablation_points")
    /// Fig. 5, A6 and G (token-level dynamics).
    public static let tokenDynamicsFamiliesPointer = ResultKey.join("training", "token_dynamics", "families")
}

extension DictionaryRobustness {
    /// Figure R·a (every headline quantity under every specification) of a robustness key.
    public static func specificationsPointer(key: String) -> String { ResultKey.join("robustness", key, "specifications") }
    /// Figure R·b (leave-one-out refits).
    public static func leaveOneOutPointer(key: String) -> String { ResultKey.join("robustness", key, "leave_one_out") }
}
