import Parallel
import Stats
import StudyData

/// The per-panel family comparisons of Fig. 1 (Docs/Methods.md#panel-tests): in each framing ×
/// category panel, every family against the reference family. Both the Welch
/// test (what the study's published figure used) and the permutation test
/// (what its text describes) are always computed; options only choose which
/// one supplies the figure's stars.
enum PanelFamilyComparisons {
    static func compare(rows: [MedianRankRow], families: [String], categories: [String], framings: [Framing],
                        dictionary: String, options: AnalysisOptions) async throws -> [PanelComparison] {
        let reference = families[0]
        struct Raw { var framing: Framing; var category: String; var family: String
                     var x: [Double]; var y: [Double]; var welch: WelchTestResult; var perm: PermutationTestResult; var seed: UInt64 }
        var panels: [(framing: Framing, category: String, family: String)] = []
        for f in framings {
            for category in categories {
                for family in families.dropFirst() { panels.append((f, category, family)) }
            }
        }
        // Each panel draws from its own seed (derived from its name), so the
        // panels' permutation tests — most of §2's time — give the same draws
        // however they are run: side by side in one vector of generators (as
        // many as the machine's widest vector takes: 8 with AVX-512, else 4),
        // the batches on every core.
        let inputs = panels.map { framing, category, family -> (x: [Double], y: [Double], seed: UInt64) in
            (RewardModelRanks.panelValues(rows, family: family, framing: framing, category: category),
             RewardModelRanks.panelValues(rows, family: reference, framing: framing, category: category),
             SeedDerivation.seed(options.seed, [dictionary, framing.rawValue, category, family]))
        }
        let width = PermutationTest.sideBySideWidth
        let groups = stride(from: 0, to: panels.count, by: width).map { $0..<min($0 + width, panels.count) }
        let permutations = try await Parallel.map(groups.count) { [inputs] k in
            PermutationTest.welch(sideBySide: groups[k].map {
                WelchPermutationInput(x: inputs[$0].x, y: inputs[$0].y, generator: SeededGenerator(seed: inputs[$0].seed))
            }, resamples: options.permutations).map(\.result)
        }.flatMap { $0 }
        let raw = panels.indices.map { i in
            let (framing, category, family) = panels[i]
            let (x, y, seed) = inputs[i]
            return Raw(framing: framing, category: category, family: family, x: x, y: y,
                       welch: WelchTest.test(x, y), perm: permutations[i], seed: seed)
        }
        let welchAdjusted = MultipleComparisons.bonferroni(raw.map(\.welch.p))
        let permAdjusted = MultipleComparisons.bonferroni(raw.map(\.perm.p))
        return raw.indices.map { i in
            let r = raw[i]
            let d = CohensD.compute(r.x, r.y)
            let welch = WelchPanelTest(t: r.welch.t, df: r.welch.df, p: r.welch.p, pAdjusted: welchAdjusted[i],
                                       stars: Significance.stars(welchAdjusted[i]))
            let perm = PermutationPanelTest(resamples: r.perm.resamples, seed: r.seed, extremeCount: r.perm.extremeCount,
                                            p: r.perm.p, pAdjusted: permAdjusted[i], stars: Significance.stars(permAdjusted[i]),
                                            atFloor: r.perm.extremeCount == 0)
            return PanelComparison(category: r.category, framing: r.framing, referenceFamily: reference, family: r.family,
                                   nReference: r.y.count, nFamily: r.x.count,
                                   meanReference: Descriptive.mean(r.y), meanFamily: Descriptive.mean(r.x),
                                   welch: welch, permutation: perm, cohensD: d.averageVariance, cohensDPooled: d.pooled,
                                   stars: options.panelTest == .welch ? welch.stars : perm.stars,
                                   bonferroniPanels: raw.count)
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
