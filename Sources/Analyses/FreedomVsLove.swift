// Methods: Docs/Methods.md#freedom-love-every-prompt.

import Stats
import StudyData

/// Fig. 3 under every prompt: for each Fig. 3 pair (every source × target
/// of the manifest's grid, in Fig. 3's order) and each prompt, the mean MWLR
/// of the tokens that read as "freedom" and as "love" — by Fig. 3's own
/// alignment and token rules (`TokenAlignment.align`,
/// `ImplicitRewards.freedomLoveScores`), so under the Fig. 3 prompt it gives
/// Fig. 3's values exactly.
///
/// Why the tables are first cut to the "freedom"/"love" rows: the alignment
/// keeps each string's highest log-prob and joins on the string, so the
/// rows of other strings cannot change these two means; cutting makes the
/// 21 × 54 alignments cost microseconds instead of a pass over 256,000 tokens each.
public enum FreedomVsLove {
    /// nil when the manifest has no log-prob section (as §3).
    public static func analyse(_ study: LoadedStudy) throws -> FreedomVsLoveSection? {
        guard let section = study.manifest.logprobs, let loaded = study.logprobs else { return nil }
        let plan = section.implicitRewards
        func model(_ name: String) -> ImplicitRewards.Model? {
            guard let spec = section.model(named: name), let table = loaded.tables[name] else { return nil }
            return .init(name: name, displayName: spec.displayName, shortName: spec.shortName, version: spec.version,
                         sizeB: spec.sizeB, table: freedomLoveRows(of: table))
        }
        let sources = plan.grid.sources.compactMap(model), targets = plan.grid.targets.compactMap(model)
        var seen = Set<String>()
        let missing = (plan.grid.sources + plan.grid.targets).filter { loaded.tables[$0] == nil }
            .map { section.model(named: $0)?.file ?? $0 }.filter { seen.insert($0).inserted }
        var rows: [String: ModelRows] = [:]
        for m in sources + targets where rows[m.name] == nil { rows[m.name] = ModelRows(m, prompts: study.manifest.prompts) }
        let pairs = try ImplicitRewards.figure3Pairs(sources: sources, targets: targets).map { a, b in
            try pair(rows[a.name]!, rows[b.name]!, prompts: study.manifest.prompts)
        }
        let expected = plan.grid.sources.count * plan.grid.targets.count
        return summarise(pairs, prompts: study.manifest.prompts, status: InputStatus(ran: pairs.count, of: expected),
                         missing: missing, figure3Prompt: plan.prompt, simulated: loaded.simulated)
    }

    /// A model's "freedom"/"love" rows as each of its pairs reads them,
    /// made once per model: the distinct strings (ids in first-listed order,
    /// as `TokenAlignment.align` numbers them), the word each reads as
    /// (`ImplicitRewards.freedomLoveScores`' rule), and each string's highest
    /// log-prob under each prompt.
    ///
    /// Why once per model: a model is in a pair with every model of the
    /// other family, and each pair is read under every prompt. Indexing,
    /// taking the highest per string and classifying every string again for
    /// each pair and prompt (two alignments and a Unicode word test per
    /// token) was this analysis's whole cost, and it grows with the square
    /// of the models: with 48, 336 pairs × 54 prompts took half a second.
    struct ModelRows {
        let model: ImplicitRewards.Model
        let index: TokenIndex
        /// Per string id: true if it reads as "freedom", false as "love", nil as neither.
        let readsAsFreedom: [Bool?]
        /// Per prompt key: each string's highest log-prob, or why there is none.
        let highest: [String: Result<[Double], any Error>]

        init(_ model: ImplicitRewards.Model, prompts: [Prompt]) {
            self.model = model
            let strings = TokenAlignment.distinctStrings(model.table)
            index = strings.index
            readsAsFreedom = strings.index.strings.map { token in
                ImplicitRewards.freedomLoveWords.word(of: token).map { $0 == "freedom" }
            }
            var highest: [String: Result<[Double], any Error>] = [:]
            for prompt in prompts where highest[prompt.key] == nil {
                highest[prompt.key] = Result {
                    try TokenAlignment.highestPerString(model.table, rowIDs: strings.rowIDs, count: strings.index.count, prompt: prompt.key)
                }
            }
            self.highest = highest
        }

        func values(_ prompt: String) throws -> [Double] { try highest[prompt]!.get() }
    }

    /// One pair under every prompt: under each, exactly
    /// `ImplicitRewards.freedomLoveScores(TokenAlignment.align(a, b, prompt:))`
    /// (the strings of a that b holds, in a's order; of those, the ones that
    /// read as "freedom" or "love"), with the join made once for every prompt.
    static func pair(_ a: ModelRows, _ b: ModelRows, prompts: [Prompt]) throws -> FreedomVsLovePair {
        var common: [(a: Int, b: Int, freedom: Bool)] = []
        for (id, token) in a.index.strings.enumerated() {
            guard let j = b.index.id(of: token), let freedom = a.readsAsFreedom[id] else { continue }
            common.append((id, Int(j), freedom))
        }
        let perPrompt = try prompts.map { prompt -> FreedomVsLovePrompt in
            let valuesA = try a.values(prompt.key), valuesB = try b.values(prompt.key)
            var freedom: [Double] = [], love: [Double] = []
            for c in common {
                let s = ImplicitRewardMeasure.mwlr.score(valuesA[c.a], valuesB[c.b])
                if c.freedom { freedom.append(s) } else { love.append(s) }
            }
            let f = Descriptive.mean(freedom), l = Descriptive.mean(love)
            return FreedomVsLovePrompt(prompt: prompt.key, framing: prompt.framing.rawValue, freedomMwlr: f, loveMwlr: l,
                                       freedomMinusLove: f - l, freedomTokens: freedom.count, loveTokens: love.count)
        }
        let positive = perPrompt.filter { $0.framing == Framing.positive.rawValue }
        let negative = perPrompt.filter { $0.framing == Framing.negative.rawValue }
        return FreedomVsLovePair(llamaModel: a.model.name, gemmaModel: b.model.name, label: ImplicitRewards.label(a.model, b.model),
                                 positivePrompts: positive.count, positivePromptsFreedomAboveLove: positive.filter(\.freedomAboveLove).count,
                                 negativePrompts: negative.count, negativePromptsFreedomAboveLove: negative.filter(\.freedomAboveLove).count,
                                 perPrompt: perPrompt)
    }

    /// The section from its pairs: the counts over pairs.
    public static func summarise(_ pairs: [FreedomVsLovePair], prompts: [Prompt], status: InputStatus, missing: [String],
                                 figure3Prompt: String, simulated: Bool) -> FreedomVsLoveSection {
        let positive = prompts.filter { $0.framing == .positive }.count, negative = prompts.filter { $0.framing == .negative }.count
        return FreedomVsLoveSection(
            status: status, missing: missing, measure: ImplicitRewardMeasure.mwlr.rawValue, figure3Prompt: figure3Prompt,
            positivePrompts: positive, negativePrompts: negative,
            pairsFreedomAboveLoveUnderEveryPositivePrompt: pairs.filter { positive > 0 && $0.positivePromptsFreedomAboveLove == positive }.count,
            pairsFreedomAboveLoveUnderEveryNegativePrompt: pairs.filter { negative > 0 && $0.negativePromptsFreedomAboveLove == negative }.count,
            pairs: pairs, simulated: simulated)
    }

    /// The rows of a table whose token reads as "freedom" or "love", with
    /// every prompt column the table holds (the loader reads each of those
    /// rows with every prompt; a row missing from a sparse column was not
    /// read with every prompt, so cannot be one of them). Row order is kept, so the alignment's
    /// first-listed order and highest-per-string rule see what they see in
    /// the whole table.
    static func freedomLoveRows(of table: LogprobTable) -> LogprobTable {
        // Rows read with every prompt are the only ones a sparse column holds:
        // look at those (a few hundred) rather than at every token.
        let candidates = table.columns.lazy.compactMap { $0.storedValues.rows }.first ?? Array(table.tokens.indices)
        let rows = candidates.filter { ImplicitRewards.freedomLoveWords.word(of: table.tokens[$0]) != nil }
        return LogprobTable(path: table.path, tokenIDs: rows.map { table.tokenIDs[$0] }, tokens: rows.map { table.tokens[$0] },
                            promptKeys: table.promptKeys, columns: table.columns.map { column in rows.map { column[$0] } },
                            rowsInFile: table.rowsInFile, audit: table.audit)
    }
}
