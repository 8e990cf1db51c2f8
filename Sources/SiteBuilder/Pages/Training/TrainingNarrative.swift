import Analyses

/// Sentences about the trained RMs of §4, generated from the result values
/// they describe: which family ranks each category higher at each amount of
/// preference data, and how the gap moves over checkpoints. The expected
/// direction is the one §2 found under positive prompts (the training prompt
/// is "the greatest thing ever"), so a reversal is named as one.
enum TrainingNarrative {
    /// Category → the family that ranks it higher under positive prompts in §2.
    static func expectedHigher(_ big2: DictionaryRankResult?) -> [String: String] {
        var out: [String: String] = [:]
        for p in big2?.panels ?? [] where p.framing == .positive {
            out[p.category] = p.meanFamily < p.meanReference ? p.family : p.referenceFamily
        }
        return out
    }

    struct SizeFinding {
        var label: String
        var reversed: [(category: String, higher: String, rankHigher: Double, lower: String, rankLower: Double)]
        var held: [String]
    }

    /// Per plotted run (in order of data size): the categories whose §2
    /// direction holds between the two families, and those that reverse.
    static func findings(_ t: TrainingSectionResult, expected: [String: String]) -> [SizeFinding] {
        let families = Array(Set(expected.values)).sorted()
        guard families.count == 2 else { return [] }
        let runs = t.runs.filter(\.plotted).sorted { ($0.plottedAt, $0.id) < ($1.plottedAt, $1.id) }
        return runs.compactMap { run in
            var finding = SizeFinding(label: sizeLabel(run), reversed: [], held: [])
            for category in expected.keys.sorted() {
                guard let hi = expected[category], let lo = families.first(where: { $0 != hi }),
                      let a = t.ablationPoints.first(where: { $0.run == run.id && $0.family == hi && $0.category == category }),
                      let b = t.ablationPoints.first(where: { $0.run == run.id && $0.family == lo && $0.category == category }) else { continue }
                if a.medianRank < b.medianRank { finding.held.append(category) } else {
                    finding.reversed.append((category, lo, b.medianRank, hi, a.medianRank))
                }
            }
            return finding.held.isEmpty && finding.reversed.isEmpty ? nil : finding
        }
    }

    /// A run drawn at its own data size is named by size and source; one drawn
    /// elsewhere (the study's GRM run, after the axis break) by its method.
    static func sizeLabel(_ run: TrainingRunResult) -> String {
        let size = NumberText.fixed(run.plottedAt, decimals: 0) + "k"
        return run.plottedAt == run.dataSize ? "\(size) \(run.source) pairs" : "the \(run.method) models (drawn at \(size))"
    }

    static func list(_ items: [String]) -> String {
        items.count <= 2 ? items.joined(separator: " and ") : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    /// One sentence per pattern: where the §2 direction holds in every
    /// category, and each data size where some category reverses, with ranks.
    static func ablationSummary(_ t: TrainingSectionResult, big2: DictionaryRankResult?) -> String {
        let expected = expectedHigher(big2)
        let found = findings(t, expected: expected)
        guard !found.isEmpty else { return "" }
        let directions = expected.keys.sorted().map { "\(expected[$0]!) ranks \($0)" }
        var sentences: [String] = []
        let held = found.filter { $0.reversed.isEmpty }.map(\.label)
        if !held.isEmpty {
            sentences.append("At the last checkpoint, \(list(directions)) higher, as in §2, with \(list(held)).")
        }
        for f in found where !f.reversed.isEmpty {
            let parts = f.reversed.map { "\($0.category): \($0.higher) \(NumberText.fixed($0.rankHigher, decimals: 1)) vs \($0.lower) \(NumberText.fixed($0.rankLower, decimals: 1))" }
            let what = f.reversed.count == expected.count ? "both gaps reverse" : "the \(list(f.reversed.map(\.category))) gap reverses"
            sentences.append("With \(f.label) \(what) (\(parts.joined(separator: "; "))).")
        }
        return sentences.joined(separator: " ")
    }

    /// How the gap between the two families of §2 moves over the checkpoints
    /// of the dynamics run, per category, and whether its sign ever changes.
    static func dynamicsSummary(_ t: TrainingSectionResult, big2: DictionaryRankResult?) -> String {
        let expected = expectedHigher(big2)
        let families = Array(Set(expected.values)).sorted()
        guard families.count == 2 else { return "" }
        var parts: [String] = []
        for category in expected.keys.sorted() {
            let hi = expected[category]!, lo = families.first { $0 != hi }!
            let steps = Set(t.series.map(\.checkpoint)).sorted()
            func rank(_ f: String, _ s: Int) -> Double? { t.series.first { $0.family == f && $0.category == category && $0.checkpoint == s }?.medianRank }
            let gaps = steps.compactMap { s -> Double? in
                guard let a = rank(hi, s), let b = rank(lo, s) else { return nil }
                return b - a
            }
            guard let first = gaps.first, let last = gaps.last, gaps.count == steps.count else { continue }
            let always = gaps.allSatisfy { $0 > 0 } ? "at every checkpoint" : "at \(gaps.filter { $0 > 0 }.count) of \(gaps.count) checkpoints"
            parts.append("\(hi) ranks \(category) higher than \(lo) \(always); the gap is \(NumberText.fixed(first, decimals: 1)) ranks at step \(steps.first!) and \(NumberText.fixed(last, decimals: 1)) at step \(steps.last!)")
        }
        return parts.isEmpty ? "" : "In the \(t.dynamicsRun) run: " + parts.joined(separator: "; ") + "."
    }
}
