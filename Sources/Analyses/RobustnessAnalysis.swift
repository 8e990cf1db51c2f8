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

    static func analyse(_ r: DictionaryRankResult, options: AnalysisOptions) async throws -> DictionaryRobustness {
        let framings = Framing.allCases.filter { f in r.medianRanks.contains { $0.framing == f } }
        let key = RobustnessSection.key(dictionary: r.dictionary, columns: r.columns)
        // The three re-analyses read the same rows and nothing of each other:
        // side by side, the longest (leave-one-out) sets the time.
        async let rmLevel = RMLevelInference.analyse(rows: r.medianRanks, families: r.families, categories: r.categories,
                                                     framings: framings, terms: r.mixedModel.fixedEffects.map(\.term),
                                                     seedKey: key, options: options)
        async let leaveOneOut = LeaveOneOut.refits(rows: r.medianRanks, families: r.families, categories: r.categories,
                                                   framings: framings)
        async let randomSlopes = MaximalModel.fit(r, framings: framings)
        var result = DictionaryRobustness(dictionary: r.dictionary, columns: r.columns, rmLevel: await rmLevel,
                                          leaveOneOut: try await leaveOneOut, randomSlopes: try await randomSlopes)
        result.specifications = SpecificationTable.rows(r, result)
        result.headlines = HeadlineRobustness.summarise(result.specifications)
        return result
    }
}
