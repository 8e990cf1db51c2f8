import Stats
import StudyData

/// R1 of the robustness layer: the reward model as the unit of analysis.
///
/// Why: the family label belongs to a reward model, not to a prompt, so the
/// family comparison has as many independent units as there are RMs (10), not
/// as many as there are RM × prompt rows. Each RM is reduced to its cell means
/// m(rm, category, framing); every family term of the paper's model becomes a
/// per-RM contrast of those means whose family difference equals the term's
/// estimate in a balanced design; that difference is then tested with the RMs
/// as observations (Student, Welch, and an exact permutation test over every
/// assignment of the family labels).
public enum RMLevelInference {
    /// `rows`: one dictionary's median-rank table (§2); `families`, `categories`,
    /// `framings`: the levels in model order (first = reference); `terms`: the
    /// paper's fixed-effect terms, in model order; `seedKey` names this analysis
    /// for the seeds of any Monte Carlo draws.
    public static func analyse(rows: [MedianRankRow], families: [String], categories: [String], framings: [Framing],
                               terms: [String], seedKey: String, options: AnalysisOptions) -> RMLevelResult {
        var rms: [String] = []
        var familyOf: [String: String] = [:]
        var sums: [String: (Double, Int)] = [:]
        for r in rows {
            if familyOf[r.rm] == nil { rms.append(r.rm); familyOf[r.rm] = r.family }
            let key = cellKey(r.rm, r.category, r.framing)
            let s = sums[key] ?? (0, 0)
            sums[key] = (s.0 + r.medianRank, s.1 + 1)
        }
        var cellMeans: [RMCellMean] = []
        var mean: [String: Double] = [:]
        for rm in rms {
            for framing in framings {
                for category in categories {
                    guard let s = sums[cellKey(rm, category, framing)] else { continue }
                    let m = s.0 / Double(s.1)
                    mean[cellKey(rm, category, framing)] = m
                    cellMeans.append(RMCellMean(rm: rm, family: familyOf[rm]!, category: category, framing: framing, mean: m))
                }
            }
        }
        let reference = families[0]
        // Every permutation test run, for the largest assignment count and whether all were exact.
        var tested: [ExactPermutationResult] = []

        /// Tests one per-RM quantity between `family` and the reference family.
        func compare(family: String, name: [String], value: (String) -> Double?) -> (values: [RMValue], student: StudentTestResult, welch: WelchTestResult, permutation: ExactPermutationResult)? {
            let members = rms.filter { familyOf[$0] == family || familyOf[$0] == reference }
            var values: [RMValue] = []
            for rm in members {
                guard let v = value(rm) else { return nil }
                values.append(RMValue(rm: rm, family: familyOf[rm]!, value: v))
            }
            let x = values.filter { $0.family == family }.map(\.value)
            let y = values.filter { $0.family == reference }.map(\.value)
            var generator = SeededGenerator(seed: SeedDerivation.seed(options.seed, ["robustness", "rm-level", seedKey] + name))
            let permutation = ExactPermutationTest.test(x, y, resamples: options.permutations, generator: &generator)
            return (values, StudentTwoSampleTest.test(x, y), WelchTest.test(x, y), permutation)
        }

        var termResults: [RMLevelTerm] = []
        for term in terms {
            guard let parsed = parse(term, families: families, categories: categories, framings: framings),
                  parsed.family != reference else { continue }
            let refCategory = categories[0], refFraming = framings[0]
            let contrast: (String) -> Double? = { rm in
                func m(_ c: String, _ f: Framing) -> Double? { mean[cellKey(rm, c, f)] }
                switch (parsed.category, parsed.framing) {
                case (nil, nil):
                    return m(refCategory, refFraming)
                case (let c?, nil):
                    guard let a = m(c, refFraming), let b = m(refCategory, refFraming) else { return nil }
                    return a - b
                case (nil, let f?):
                    guard let a = m(refCategory, f), let b = m(refCategory, refFraming) else { return nil }
                    return a - b
                case (let c?, let f?):
                    guard let xf = m(c, f), let rf = m(refCategory, f), let xp = m(c, refFraming), let rp = m(refCategory, refFraming) else { return nil }
                    return (xf - rf) - (xp - rp)
                }
            }
            guard let r = compare(family: parsed.family, name: ["term", term], value: contrast) else { continue }
            tested.append(r.permutation)
            termResults.append(RMLevelTerm(term: term, estimate: r.permutation.difference,
                                           tStudent: r.student.t, dfStudent: r.student.df, pStudent: r.student.p,
                                           tWelch: r.welch.t, dfWelch: r.welch.df, pWelch: r.welch.p,
                                           pPermutation: r.permutation.p, perRm: r.values))
        }

        struct RawPanel { var category: String; var framing: Framing; var family: String
                          var welch: WelchTestResult; var permutation: ExactPermutationResult }
        var raw: [RawPanel] = []
        for framing in framings {
            for category in categories {
                for family in families.dropFirst() {
                    guard let r = compare(family: family, name: ["panel", framing.rawValue, category, family],
                                          value: { mean[cellKey($0, category, framing)] }) else { continue }
                    tested.append(r.permutation)
                    raw.append(RawPanel(category: category, framing: framing, family: family, welch: r.welch, permutation: r.permutation))
                }
            }
        }
        let welchAdjusted = MultipleComparisons.bonferroni(raw.map(\.welch.p))
        let permutationAdjusted = MultipleComparisons.bonferroni(raw.map(\.permutation.p))
        let panels = raw.indices.map { i in
            RMLevelPanel(category: raw[i].category, framing: raw[i].framing, family: raw[i].family,
                         difference: raw[i].permutation.difference,
                         welch: RMLevelWelch(t: raw[i].welch.t, df: raw[i].welch.df, p: raw[i].welch.p, pAdjusted: welchAdjusted[i]),
                         permutation: RMLevelPermutation(p: raw[i].permutation.p, pAdjusted: permutationAdjusted[i]),
                         stars: Significance.stars(options.panelTest == .welch ? welchAdjusted[i] : permutationAdjusted[i]))
        }
        let largest = tested.reduce(0.0) { max($0, $1.assignments) }
        let allExact = tested.allSatisfy(\.exact)
        return RMLevelResult(nRms: rms.count, assignments: largest, exact: allExact,
                             resamples: allExact ? 0 : options.permutations,
                             terms: termResults, panels: panels, cellMeans: cellMeans)
    }

    static func cellKey(_ rm: String, _ category: String, _ framing: Framing) -> String {
        rm + "\u{1}" + category + "\u{1}" + framing.rawValue
    }

    /// Splits an R term name such as `familyLlama:categoryCommunion:framingnegative`
    /// into its levels; nil for terms without family or with unknown parts.
    static func parse(_ term: String, families: [String], categories: [String], framings: [Framing]) -> (family: String, category: String?, framing: Framing?)? {
        var family: String? = nil, category: String? = nil, framing: Framing? = nil
        for part in term.split(separator: ":").map(String.init) {
            if part.hasPrefix("family"), families.contains(String(part.dropFirst(6))) { family = String(part.dropFirst(6)) }
            else if part.hasPrefix("category"), categories.contains(String(part.dropFirst(8))) { category = String(part.dropFirst(8)) }
            else if part.hasPrefix("framing"), let f = framings.first(where: { $0.rawValue == part.dropFirst(7) }) { framing = f }
            else { return nil }
        }
        return family.map { ($0, category, framing) }
    }
}
