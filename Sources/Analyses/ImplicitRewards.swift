import Foundation
import Parallel
import Stats
import StudyData

/// Paper §3.2 (Docs/Methods.md#token-tables, #freedom-love): the difference between two language models read as a
/// reward model, and its optimal and pessimal one-token answers.
public enum ImplicitRewards {
    public struct Model: Sendable {
        public var name: String
        public var displayName: String
        public var shortName: String
        public var version: String
        public var sizeB: Double
        public var table: LogprobTable
        public init(name: String, displayName: String, shortName: String, version: String, sizeB: Double, table: LogprobTable) {
            self.name = name; self.displayName = displayName; self.shortName = shortName
            self.version = version; self.sizeB = sizeB; self.table = table
        }
    }

    /// Every common token's score and rank under a measure, best first. Ties
    /// (exactly equal scores) keep the source file's order, so ranks are
    /// reproducible.
    public static func ranking(_ aligned: TokenAlignment, measure: ImplicitRewardMeasure) -> [RankedToken] {
        let scores = zip(aligned.a, aligned.b).map { measure.score($0, $1) }
        let order = scores.indices.sorted { i, j in scores[i] != scores[j] ? scores[i] > scores[j] : i < j }
        return order.enumerated().map { RankedToken(rank: $0 + 1, token: aligned.tokens[$1], score: scores[$1]) }
    }

    static func scores(_ aligned: TokenAlignment, _ measure: ImplicitRewardMeasure) -> [Double] {
        zip(aligned.a, aligned.b).map { measure.score($0, $1) }
    }

    /// `scores(aligned, measure)` bit for bit, given `pA[i]` = exp(a[i]) and
    /// `pB[i]` = exp(b[i]) (`ImplicitRewardMeasure.score(_:_:pA:pB:)`): a pass
    /// over every measure then takes each token's two exponentials once, not
    /// once per weighted measure.
    static func scores(_ aligned: TokenAlignment, _ measure: ImplicitRewardMeasure, pA: [Double], pB: [Double]) -> [Double] {
        precondition(pA.count == aligned.a.count && pB.count == aligned.b.count && aligned.a.count == aligned.b.count)
        return (0..<aligned.a.count).map { measure.score(aligned.a[$0], aligned.b[$0], pA: pA[$0], pB: pB[$0]) }
    }

    /// The rank `ranking` would give token `i`, in one pass: 1 + the tokens
    /// that score higher, or equal and come earlier.
    static func rank(of i: Int, scores: [Double]) -> Int {
        var rank = 1
        let si = scores[i]
        for j in scores.indices where scores[j] > si || (scores[j] == si && j < i) { rank += 1 }
        return rank
    }

    /// The first and last `count` entries of `ranking`, without sorting every
    /// token: a small sorted buffer per end (ties keep the file's order).
    static func extremes(_ aligned: TokenAlignment, scores: [Double], count: Int) -> (top: [RankedToken], bottom: [RankedToken]) {
        let n = scores.count
        guard count > 0, n > 0 else { return ([], []) }
        var best: [Int] = [], worst: [Int] = []
        for i in 0..<n {
            let s = scores[i]
            // Earlier indices win ties in `best`; later indices are "worse" in `worst`.
            if best.count < count || s > scores[best[best.count - 1]] {
                var k = best.count
                while k > 0 && s > scores[best[k - 1]] { k -= 1 }
                best.insert(i, at: k)
                if best.count > count { best.removeLast() }
            }
            if worst.count < count || s <= scores[worst[worst.count - 1]] {
                var k = worst.count
                while k > 0 && s <= scores[worst[k - 1]] { k -= 1 }
                worst.insert(i, at: k)
                if worst.count > count { worst.removeLast() }
            }
        }
        let top = best.enumerated().map { RankedToken(rank: $0 + 1, token: aligned.tokens[$1], score: scores[$1]) }
        let bottom = worst.enumerated().reversed().map { RankedToken(rank: n - $0, token: aligned.tokens[$1], score: scores[$1]) }
        return (top, Array(bottom))
    }

    /// Table 1 / A2 / A3: the `top` best and worst tokens of A over B.
    public static func tokenTable(title: String, a: Model, b: Model, prompt: String, top: Int,
                                  measure: ImplicitRewardMeasure = .mwlr, aligned given: TokenAlignment? = nil) throws -> TokenTableResult {
        let aligned = try given ?? TokenAlignment.align(a.table, b.table, prompt: prompt)
        let ends = extremes(aligned, scores: scores(aligned, measure), count: top)
        return TokenTableResult(title: title, modelA: a.name, modelB: b.name, displayA: a.displayName, displayB: b.displayName,
                                prompt: prompt, measure: measure, commonTokens: aligned.tokens.count,
                                top: ends.top, bottom: ends.bottom)
    }

    /// Every measure on one pair: where the exact tokens "Freedom" and "Love" rank.
    public static func measureComparison(title: String, a: Model, b: Model, prompt: String,
                                         aligned given: TokenAlignment? = nil) throws -> [MeasureComparisonRow] {
        let aligned = try given ?? TokenAlignment.align(a.table, b.table, prompt: prompt)
        // Byte-equal, as Python compares strings (Swift's == is canonical equivalence).
        func exactly(_ word: String) -> Int? { aligned.tokens.firstIndex { $0.utf8.elementsEqual(word.utf8) } }
        let freedom = exactly("Freedom"), love = exactly("Love")
        let pA = aligned.a.map { exp($0) }, pB = aligned.b.map { exp($0) }
        return ImplicitRewardMeasure.allCases.map { measure in
            let s = scores(aligned, measure, pA: pA, pB: pB)
            let ends = extremes(aligned, scores: s, count: 1)
            return MeasureComparisonRow(title: title, modelA: a.name, modelB: b.name, measure: measure, formula: measure.formula,
                                        antisymmetric: measure.isAntisymmetric,
                                        freedomRank: freedom.map { rank(of: $0, scores: s) },
                                        loveRank: love.map { rank(of: $0, scores: s) },
                                        topToken: ends.top.first?.token ?? "", bottomToken: ends.bottom.last?.token ?? "",
                                        commonTokens: aligned.tokens.count)
        }
    }

    /// The Fig. 3 pairs (source A × target B) in display order: by source
    /// release, source size, target size.
    public static func figure3Pairs(sources: [Model], targets: [Model]) -> [(a: Model, b: Model)] {
        sources.flatMap { s in targets.map { (a: s, b: $0) } }.sorted { x, y in
            let vx = release(x.a.version), vy = release(y.a.version)
            if vx != vy { return vx.lexicographicallyPrecedes(vy) }
            if x.a.sizeB != y.a.sizeB { return x.a.sizeB < y.a.sizeB }
            return x.b.sizeB < y.b.sizeB
        }
    }

    /// The words Fig. 3 scores, and the rule by which a token reads as one.
    public static let freedomLoveWords = TokenWords.freedomLove

    /// Fig. 3 on one alignment: the MWLR of every common token that reads as
    /// "freedom", and of every one that reads as "love", in the alignment's order.
    public static func freedomLoveScores(_ aligned: TokenAlignment) -> (freedom: [Double], love: [Double]) {
        var freedom: [Double] = [], love: [Double] = []
        for (i, token) in aligned.tokens.enumerated() {
            guard let word = freedomLoveWords.word(of: token) else { continue }
            let s = ImplicitRewardMeasure.mwlr.score(aligned.a[i], aligned.b[i])
            if word == "freedom" { freedom.append(s) } else { love.append(s) }
        }
        return (freedom, love)
    }

    /// The Fig. 3 label of every token `vocabulary` holds: 1 if it reads as
    /// "freedom", 2 if as "love", 0 otherwise. Reading 250,000 tokens a
    /// table is a pass of its own, so the build runs it beside §3's other
    /// work and hands the labels to `freedomLove`.
    public static func freedomLoveLabels(_ vocabulary: SharedVocabulary) -> [UInt8] {
        vocabulary.labels { token in
            switch freedomLoveWords.word(of: token) { case "freedom": return 1; case "love": return 2; default: return 0 }
        }
    }

    /// Fig. 3: for each source × target, the mean MWLR of the tokens that read
    /// "freedom" and "love". Rows sorted by source release, source size, target size.
    /// `vocabulary`: a shared index of the models' tokens, which makes the 21
    /// alignments cheap; without it each pair is aligned from scratch.
    /// `labels`: `freedomLoveLabels(vocabulary)`, if already made. The pairs
    /// are independent and grow with the square of the models, so they are
    /// computed on every core, in order.
    public static func freedomLove(sources: [Model], targets: [Model], prompt: String,
                                   vocabulary: SharedVocabulary? = nil, labels: [UInt8]? = nil) async throws -> [FreedomLoveRow] {
        let labels = labels ?? vocabulary.map(freedomLoveLabels)
        let pairs = figure3Pairs(sources: sources, targets: targets)
        return try await Parallel.map(pairs.count) { k in
            let (a, b) = pairs[k]
            if let vocabulary, let labels, let shared = vocabulary.labelledPairs(a.name, b.name, labels: labels) {
                var freedom: [Double] = [], love: [Double] = []
                for p in shared.pairs {
                    let s = ImplicitRewardMeasure.mwlr.score(p.a, p.b)
                    if p.label == 1 { freedom.append(s) } else { love.append(s) }
                }
                return FreedomLoveRow(modelA: a.name, modelB: b.name, label: label(a, b),
                                      freedom: Descriptive.mean(freedom), love: Descriptive.mean(love),
                                      freedomTokens: freedom.count, loveTokens: love.count, commonTokens: shared.common)
            }
            let aligned = try TokenAlignment.align(a.table, b.table, prompt: prompt)
            let (freedom, love) = freedomLoveScores(aligned)
            return FreedomLoveRow(modelA: a.name, modelB: b.name, label: label(a, b),
                                  freedom: Descriptive.mean(freedom), love: Descriptive.mean(love),
                                  freedomTokens: freedom.count, loveTokens: love.count, commonTokens: aligned.tokens.count)
        }
    }

    /// e.g. `G2-2b → L3.1-70b` (target → source, as the paper labels Fig. 3's rows).
    public static func label(_ a: Model, _ b: Model) -> String { "\(b.shortName) → \(a.shortName)" }

    /// "3.1" → [3, 1], for sorting releases numerically.
    static func release(_ version: String) -> [Int] { version.split(separator: ".").map { Int($0) ?? 0 } }

    /// The word a token reads as: trimmed as Python's `str.strip()` and lower-cased (`TokenWords`).
    public static func normalizedWord(_ token: String) -> String { TokenWords.normalized(token) }
}
