import Parallel
import Stats
import StudyData

/// The per-panel family comparisons of Fig. 1 (Docs/Methods.md#panel-tests): in each framing ×
/// category panel, every family against the reference family. Both the Welch
/// test (what the study's published figure used) and the permutation test
/// (what its text describes) are always computed; options only choose which
/// one supplies the figure's stars.
enum PanelFamilyComparisons {
    /// One framing × category panel's comparison of a family with the
    /// reference family: its two samples and the seed of its permutation test.
    struct Panel: Sendable {
        var framing: Framing
        var category: String
        var family: String
        var referenceFamily: String
        /// The family's median ranks in the panel, and the reference family's.
        var x: [Double]
        var y: [Double]
        /// Derived from the panel's name, so the panel draws the same
        /// relabellings however the tests are batched.
        var seed: UInt64

        var permutationInput: WelchPermutationInput {
            WelchPermutationInput(x: x, y: y, generator: SeededGenerator(seed: seed))
        }
    }

    /// The panels in result order: per framing, per category, each family
    /// against the reference (the first family).
    static func panels(rows: [MedianRankRow], families: [String], categories: [String], framings: [Framing],
                       dictionary: String, options: AnalysisOptions) -> [Panel] {
        let reference = families[0]
        var panels: [Panel] = []
        for framing in framings {
            for category in categories {
                for family in families.dropFirst() {
                    panels.append(Panel(framing: framing, category: category, family: family, referenceFamily: reference,
                                        x: RewardModelRanks.panelValues(rows, family: family, framing: framing, category: category),
                                        y: RewardModelRanks.panelValues(rows, family: reference, framing: framing, category: category),
                                        seed: SeedDerivation.seed(options.seed, [dictionary, framing.rawValue, category, family])))
                }
            }
        }
        return panels
    }

    /// The permutation tests of several dictionaries' panels, pooled: most of
    /// §2's time. Each panel draws from its own seed, so its result is the
    /// same however it is run; pooled, the tests of one shape (sample sizes)
    /// fill the lanes of one vector — `PermutationTest.sideBySideWidth` of
    /// them, the batches on every core — where one dictionary alone would
    /// leave lanes empty (MFD2's ten panels are eight and two, Big Two's four).
    /// Results per dictionary, in panel order.
    static func permutationTests(_ dictionaries: [[Panel]], resamples: Int) async throws -> [[PermutationTestResult]] {
        let tests = dictionaries.flatMap { $0.map(\.permutationInput) }
        // Stable by shape, so a batch holds one shape wherever the dictionaries allow.
        let order = tests.indices.sorted {
            let a = tests[$0].shape, b = tests[$1].shape
            return a != b ? (a.x, a.y) < (b.x, b.y) : $0 < $1
        }
        let width = PermutationTest.sideBySideWidth
        let batches = stride(from: 0, to: order.count, by: width).map { Array(order[$0..<min($0 + width, order.count)]) }
        let done = try await Parallel.map(batches.count) { [tests] k in
            PermutationTest.welch(sideBySide: batches[k].map { tests[$0] }, resamples: resamples).map(\.result)
        }
        var results = [PermutationTestResult?](repeating: nil, count: tests.count)
        for (batch, outcomes) in zip(batches, done) {
            for (i, outcome) in zip(batch, outcomes) { results[i] = outcome }
        }
        var start = 0
        return dictionaries.map { panels in
            defer { start += panels.count }
            return results[start..<(start + panels.count)].map { $0! }
        }
    }

    /// The comparisons of `panels` (in `panels` order), given their
    /// permutation tests (`permutationTests`).
    static func compare(_ panels: [Panel], permutations: [PermutationTestResult], options: AnalysisOptions) -> [PanelComparison] {
        precondition(permutations.count == panels.count, "one permutation test per panel")
        let welchTests = panels.map { WelchTest.test($0.x, $0.y) }
        let welchAdjusted = MultipleComparisons.bonferroni(welchTests.map(\.p))
        let permAdjusted = MultipleComparisons.bonferroni(permutations.map(\.p))
        return panels.indices.map { i in
            let panel = panels[i], w = welchTests[i], p = permutations[i]
            let d = CohensD.compute(panel.x, panel.y)
            let welch = WelchPanelTest(t: w.t, df: w.df, p: w.p, pAdjusted: welchAdjusted[i],
                                       stars: Significance.stars(welchAdjusted[i]))
            let perm = PermutationPanelTest(resamples: p.resamples, seed: panel.seed, extremeCount: p.extremeCount,
                                            p: p.p, pAdjusted: permAdjusted[i], stars: Significance.stars(permAdjusted[i]),
                                            atFloor: p.extremeCount == 0)
            return PanelComparison(category: panel.category, framing: panel.framing, referenceFamily: panel.referenceFamily,
                                   family: panel.family, nReference: panel.y.count, nFamily: panel.x.count,
                                   meanReference: Descriptive.mean(panel.y), meanFamily: Descriptive.mean(panel.x),
                                   welch: welch, permutation: perm, cohensD: d.averageVariance, cohensDPooled: d.pooled,
                                   stars: options.panelTest == .welch ? welch.stars : perm.stars,
                                   bonferroniPanels: panels.count)
        }
    }
}

/// Derives an independent, reproducible seed for each randomised computation
/// from the user's `--seed` and a name (FNV-1a then SplitMix64 finalisation),
/// so adding a dictionary or a family does not change any other panel's draws.
/// Seeds are kept to 53 bits so `results.json` states them exactly for any
/// JSON reader (doubles hold integers exactly only up to 2^53).
enum SeedDerivation {
    static func seed(_ base: UInt64, _ parts: [String]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ base
        for part in parts {
            for byte in part.utf8 { h ^= UInt64(byte); h = h &* 0x100_0000_01b3 }
            h ^= 0x1f; h = h &* 0x100_0000_01b3
        }
        var z = h &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return (z ^ (z >> 31)) >> 11
    }
}
