import StudyData
import Stats

/// Paper §2 (Docs/Methods.md#median-ranks): how RMs of different base-model families rank the words
/// of a value dictionary. A pure function of its inputs and options.
public enum RewardModelRanks {
    /// One RM's scores on the answers of one dictionary.
    public struct ScoredModel: Sendable {
        public var label: String
        public var family: String
        public var table: RewardScoreTable
        public init(label: String, family: String, table: RewardScoreTable) {
            self.label = label; self.family = family; self.table = table
        }
    }

    public struct Input: Sendable {
        public var dictionary: CategoryDictionary
        public var dictionaryName: String
        /// The MFD2 column rule; nil for other dictionaries.
        public var columns: MFDColumns?
        public var prompts: [Prompt]
        /// Family names in manifest order; the first one present is the reference level.
        public var familyOrder: [String]
        public var models: [ScoredModel]
        public init(dictionary: CategoryDictionary, dictionaryName: String, columns: MFDColumns?,
                    prompts: [Prompt], familyOrder: [String], models: [ScoredModel]) {
            self.dictionary = dictionary; self.dictionaryName = dictionaryName; self.columns = columns
            self.prompts = prompts; self.familyOrder = familyOrder; self.models = models
        }
    }

    public static func analyse(_ input: Input, options: AnalysisOptions) async throws -> DictionaryRankResult {
        let dict = input.dictionary
        let categories = dict.categories
        let families = input.familyOrder.filter { f in input.models.contains { $0.family == f } }
        guard families.count >= 2 else {
            throw AnalysisError("the \(input.dictionaryName) analysis needs reward models of at least two families; found \(families.joined(separator: ", "))")
        }
        let framings = Framing.allCases.filter { f in input.prompts.contains { $0.framing == f } }

        // 1–3: rank kept answers per (RM, prompt); median per category.
        var rows: [MedianRankRow] = []
        // Distinct answers by their bytes (`TokenIndex`), as the category lookup.
        var answersRanked = TokenIndex()
        var notInDictionary = TokenIndex()
        // ranks[model][prompt] = (category index, rank) of each kept answer.
        var tokenRanks: [[[(Int, Double)]]] = []
        for model in input.models {
            let table = model.table
            var kept: [Int] = []
            var keptCategory: [Int] = []
            for (i, answer) in table.responses.enumerated() {
                if let c = dict.category(ofExactly: answer), let ci = categories.firstIndex(of: c) {
                    kept.append(i); keptCategory.append(ci); answersRanked.insert(answer)
                } else {
                    notInDictionary.insert(answer)
                }
            }
            var perPrompt: [[(Int, Double)]] = []
            for prompt in input.prompts {
                guard let column = table.promptKeys.firstIndex(of: prompt.key) else {
                    throw AnalysisError("\(table.path) has no column for the prompt \(prompt.key)")
                }
                let scores = kept.map { table.scores[column][$0] }
                let ranks = Ranking.averageRanks(scores, descending: true)
                perPrompt.append(Array(zip(keptCategory, ranks)))
                for (ci, category) in categories.enumerated() {
                    let r = zip(keptCategory, ranks).filter { $0.0 == ci }.map(\.1)
                    guard !r.isEmpty else { continue }
                    rows.append(MedianRankRow(rm: model.label, family: model.family, category: category,
                                              prompt: prompt.key, framing: prompt.framing,
                                              medianRank: Descriptive.median(r)))
                }
            }
            tokenRanks.append(perPrompt)
        }

        let framingSummary = framings.map { f -> FramingSummary in
            let v = rows.filter { $0.framing == f }.map(\.medianRank)
            return FramingSummary(framing: f, mean: Descriptive.mean(v), sd: Descriptive.standardDeviation(v), n: v.count)
        }

        // Average ranks (Docs/Methods.md#average-ranks).
        var averageRanks: [AverageRankRow] = []
        for f in framings {
            for (ci, category) in categories.enumerated() {
                var perFamily: [(String, Double)] = []
                for family in families {
                    let medians: [Double] = input.models.indices.filter { input.models[$0].family == family }.map { m in
                        var all: [Double] = []
                        for (p, prompt) in input.prompts.enumerated() where prompt.framing == f {
                            all += tokenRanks[m][p].filter { $0.0 == ci }.map(\.1)
                        }
                        return Descriptive.median(all)
                    }
                    perFamily.append((family, Descriptive.mean(medians)))
                }
                let reference = perFamily[0].1
                for (family, value) in perFamily {
                    averageRanks.append(AverageRankRow(framing: f, category: category, family: family,
                                                       averageRank: value, differenceFromReference: value - reference))
                }
            }
        }

        var rmMeans: [RMPanelMean] = []
        for model in input.models {
            for f in framings {
                for category in categories {
                    let v = rows.filter { $0.rm == model.label && $0.framing == f && $0.category == category }.map(\.medianRank)
                    guard !v.isEmpty else { continue }
                    rmMeans.append(RMPanelMean(rm: model.label, family: model.family, framing: f, category: category,
                                               mean: Descriptive.mean(v), se: Descriptive.standardError(v),
                                               sd: Descriptive.standardDeviation(v), n: v.count))
                }
            }
        }

        var familySummaries: [FamilyPanelSummary] = []
        var violins: [ViolinDensity] = []
        for f in framings {
            for category in categories {
                for family in families {
                    let v = panelValues(rows, family: family, framing: f, category: category)
                    familySummaries.append(FamilyPanelSummary(family: family, framing: f, category: category,
                                                              mean: Descriptive.mean(v), se: Descriptive.standardError(v),
                                                              sd: Descriptive.standardDeviation(v), n: v.count))
                    if v.count >= 2 {
                        let curve = KernelDensity.curve(v)
                        violins.append(ViolinDensity(family: family, framing: f, category: category,
                                                     bandwidth: KernelDensity.bandwidthNRD0(v), grid: curve.grid, density: curve.density))
                    }
                }
            }
        }

        let mixedModel = try fitMixedModel(rows: rows, models: input.models, families: families,
                                           categories: categories, framings: framings)
        let panels = try await PanelTests.compare(rows: rows, families: families, categories: categories, framings: framings,
                                        dictionary: dict.id, options: options)

        return DictionaryRankResult(
            dictionary: dict.id, dictionaryName: input.dictionaryName, columns: input.columns,
            answersRanked: answersRanked.count,
            answersPerCategory: categories.map { c in CategoryCount(category: c, count: answersRanked.strings.filter { dict.category(ofExactly: $0) == c }.count) },
            answersNotInDictionary: notInDictionary.strings.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) },
            categories: categories, families: families, medianRanks: rows, framingSummary: framingSummary,
            averageRanks: averageRanks, rmPanelMeans: rmMeans, familyPanelSummaries: familySummaries,
            mixedModel: mixedModel, panels: panels, figureStarsFrom: options.panelTest, violins: violins)
    }

    static func panelValues(_ rows: [MedianRankRow], family: String, framing: Framing, category: String) -> [Double] {
        rows.filter { $0.family == family && $0.framing == framing && $0.category == category }.map(\.medianRank)
    }

    /// `median_rank ~ family * category * framing + (1 | rm)`, REML, treatment
    /// contrasts with the first family, first category and positive framing as
    /// reference levels.
    static func fitMixedModel(rows: [MedianRankRow], models: [ScoredModel], families: [String],
                              categories: [String], framings: [Framing]) throws -> MixedModelResult {
        try fitMixedModel(rows: rows, rmLabels: models.map(\.label), families: families, categories: categories,
                          framings: framings)
    }

    /// The same model on any subset of the rows (the robustness refits), RMs named by label.
    static func fitMixedModel(rows: [MedianRankRow], rmLabels labels: [String], families: [String],
                              categories: [String], framings: [Framing]) throws -> MixedModelResult {
        let design = DesignMatrix.fullFactorial([
            Factor(name: "family", levels: families, codes: rows.map { families.firstIndex(of: $0.family)! }),
            Factor(name: "category", levels: categories, codes: rows.map { categories.firstIndex(of: $0.category)! }),
            Factor(name: "framing", levels: framings.map(\.rawValue), codes: rows.map { framings.firstIndex(of: $0.framing)! }),
        ])
        let fit = try LinearMixedModel.fitREML(response: rows.map(\.medianRank), design: design,
                                               groups: rows.map { labels.firstIndex(of: $0.rm)! })
        return MixedModelResult(
            method: fit.method, formula: "median_rank ~ family * category * framing, random = ~1 | rm",
            observations: fit.observations, groups: fit.groups,
            fixedEffects: fit.fixedEffects.map(FixedEffectRow.init),
            randomInterceptSD: fit.randomInterceptSD, residualSD: fit.residualSD,
            logLikelihood: fit.logLikelihood, aic: fit.aic, bic: fit.bic)
    }
}
