import Analyses

/// Sentences that state results in words, generated from result values so
/// the prose on a page always agrees with its tables (and alt text of each
/// figure says what the figure shows). Comparing two means to pick a word
/// ("better"/"worse") is wording, not statistics.
enum Narrative {
    /// Rank 1 is best, so a lower mean median rank means the family ranks the
    /// words better; a panel without a significant difference (by the test that
    /// gives the figure's stars) is said to have none.
    static func panelSentence(_ p: PanelComparison, framingWord: String) -> String {
        let direction = p.meanFamily < p.meanReference ? "better" : "worse"
        let claim = p.stars == "n.s."
            ? "no significant difference between \(p.family) and \(p.referenceFamily) RMs "
            : "\(p.family) RMs rank these answers \(direction) than \(p.referenceFamily) RMs "
        return "\(framingWord) prompts, \(p.category): \(claim)"
            + "(mean median rank \(NumberText.fixed(p.meanFamily, decimals: 2)) vs \(NumberText.fixed(p.meanReference, decimals: 2)); "
            + "Welch t(\(NumberText.fixed(p.welch.df, decimals: 1))) = \(NumberText.fixed(p.welch.t, decimals: 2)), "
            + "Bonferroni p = \(NumberText.pValue(p.welch.pAdjusted)); "
            + "permutation p = \(NumberText.pValue(p.permutation.pAdjusted)) (Bonferroni, \(NumberText.integer(p.permutation.resamples)) relabellings) \(p.permutation.stars); "
            + "d = \(NumberText.fixed(p.cohensD, decimals: 2)))."
    }

    static func framingWord(_ framing: String) -> String { framing == "positive" ? "Positive" : "Negative" }

    static func figureDescription(_ r: DictionaryRankResult, shortName: String, variant: RankFigures.Variant) -> String {
        var s = "Violin plots of the median rank (1 = best of \(r.answersRanked)) that each reward model gives to \(shortName) answers, "
        s += "by family (\(r.families.joined(separator: ", "))), in panels of prompt framing by category. "
        s += variant == .summaries ? "Points are per-model means with ± SE bars; diamonds are family means ± SE. "
                                   : "Every median rank is shown as a point; diamonds are family means ± SD. "
        return s + "Stars from the \(r.figureStarsFrom) test, Bonferroni-corrected. " + panelFindings(r) + "."
    }

    /// One clause per panel: which family ranks the answers better, the two
    /// mean median ranks (family, reference) and the figure's stars.
    static func panelFindings(_ r: DictionaryRankResult) -> String {
        r.panels.map { p -> String in
            let better = p.meanFamily < p.meanReference ? p.family : p.referenceFamily
            let claim = p.stars == "n.s." ? "no significant difference" : "\(better) ranks better"
            return "\(framingWord(p.framing).lowercased()) \(p.category): \(claim) "
                + "(\(p.family) \(NumberText.fixed(p.meanFamily, decimals: 1)) vs \(p.referenceFamily) \(NumberText.fixed(p.meanReference, decimals: 1)), \(p.stars))"
        }.joined(separator: "; ")
    }
}
