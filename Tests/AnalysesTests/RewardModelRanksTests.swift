@testable import Analyses
import Stats
@testable import StudyData
import TestSupport
import XCTest

/// §2's steps 1 and 3 (`rankAnswers`, `averageRanks`) against the plainest
/// reading of them, written here: per RM and prompt, sort the kept answers by
/// reward, average tied ranks, collect each category's ranks in table order
/// and take the median of the sorted list; per framing × category × RM, the
/// median of all those ranks. Random RMs whose tables list the answers in
/// different orders, with answers outside the dictionary, a spelling only
/// canonically equal to a dictionary word, heavy ties, ±0 and infinities;
/// every median compared bit for bit.
final class RankAnswersDifferentialTests: XCTestCase {
    private let categories = ["Agency", "Communion", "Loyalty"]

    private func sortedMedian(_ x: [Double]) -> Double {
        let s = x.sorted(), n = s.count
        guard n > 0 else { return .nan }
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
    }

    /// A study of `modelCount` RMs over `wordCount` dictionary words (plus
    /// words outside it), each RM's table in its own order.
    private func input(seed: UInt64, wordCount: Int, modelCount: Int, promptCount: Int) -> RewardModelRanks.Input {
        var g = SeededGenerator(seed: seed)
        var categoryOfWord: [String: String] = ["caf\u{E9}": "Agency"]
        for w in 0..<wordCount { categoryOfWord["w\(w)"] = categories[g.nextInt(below: categories.count)] }
        let dictionary = CategoryDictionary(id: "d", path: "d.csv", categories: categories, categoryOfWord: categoryOfWord)
        let prompts = (0..<promptCount).map { Prompt(key: "p\($0)", text: "", framing: $0 % 3 == 0 ? .negative : .positive) }
        let specials: [Double] = [0, -0.0, .infinity, -.infinity, 3.5]
        let models = (0..<modelCount).map { m -> RewardModelRanks.ScoredModel in
            // Most words, a few outside the dictionary, "café" spelled as e + U+0301 by some RMs.
            var responses = (0..<wordCount).filter { _ in g.nextInt(below: 20) != 0 }.map { "w\($0)" }
            responses += ["outside\(m % 3)", "outside", m % 2 == 0 ? "caf\u{E9}" : "cafe\u{301}"]
            responses.shuffle(using: &g)
            let columns = prompts.indices.shuffled(using: &g)
            let tieLevels = 1 + g.nextInt(below: 40)
            let scores = columns.map { _ in
                responses.map { _ -> Double in
                    g.nextInt(below: 10) == 0 ? specials[g.nextInt(below: specials.count)] : Double(g.nextInt(below: tieLevels)) / 4 - 3
                }
            }
            let table = RewardScoreTable(path: "rm\(m).csv", responses: responses,
                                         promptKeys: columns.map { prompts[$0].key }, scores: scores)
            return .init(label: "rm\(m)", family: m % 2 == 0 ? "Gemma" : "Llama", table: table)
        }
        return .init(dictionary: dictionary, dictionaryName: "D", columns: nil, prompts: prompts,
                     familyOrder: ["Gemma", "Llama"], models: models)
    }

    func testRowsAnswersAndAverageRanksEqualTheReference() async throws {
        for (seed, words, modelCount, promptCount) in [(1, 0, 2, 3), (2, 1, 2, 2), (3, 7, 3, 4), (4, 40, 4, 6), (5, 300, 5, 7), (6, 2_100, 2, 4)] {
            let input = input(seed: UInt64(seed), wordCount: words, modelCount: modelCount, promptCount: promptCount)
            let ranked = try await RewardModelRanks.rankAnswers(input)

            var rows: [MedianRankRow] = []
            var answersRanked: [String] = [], notInDictionary: [String] = []
            // ranksOf[model][prompt][category], each in table order.
            var ranksOf: [[[[Double]]]] = []
            for model in input.models {
                let t = model.table
                let kept = t.responses.indices.filter { input.dictionary.category(ofExactly: t.responses[$0]) != nil }
                for answer in t.responses {
                    let inDictionary = input.dictionary.category(ofExactly: answer) != nil
                    if inDictionary, !answersRanked.contains(where: { $0.utf8.elementsEqual(answer.utf8) }) { answersRanked.append(answer) }
                    if !inDictionary, !notInDictionary.contains(where: { $0.utf8.elementsEqual(answer.utf8) }) { notInDictionary.append(answer) }
                }
                ranksOf.append(input.prompts.map { prompt in
                    let column = t.promptKeys.firstIndex(of: prompt.key)!
                    let ranks = ReferenceRanking.averageRanks(kept.map { t.scores[column][$0] }, descending: true)
                    let byCategory = categories.map { c in kept.indices.filter { input.dictionary.category(ofExactly: t.responses[kept[$0]]) == c }.map { ranks[$0] } }
                    for (ci, c) in categories.enumerated() where !byCategory[ci].isEmpty {
                        rows.append(MedianRankRow(rm: model.label, family: model.family, category: c, prompt: prompt.key,
                                                  framing: prompt.framing, medianRank: sortedMedian(byCategory[ci])))
                    }
                    return byCategory
                })
            }
            let label = "seed \(seed)"
            XCTAssertEqual(ranked.rows.count, rows.count, label)
            for (ours, expected) in zip(ranked.rows, rows) {
                XCTAssertEqual([ours.rm, ours.family, ours.category, ours.prompt], [expected.rm, expected.family, expected.category, expected.prompt], label)
                XCTAssertEqual(ours.framing, expected.framing, label)
                XCTAssertEqual(ours.medianRank.bitPattern, expected.medianRank.bitPattern, "\(label): \(expected)")
            }
            XCTAssertEqual(ranked.answersRanked.strings.map { Array($0.utf8) }, answersRanked.map { Array($0.utf8) }, label)
            XCTAssertEqual(ranked.notInDictionary.strings.map { Array($0.utf8) }, notInDictionary.map { Array($0.utf8) }, label)
            XCTAssertTrue(notInDictionary.contains { $0.utf8.elementsEqual("cafe\u{301}".utf8) }, label)

            let families = ["Gemma", "Llama"], framings = Framing.allCases
            let averages = RewardModelRanks.averageRanks(ranked.answerRanks, input: input, families: families, framings: framings)
            var expectedAverages: [Double] = []
            for f in framings {
                for ci in categories.indices {
                    for family in families {
                        let medians = input.models.indices.filter { input.models[$0].family == family }.map { m in
                            sortedMedian(input.prompts.indices.filter { input.prompts[$0].framing == f }.flatMap { ranksOf[m][$0][ci] })
                        }
                        expectedAverages.append(Descriptive.mean(medians))
                    }
                }
            }
            XCTAssertEqual(averages.map(\.averageRank.bitPattern), expectedAverages.map(\.bitPattern), label)
        }
    }
}
