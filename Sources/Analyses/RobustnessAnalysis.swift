import StudyData

/// The robustness layer: every §2 dictionary (MFD2 under both column rules,
/// whatever `--mfd-columns` chose for §2 itself) re-analysed under other
/// defensible specifications. A pure function of the §2 results.
public enum RobustnessAnalysis {
    /// The section's order: manifest order, each dictionary under the virtue
    /// rule first, so `mfd2` precedes `mfd2_script` whatever §2 chose.
    static func order(_ rewardModels: RewardModelSection) -> [DictionaryRankResult] {
        var inputs: [DictionaryRankResult] = []
        for primary in rewardModels.dictionaries {
            var variants = [primary]
            if let other = rewardModels.alternative(for: primary.dictionary) { variants.append(other) }
            variants.sort { ($0.columns == .script ? 1 : 0) < ($1.columns == .script ? 1 : 0) }
            inputs += variants
        }
        return inputs
    }

    /// R1–R3: the dictionary's rows re-analysed three ways. They read only
    /// what §2 has before its panels' permutation tests end (rows, families,
    /// categories, the random-intercept fit), so `StudyAnalysis` runs them
    /// beside those tests; `summarise` adds R4 once the §2 result is whole.
    static func reanalyse(dictionary: String, columns: MFDColumns?, rows: [MedianRankRow], families: [String], categories: [String],
                          mixedModel: MixedModelResult, options: AnalysisOptions) async throws -> DictionaryRobustness {
        let framings = Framing.allCases.filter { f in rows.contains { $0.framing == f } }
        let key = RobustnessSection.key(dictionary: dictionary, columns: columns)
        // The three re-analyses read the same rows and nothing of each other:
        // side by side, the longest (leave-one-out) sets the time.
        async let rmLevel = RMLevelInference.analyse(rows: rows, families: families, categories: categories,
                                                     framings: framings, terms: mixedModel.fixedEffects.map(\.term),
                                                     seedKey: key, options: options)
        async let leaveOneOut = LeaveOneOut.refits(rows: rows, families: families, categories: categories, framings: framings)
        async let randomSlopes = MaximalModel.fit(rows: rows, families: families, categories: categories, framings: framings,
                                                  randomIntercept: mixedModel)
        return DictionaryRobustness(dictionary: dictionary, columns: columns, rmLevel: await rmLevel,
                                    leaveOneOut: try await leaveOneOut, randomSlopes: try await randomSlopes)
    }

    /// R4: every headline quantity of `r` under every specification of `reanalysed` (from `reanalyse` of `r`'s rows).
    static func summarise(_ r: DictionaryRankResult, _ reanalysed: DictionaryRobustness) -> DictionaryRobustness {
        var result = reanalysed
        result.specifications = SpecificationTable.rows(r, result)
        result.headlines = HeadlineRobustness.summarise(result.specifications)
        return result
    }
}
