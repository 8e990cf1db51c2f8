import Parallel
import StudyData
import Stats

/// Paper §2 (Docs/Methods.md#median-ranks): how RMs of different base-model
/// families rank the words of a value dictionary. A pure function of its
/// inputs and options, in these steps:
///
/// 1. `rankAnswers` — keep the answers the dictionary lists (exact bytes);
///    per RM *m* and prompt *x*, rank them by reward (highest = 1, ties
///    averaged); per category *c*, `median_rank(m, c, x)` = the median rank of
///    its answers. These rows are the unit of every statistic below.
/// 2. `framingSummaries` — mean and SD of `median_rank` per framing.
/// 3. `averageRanks` (Docs/Methods.md#average-ranks) — per framing × category
///    × family, the mean over the family's RMs of each RM's median over all its
///    (prompt, answer) ranks, and its difference from the reference family.
/// 4. `rmPanelMeans`, `familyPanelSummaries` — mean, SE, SD and n of the rows
///    per RM and per family in each framing × category panel.
/// 5. `violins` (Docs/Methods.md#kde) — Gaussian KDE of each family's rows per panel.
/// 6. `fitMixedModel` (Docs/Methods.md#mixed-model) — REML
///    `median_rank ~ family * category * framing + (1 | rm)`.
/// 7. `PanelFamilyComparisons.compare` (Docs/Methods.md#panel-tests) — per
///    panel, each family against the reference: Welch and permutation tests,
///    Bonferroni, Cohen's d. The permutation tests are most of §2's time;
///    `StudyAnalysis` pools them across dictionaries, so their vector lanes
///    fill (`prepare` does everything else first, `analyse` puts the result together).
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

    /// Steps 1 and 6, and the panels of step 7: everything but the panels'
    /// permutation tests, which `StudyAnalysis` pools across dictionaries
    /// (`PanelFamilyComparisons.permutationTests`) and runs beside the
    /// robustness re-analyses, which read these rows and this model.
    public struct Prepared: Sendable {
        let input: Input
        let families: [String]
        let categories: [String]
        let framings: [Framing]
        let ranked: RankedAnswers
        let mixedModel: MixedModelResult
        let panels: [PanelFamilyComparisons.Panel]
        var rows: [MedianRankRow] { ranked.rows }
    }

    public static func prepare(_ input: Input, options: AnalysisOptions) async throws -> Prepared {
        let dict = input.dictionary
        let categories = dict.categories
        let families = input.familyOrder.filter { f in input.models.contains { $0.family == f } }
        guard families.count >= 2 else {
            throw AnalysisError("the \(input.dictionaryName) analysis needs reward models of at least two families; found \(families.joined(separator: ", "))")
        }
        let framings = Framing.allCases.filter { f in input.prompts.contains { $0.framing == f } }
        let ranked = try await rankAnswers(input)
        let mixedModel = try fitMixedModel(rows: ranked.rows, models: input.models, families: families,
                                           categories: categories, framings: framings)
        let panels = PanelFamilyComparisons.panels(rows: ranked.rows, families: families, categories: categories, framings: framings,
                                                   dictionary: dict.id, options: options)
        return Prepared(input: input, families: families, categories: categories, framings: framings, ranked: ranked,
                        mixedModel: mixedModel, panels: panels)
    }

    /// The dictionary's result, given the permutation tests of `prepared.panels`, in order.
    public static func analyse(_ prepared: Prepared, panelPermutations: [PermutationTestResult],
                               options: AnalysisOptions) -> DictionaryRankResult {
        let input = prepared.input, dict = input.dictionary
        let (families, categories, framings, ranked) = (prepared.families, prepared.categories, prepared.framings, prepared.ranked)
        let rows = ranked.rows
        return DictionaryRankResult(
            dictionary: dict.id, dictionaryName: input.dictionaryName, columns: input.columns,
            answersRanked: ranked.answersRanked.count,
            answersPerCategory: categories.map { c in CategoryCount(category: c, count: ranked.answersRanked.strings.filter { dict.category(ofExactly: $0) == c }.count) },
            answersNotInDictionary: ranked.notInDictionary.strings.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) },
            categories: categories, families: families, medianRanks: rows,
            framingSummary: framingSummaries(rows, framings: framings),
            averageRanks: averageRanks(ranked.answerRanks, input: input, families: families, framings: framings),
            rmPanelMeans: rmPanelMeans(rows, models: input.models, categories: categories, framings: framings),
            familyPanelSummaries: familyPanelSummaries(rows, families: families, categories: categories, framings: framings),
            mixedModel: prepared.mixedModel,
            panels: PanelFamilyComparisons.compare(prepared.panels, permutations: panelPermutations, options: options),
            figureStarsFrom: options.panelTest,
            violins: violins(rows, families: families, categories: categories, framings: framings))
    }

    /// What step 1 yields: the median-rank rows, and what the other steps and the result need besides.
    struct RankedAnswers {
        var rows: [MedianRankRow] = []
        /// Per model (input order), the ranks of its kept answers, which step 3 reuses.
        var answerRanks: [ModelAnswerRanks] = []
        /// Distinct answers ranked, and those not in the dictionary, by their bytes (`TokenIndex`).
        var answersRanked = TokenIndex()
        var notInDictionary = TokenIndex()
    }

    /// One RM's ranks of its kept answers under every prompt, in one flat
    /// array: prompt p's block starts at `p * answerCount`, and holds the
    /// ranks of category c's answers at `categoryStart[c] ..< categoryStart[c + 1]`
    /// of the block, ascending.
    struct ModelAnswerRanks {
        var ranks: [Double]
        var categoryStart: [Int]
        var answerCount: Int

        /// The ranks of category `ci` under prompt `p`.
        func ranks(prompt p: Int, category ci: Int) -> ArraySlice<Double> {
            ranks[p * answerCount + categoryStart[ci] ..< p * answerCount + categoryStart[ci + 1]]
        }
    }

    /// Step 1: rank the kept answers per (RM, prompt), all categories
    /// together; the median rank per category is one row. Walking the
    /// answers in rank order (`RankOrder`) files each rank under its
    /// category already sorted, so each median is read off, not selected;
    /// step 3 reuses these ranks.
    ///
    /// The RMs are ranked side by side (they share only which answers are
    /// kept, found first in input order, so the answer sets fill as before):
    /// one dictionary's ranking on one core was the build's longest stretch
    /// with the other core idle.
    static func rankAnswers(_ input: Input) async throws -> RankedAnswers {
        let dict = input.dictionary
        let categories = dict.categories
        var out = RankedAnswers()
        out.rows.reserveCapacity(input.models.count * input.prompts.count * categories.count)
        // Each distinct answer (by its bytes) is looked up in the dictionary
        // once: the RMs' tables score the same answers.
        var answers = TokenIndex()
        var categoryOfAnswer: [Int] = []   // by answer id; -1: not in the dictionary
        var keptByModel: [(rows: [Int], categories: [Int])] = []
        for model in input.models {
            var kept: [Int] = []
            var keptCategory: [Int] = []
            for (i, answer) in model.table.responses.enumerated() {
                let (id, inserted) = answers.insert(answer)
                if inserted {
                    if let c = dict.category(ofExactly: answer), let ci = categories.firstIndex(of: c) {
                        categoryOfAnswer.append(ci); out.answersRanked.insert(answer)
                    } else {
                        categoryOfAnswer.append(-1); out.notInDictionary.insert(answer)
                    }
                }
                let ci = categoryOfAnswer[Int(id)]
                if ci >= 0 { kept.append(i); keptCategory.append(ci) }
            }
            keptByModel.append((kept, keptCategory))
        }
        // Every prompt's column before any ranking: a missing one is reported
        // for the first RM, in input order, that lacks it.
        let columns: [[Int]] = try input.models.map { model in
            try input.prompts.map { prompt in
                guard let column = model.table.promptKeys.firstIndex(of: prompt.key) else {
                    throw AnalysisError("\(model.table.path) has no column for the prompt \(prompt.key)")
                }
                return column
            }
        }
        let perModel = try await Parallel.map(input.models.count) { [keptByModel] m -> (rows: [MedianRankRow], ranks: ModelAnswerRanks) in
            let model = input.models[m], table = model.table
            let (kept, keptCategory) = keptByModel[m]
            let n = kept.count
            var rows: [MedianRankRow] = []
            rows.reserveCapacity(input.prompts.count * categories.count)
            var categoryStart = [Int](repeating: 0, count: categories.count + 1)
            for ci in keptCategory { categoryStart[ci + 1] += 1 }
            for ci in categories.indices { categoryStart[ci + 1] += categoryStart[ci] }
            var ranks = [Double](repeating: 0, count: input.prompts.count * n)
            var scores = [Double](repeating: 0, count: n)
            var next = categoryStart
            var order = RankOrder()
            for (p, prompt) in input.prompts.enumerated() {
                scores.withUnsafeMutableBufferPointer { scores in
                    table.scores[columns[m][p]].withUnsafeBufferPointer { column in
                        kept.withUnsafeBufferPointer { kept in
                            for k in 0..<n { scores[k] = column[kept[k]] }
                        }
                    }
                }
                order.rank(scores, descending: true)
                let block = p * n
                for ci in categories.indices { next[ci] = block + categoryStart[ci] }
                fileByCategory(order, categoryOf: keptCategory, next: &next, into: &ranks)
                ranks.withUnsafeBufferPointer { r in
                    for (ci, category) in categories.enumerated() where categoryStart[ci] < categoryStart[ci + 1] {
                        let sorted = UnsafeBufferPointer(rebasing: r[block + categoryStart[ci] ..< block + categoryStart[ci + 1]])
                        rows.append(MedianRankRow(rm: model.label, family: model.family, category: category,
                                                  prompt: prompt.key, framing: prompt.framing,
                                                  medianRank: Descriptive.median(ofSorted: sorted)))
                    }
                }
            }
            return (rows, ModelAnswerRanks(ranks: ranks, categoryStart: categoryStart, answerCount: n))
        }
        for model in perModel {
            out.rows.append(contentsOf: model.rows)
            out.answerRanks.append(model.ranks)
        }
        return out
    }

    /// One ranked column filed under its answers' categories: walking the
    /// answers in rank order, category c's ranks land in `ranks` from
    /// `next[c]` on, ascending.
    private static func fileByCategory(_ order: RankOrder, categoryOf: [Int], next: inout [Int], into ranks: inout [Double]) {
        ranks.withUnsafeMutableBufferPointer { r in
            next.withUnsafeMutableBufferPointer { next in
                categoryOf.withUnsafeBufferPointer { categoryOf in
                    order.positions.withUnsafeBufferPointer { positions in
                        order.ranks.withUnsafeBufferPointer { ranksInOrder in
                            for k in 0..<categoryOf.count {
                                let ci = categoryOf[positions[k]]
                                r[next[ci]] = ranksInOrder[k]
                                next[ci] &+= 1
                            }
                        }
                    }
                }
            }
        }
    }

    /// Step 2: mean and SD of the median ranks per framing.
    static func framingSummaries(_ rows: [MedianRankRow], framings: [Framing]) -> [FramingSummary] {
        framings.map { f in
            let v = rows.filter { $0.framing == f }.map(\.medianRank)
            return FramingSummary(framing: f, mean: Descriptive.mean(v), sd: Descriptive.standardDeviation(v), n: v.count)
        }
    }

    /// Step 3 (Docs/Methods.md#average-ranks): per framing × category × family,
    /// the mean over the family's RMs of each RM's median over all its
    /// (prompt, answer) ranks; the first family is the reference.
    static func averageRanks(_ answerRanks: [ModelAnswerRanks], input: Input, families: [String],
                             framings: [Framing]) -> [AverageRankRow] {
        var out: [AverageRankRow] = []
        var counts: [Int] = []
        for f in framings {
            let prompts = input.prompts.indices.filter { input.prompts[$0].framing == f }
            for (ci, category) in input.dictionary.categories.enumerated() {
                let perFamily = families.map { family -> (String, Double) in
                    let medians: [Double] = input.models.indices.filter { input.models[$0].family == family }.map { m in
                        medianRank(answerRanks[m], prompts: prompts, category: ci, counts: &counts)
                    }
                    return (family, Descriptive.mean(medians))
                }
                let reference = perFamily[0].1
                for (family, value) in perFamily {
                    out.append(AverageRankRow(framing: f, category: category, family: family,
                                              averageRank: value, differenceFromReference: value - reference))
                }
            }
        }
        return out
    }

    /// The median of one RM's ranks of category `ci` under `prompts`, by
    /// counting: every rank of n answers is a multiple of ½ from 1 to n, so
    /// tallying 2 × rank and walking the tallies finds the middle value(s)
    /// in one pass over the ranks, with no copy and no selection — the value
    /// `Descriptive.median` gives, bit for bit (the same middle values, the
    /// same mean of two). `counts` is scratch, all zero between calls.
    static func medianRank(_ ranks: ModelAnswerRanks, prompts: [Int], category ci: Int, counts: inout [Int]) -> Double {
        let size = 2 * ranks.answerCount + 1
        if counts.count < size { counts = [Int](repeating: 0, count: size) }
        var total = 0
        counts.withUnsafeMutableBufferPointer { c in
            for p in prompts {
                for rank in ranks.ranks(prompt: p, category: ci) { c[Int(2 * rank)] &+= 1 }
                total += ranks.categoryStart[ci + 1] - ranks.categoryStart[ci]
            }
        }
        guard total > 0 else { return .nan }
        // Sorted, the values would sit at 0 ..< total; the median is at k (and k − 1 for an even total).
        let k = total / 2
        var below = 0, lower = 0.0, upper = 0.0
        for twice in counts.indices where counts[twice] > 0 {
            let count = counts[twice]
            if below <= k - 1 && k - 1 < below + count { lower = Double(twice) / 2 }
            if k < below + count { upper = Double(twice) / 2; break }
            below += count
        }
        counts.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        return total % 2 == 1 ? upper : (lower + upper) / 2
    }

    /// Step 4a: each RM's median ranks summarised per framing × category panel.
    static func rmPanelMeans(_ rows: [MedianRankRow], models: [ScoredModel], categories: [String],
                             framings: [Framing]) -> [RMPanelMean] {
        var out: [RMPanelMean] = []
        for model in models {
            for f in framings {
                for category in categories {
                    let v = rows.filter { $0.rm == model.label && $0.framing == f && $0.category == category }.map(\.medianRank)
                    guard !v.isEmpty else { continue }
                    out.append(RMPanelMean(rm: model.label, family: model.family, framing: f, category: category,
                                           mean: Descriptive.mean(v), se: Descriptive.standardError(v),
                                           sd: Descriptive.standardDeviation(v), n: v.count))
                }
            }
        }
        return out
    }

    /// Step 4b: each family's median ranks summarised per framing × category panel.
    static func familyPanelSummaries(_ rows: [MedianRankRow], families: [String], categories: [String],
                                     framings: [Framing]) -> [FamilyPanelSummary] {
        panelsByFamily(families: families, categories: categories, framings: framings).map { f, category, family in
            let v = panelValues(rows, family: family, framing: f, category: category)
            return FamilyPanelSummary(family: family, framing: f, category: category,
                                      mean: Descriptive.mean(v), se: Descriptive.standardError(v),
                                      sd: Descriptive.standardDeviation(v), n: v.count)
        }
    }

    /// Step 5 (Docs/Methods.md#kde): the violin of each family in each panel
    /// with at least two rows (a density needs a spread).
    static func violins(_ rows: [MedianRankRow], families: [String], categories: [String],
                        framings: [Framing]) -> [ViolinDensity] {
        panelsByFamily(families: families, categories: categories, framings: framings).compactMap { f, category, family in
            let v = panelValues(rows, family: family, framing: f, category: category)
            guard v.count >= 2 else { return nil }
            let curve = KernelDensity.curve(v)
            return ViolinDensity(family: family, framing: f, category: category,
                                 bandwidth: KernelDensity.bandwidthNRD0(v), grid: curve.grid, density: curve.density)
        }
    }

    /// Every (framing, category, family) in the order the results list them.
    static func panelsByFamily(families: [String], categories: [String],
                               framings: [Framing]) -> [(framing: Framing, category: String, family: String)] {
        framings.flatMap { f in categories.flatMap { category in families.map { (framing: f, category: category, family: $0) } } }
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
        try fitMixedModel(response: rows.map(\.medianRank),
                          design: mixedModelDesign(rows: rows, families: families, categories: categories, framings: framings),
                          groups: rows.map { labels.firstIndex(of: $0.rm)! })
    }

    /// The fixed-effects design of `family * category * framing` for the rows,
    /// with these levels (the first of each is the reference).
    static func mixedModelDesign(rows: [MedianRankRow], families: [String], categories: [String],
                                 framings: [Framing]) -> DesignMatrix {
        DesignMatrix.fullFactorial([
            Factor(name: "family", levels: families, codes: rows.map { families.firstIndex(of: $0.family)! }),
            Factor(name: "category", levels: categories, codes: rows.map { categories.firstIndex(of: $0.category)! }),
            Factor(name: "framing", levels: framings.map(\.rawValue), codes: rows.map { framings.firstIndex(of: $0.framing)! }),
        ])
    }

    /// The model fitted to median ranks `response` with the design of
    /// `mixedModelDesign` and one RM index per row in `groups`: the
    /// leave-one-out refits pass designs cut from the full one.
    static func fitMixedModel(response: [Double], design: DesignMatrix, groups: [Int]) throws -> MixedModelResult {
        let fit = try LinearMixedModel.fitREML(response: response, design: design, groups: groups)
        return MixedModelResult(
            method: fit.method, formula: "median_rank ~ family * category * framing, random = ~1 | rm",
            observations: fit.observations, groups: fit.groups,
            fixedEffects: fit.fixedEffects.map(FixedEffectRow.init),
            randomInterceptSD: fit.randomInterceptSD, residualSD: fit.residualSD,
            logLikelihood: fit.logLikelihood, aic: fit.aic, bic: fit.bic)
    }
}
