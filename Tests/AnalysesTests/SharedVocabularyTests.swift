import Foundation
@testable import Analyses
import StudyData
import XCTest

/// The shared token index must give exactly the pairwise alignment.
final class SharedVocabularyTests: XCTestCase {
    func testEveryPairAlignsExactlyAsTheDirectJoin() async throws {
        let study = try await LogprobReferenceTests.sharedStudy()
        let tables = try XCTUnwrap(study.logprobs?.tables)
        let prompt = "greatest_ever_one"
        let usable = tables.filter { $0.value.promptKeys.contains(prompt) }
        XCTAssertGreaterThanOrEqual(usable.count, 10)
        let vocabulary = try await SharedVocabulary(tables: usable, prompt: prompt)
        for a in usable.keys.sorted() {
            for b in usable.keys.sorted() where b != a {
                let direct = try TokenAlignment.align(usable[a]!, usable[b]!, prompt: prompt)
                XCTAssertEqual(vocabulary.align(a, b), direct, "\(a) vs \(b)")
            }
        }
        XCTAssertNil(vocabulary.align("no/such-model", usable.keys.first!))
    }

    /// Interned a table at a time in model-name order (as the build does while
    /// the tables are read), the vocabulary is the one made from all at once.
    func testInterningTableByTableGivesTheSameVocabulary() async throws {
        let study = try await LogprobReferenceTests.sharedStudy()
        let tables = try XCTUnwrap(study.logprobs?.tables)
        let prompt = "greatest_ever_one"
        let whole = try await SharedVocabulary(tables: tables, prompt: prompt)
        var interning = SharedVocabulary.Interning(prompt: prompt)
        for model in tables.keys.sorted() where tables[model]!.promptKeys.contains(prompt) { interning.add(model, tables[model]!) }
        let stepwise = try await interning.finish()
        let labels = whole.labels { UInt8($0.utf8.count % 3) }
        XCTAssertEqual(stepwise.labels { UInt8($0.utf8.count % 3) }, labels, "same strings under the same ids")
        for a in tables.keys.sorted() {
            for b in tables.keys.sorted() where b != a {
                XCTAssertEqual(stepwise.align(a, b), whole.align(a, b), "\(a) vs \(b)")
                XCTAssertEqual(stepwise.labelledPairs(a, b, labels: labels).map { "\($0)" }, whole.labelledPairs(a, b, labels: labels).map { "\($0)" })
            }
        }
        // Another order interns the strings under other ids.
        var reversed = SharedVocabulary.Interning(prompt: prompt)
        for model in tables.keys.sorted().reversed() where tables[model]!.promptKeys.contains(prompt) { reversed.add(model, tables[model]!) }
        let other = try await reversed.finish()
        XCTAssertNotEqual(other.labels { UInt8($0.utf8.count % 3) }, labels)
    }
}

/// The one-pass extremes and ranks equal the full sort's.
final class RankingShortcutTests: XCTestCase {
    func testExtremesAndRanksMatchTheFullRanking() {
        var state: UInt64 = 99
        func next() -> Double { state = state &* 6364136223846793005 &+ 1; return Double(state >> 40 % 64) }
        for trial in 0..<30 {
            let n = 1 + trial * 7
            let tokens = (0..<n).map { "t\($0)" }
            // Coarse values so ties are common.
            let a = (0..<n).map { _ in -Double(Int(next()) % 7) }, b = (0..<n).map { _ in -Double(Int(next()) % 5) }
            let aligned = TokenAlignment(tokens: tokens, a: a, b: b)
            for measure in ImplicitRewardMeasure.allCases {
                let full = ImplicitRewards.ranking(aligned, measure: measure)
                let s = ImplicitRewards.scores(aligned, measure)
                for k in [1, 3, 15] {
                    let ends = ImplicitRewards.extremes(aligned, scores: s, count: k)
                    XCTAssertEqual(ends.top, Array(full.prefix(k)), "top \(k), n \(n), \(measure)")
                    XCTAssertEqual(ends.bottom, Array(full.suffix(k)), "bottom \(k), n \(n), \(measure)")
                }
                for i in [0, n / 2, n - 1] {
                    XCTAssertEqual(ImplicitRewards.rank(of: i, scores: s), full.first { $0.token == tokens[i] }!.rank)
                }
            }
        }
    }

    /// The measure comparison's scores from exponentials taken once per
    /// token, against each measure's own scores: the same bits, on log-probs
    /// with ties, zeros, underflowing probabilities and −∞.
    func testScoresFromPrecomputedProbabilitiesAreTheSameBits() {
        var state: UInt64 = 5
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
        let special: [Double] = [0, -0.0, -1e-300, -20, -700, -745.2, -746, -1e4, -.infinity]
        func value() -> Double { next() % 5 == 0 ? special[Int(next()) % special.count] : -Double(next() % 30_000) / 997 }
        let n = 20_000
        let a = (0..<n).map { _ in value() }, b = (0..<n).map { k in k % 11 == 0 ? 0 : value() }
        let aligned = TokenAlignment(tokens: (0..<n).map { "t\($0)" }, a: a, b: b)
        let pA = a.map { exp($0) }, pB = b.map { exp($0) }
        for measure in ImplicitRewardMeasure.allCases {
            let own = ImplicitRewards.scores(aligned, measure).map(\.bitPattern)
            XCTAssertEqual(ImplicitRewards.scores(aligned, measure, pA: pA, pB: pB).map(\.bitPattern), own, "\(measure)")
        }
    }
}

/// Fig. 3 through the shared index equals Fig. 3 from direct alignments.
final class FreedomLoveShortcutTests: XCTestCase {
    func testSameRowsWithAndWithoutTheSharedIndex() async throws {
        let study = try await LogprobReferenceTests.sharedStudy()
        let section = try XCTUnwrap(study.manifest.logprobs)
        let tables = try XCTUnwrap(study.logprobs?.tables)
        func model(_ name: String) -> ImplicitRewards.Model? {
            guard let spec = section.model(named: name), let table = tables[name] else { return nil }
            return .init(name: name, displayName: spec.displayName, shortName: spec.shortName, version: spec.version, sizeB: spec.sizeB, table: table)
        }
        let plan = section.implicitRewards
        let sources = plan.grid.sources.compactMap(model), targets = plan.grid.targets.compactMap(model)
        XCTAssertEqual(sources.count * targets.count, 21)
        let direct = try await ImplicitRewards.freedomLove(sources: sources, targets: targets, prompt: plan.prompt)
        let vocabulary = try await SharedVocabulary(tables: tables.filter { $0.value.promptKeys.contains(plan.prompt) }, prompt: plan.prompt)
        let shared = try await ImplicitRewards.freedomLove(sources: sources, targets: targets, prompt: plan.prompt, vocabulary: vocabulary)
        XCTAssertEqual(shared, direct)
        let labelled = try await ImplicitRewards.freedomLove(sources: sources, targets: targets, prompt: plan.prompt, vocabulary: vocabulary,
                                                             labels: ImplicitRewards.freedomLoveLabels(vocabulary))
        XCTAssertEqual(labelled, direct)
    }
}
