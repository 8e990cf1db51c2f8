import Analyses
import StudyData

/// Sentences that state results in words, generated from result values so
/// the prose on a page always agrees with its tables (and alt text of each
/// figure says what the figure shows). Comparing two means to pick a word
/// ("better"/"worse") is wording, not statistics.
enum Narrative {
    /// Rank 1 is best, so a lower mean median rank means the family ranks the
    /// words better; a panel without a significant difference (by the test that
    /// gives the figure's stars) is said to have none.
    /// Under negative prompts a lower rank means "picked more as the worst
    /// thing", which is no praise, so the sentence says so as the paper does.
    static func panelSentence(_ p: PanelComparison, framingWord: String) -> String {
        let (higher, lower) = p.meanFamily < p.meanReference ? (p.family, p.referenceFamily) : (p.referenceFamily, p.family)
        let claim = !p.stars.isSignificant
            ? "no significant difference between \(p.family) and \(p.referenceFamily) RMs "
            : "\(higher) RMs rank these answers higher\(worstThing(p.framing, long: true)) than \(lower) RMs "
        return "\(framingWord) prompts, \(p.category): \(claim)"
            + "(mean median rank \(NumberText.fixed(p.meanFamily, decimals: 2)) vs \(NumberText.fixed(p.meanReference, decimals: 2)); "
            + "Welch t(\(NumberText.fixed(p.welch.df, decimals: 1))) = \(NumberText.fixed(p.welch.t, decimals: 2)), "
            + "Bonferroni p = \(NumberText.pValue(p.welch.pAdjusted)); "
            + "permutation p \(p.permutation.atFloor ? "" : "= ")\(NumberText.pValue(p.permutation.pAdjusted, atMost: p.permutation.atFloor)) (Bonferroni, \(NumberText.integer(p.permutation.resamples)) relabellings\(p.permutation.atFloor ? "; none as extreme as the data, so a bound" : "")) \(p.permutation.stars.rawValue); "
            + "d = \(NumberText.fixed(p.cohensD, decimals: 2)))."
    }

    static func framingWord(_ framing: Framing) -> String { framing == .positive ? "Positive" : "Negative" }

    /// What a higher rank means under a framing: nothing to add for positive
    /// prompts; under negative ones the answer is preferred as "the worst thing".
    static func worstThing(_ framing: Framing, long: Bool = false) -> String {
        guard framing == .negative else { return "" }
        return long ? " as answers to “the worst thing”" : " as the worst thing"
    }

    static func figureDescription(_ r: DictionaryRankResult, shortName: String, variant: RankFigures.Variant) -> String {
        var s = "Violin plots of the median rank (1 = best of \(r.answersRanked)) that each reward model gives to \(shortName) answers, "
        s += "by family (\(r.families.joined(separator: ", "))), in panels of prompt framing by category. "
        s += variant == .summaries ? "Points are per-model means with ± SE bars; diamonds are family means ± SE. "
                                   : "Every median rank is shown as a point; diamonds are family means ± SD. "
        return s + "Stars from the \(r.figureStarsFrom.rawValue) test, Bonferroni-corrected. " + panelFindings(r) + "."
    }

    /// One clause per panel: which family ranks the answers higher (under
    /// negative prompts: as the worst thing), the two
    /// mean median ranks (family, reference) and the figure's stars.
    static func panelFindings(_ r: DictionaryRankResult) -> String {
        r.panels.map { p -> String in
            let higher = p.meanFamily < p.meanReference ? p.family : p.referenceFamily
            let claim = !p.stars.isSignificant ? "no significant difference" : "\(higher) ranks them higher\(worstThing(p.framing))"
            return "\(framingWord(p.framing).lowercased()) \(p.category): \(claim) "
                + "(\(p.family) \(NumberText.fixed(p.meanFamily, decimals: 1)) vs \(p.referenceFamily) \(NumberText.fixed(p.meanReference, decimals: 1)), \(p.stars.rawValue))"
        }.joined(separator: "; ")
    }

    /// Which MFD2 columns this build uses, and which the comparison on the
    /// methods page shows: the script's columns are the script's, the virtue
    /// columns are the paper's text.
    static func columnsSentence(_ columns: MFDColumns?) -> String {
        guard let columns else { return "" }
        return columns == .script
            ? "These are the columns the study's script used (and its published figure shows), not the virtue columns that the paper's text describes."
            : "These are the virtue columns the paper's text describes, not the script columns that the study's script used (and its published figure shows)."
    }

    /// At Fig. 1b: how this build's stars compare with the study's published
    /// figure, which used the script's word list and Welch p-values. Names
    /// each panel whose stars differ. Plain text; the page adds the link.
    static func publishedFigureNote(_ r: DictionaryRankResult, alternative: DictionaryRankResult?) -> String {
        let published: DictionaryRankResult? = r.columns == .script ? r : (alternative?.columns == .script ? alternative : nil)
        guard let published else { return "" }
        let same = r.columns == .script && r.figureStarsFrom == .welch
        if same { return "This figure uses the word list and the test of the study's published figure (the script's columns, Welch p-values)." }
        let differing = r.panels.compactMap { p -> String? in
            guard let q = published.panels.first(where: { $0.framing == p.framing && $0.category == p.category && $0.family == p.family }),
                  q.welch.stars != p.stars else { return nil }
            return "\(p.framing.rawValue) \(p.category) (\(p.stars.rawValue) here, \(q.welch.stars.rawValue) published)"
        }
        let lead = "The study's published figure used the script's word list (\(published.answersRanked) words) and Welch p-values; this one uses the \(r.columns?.rawValue ?? "") columns (\(r.answersRanked) words) and the \(r.figureStarsFrom.rawValue) test."
        return differing.isEmpty ? lead + " The stars agree in every panel."
            : lead + " \(differing.count) of \(r.panels.count) panels' stars differ: " + differing.joined(separator: ", ") + "."
    }

    /// The methods page's sentence on what the MFD2 column rule changes: the
    /// panels whose figure stars or direction differ between the two rules.
    static func columnsComparison(_ a: DictionaryRankResult, _ b: DictionaryRankResult) -> String {
        let differing = a.panels.compactMap { p -> String? in
            guard let q = b.panels.first(where: { $0.framing == p.framing && $0.category == p.category && $0.family == p.family }) else { return nil }
            let higherP = p.meanFamily < p.meanReference ? p.family : p.referenceFamily
            let higherQ = q.meanFamily < q.meanReference ? q.family : q.referenceFamily
            guard p.stars != q.stars || higherP != higherQ else { return nil }
            return "\(p.framing.rawValue) \(p.category) (\(a.columns?.rawValue ?? ""): \(higherP) higher, \(p.stars.rawValue); \(b.columns?.rawValue ?? ""): \(higherQ) higher, \(q.stars.rawValue))"
        }
        guard !differing.isEmpty else { return "On this data the two word lists give the same direction and stars in every panel." }
        return "On this data the two word lists differ in direction or stars in \(differing.count) of \(a.panels.count) panels: " + differing.joined(separator: "; ") + "."
    }

    /// The overview's sentence on §3: what this build computed from the log-prob tables.
    static func logprobSummary(_ section: LogprobRankSection?) -> String {
        guard let section else { return "" }
        guard section.status != .missing, !section.pairs.isEmpty else {
            return "This build does not compute the log-prob half (§3): the study's log-prob tables were not given (see the log-probs page)."
        }
        let parts = section.pairs.compactMap { pair -> String? in
            guard let term = pair.anova.filter({ $0.term != "Residual" }).max(by: { $0.term.split(separator: ":").count < $1.term.split(separator: ":").count }) else { return nil }
            return "\(pair.label.lowercased()) models: \(term.term) F = \(NumberText.fixed(term.f, decimals: 2)), p = \(NumberText.pValue(term.p))"
        }
        return (section.simulated ? "SIMULATED log-prob tables, not model outputs — " : "In this build's log-prob analysis (§3.1), ") + parts.joined(separator: "; ") + "."
    }

}
