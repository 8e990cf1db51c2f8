import StudyData

/// §4 and App. H claims on the trained RMs: which family ranks a category
/// higher (lower median rank), and how the gap between families moves over
/// checkpoints and with more preference data.
enum TrainingClaims {
    typealias Verdict = ClaimsEvaluation.Verdict

    static func judge(_ c: ClaimCheck, _ t: TrainingSectionResult) -> Verdict {
        let run = c.run ?? t.dynamicsRun
        func point(_ run: String, _ family: String, _ category: String) -> AblationPoint? {
            t.ablationPoints.first { $0.run == run && $0.family == family && $0.category == category }
        }
        func key(_ p: AblationPoint) -> String {
            ResultKey.join("training", "ablation_points") + "/" + ResultKey.item([("family", p.family), ("category", p.category), ("run", p.run)]) + "/median_rank"
        }
        func gap(_ run: String, _ a: String, _ b: String, _ category: String) -> (value: Double, keys: [String])? {
            guard let pa = point(run, a, category), let pb = point(run, b, category) else { return nil }
            return (pa.medianRank - pb.medianRank, [key(pa), key(pb)])
        }
        let none = ClaimsEvaluation.missing("run \(run) has no such points in this build")
        switch c.kind {
        case .trainingOrder:
            guard let hi = c.higher, let lo = c.lower, let category = c.category else { return none }
            if c.at == "every" {
                let steps = Set(t.series.filter { $0.run == run }.map(\.checkpoint)).sorted()
                func rank(_ f: String, _ s: Int) -> Double? { t.series.first { $0.family == f && $0.category == category && $0.checkpoint == s }?.medianRank }
                let held = steps.filter { s in (rank(hi, s) ?? .nan) < (rank(lo, s) ?? .nan) }
                guard !steps.isEmpty else { return none }
                return ClaimsEvaluation.verdict(held.count == steps.count, "\(hi) ranks \(category) higher than \(lo) at \(held.count) of \(steps.count) checkpoints",
                                                [ResultKey.join("training", "series")])
            }
            guard let g = gap(run, hi, lo, category) else { return none }
            let (a, b) = (point(run, hi, category)!.medianRank, point(run, lo, category)!.medianRank)
            return ClaimsEvaluation.verdict(g.value < 0, "\(run), \(category): \(hi) \(fixed(a, 1)) vs \(lo) \(fixed(b, 1))", g.keys)
        case .categoryOrder:
            guard let family = c.family, let hi = c.higher, let lo = c.lower, let pa = point(run, family, hi), let pb = point(run, family, lo) else { return none }
            return ClaimsEvaluation.verdict(pa.medianRank < pb.medianRank,
                                            "\(run), \(family): \(hi) \(fixed(pa.medianRank, 1)) vs \(lo) \(fixed(pb.medianRank, 1))", [key(pa), key(pb)])
        case .biasStronger:
            guard let family = c.family, let other = c.than, let hi = c.higher, let lo = c.lower,
                  let a = point(run, family, hi), let b = point(run, family, lo),
                  let oa = point(run, other, hi), let ob = point(run, other, lo) else { return none }
            let mine = b.medianRank - a.medianRank, theirs = ob.medianRank - oa.medianRank
            return ClaimsEvaluation.verdict(mine > theirs, "\(run): \(hi) ranked above \(lo) by \(fixed(mine, 1)) ranks for \(family), \(fixed(theirs, 1)) for \(other)",
                                            [key(a), key(b), key(oa), key(ob)])
        case .gapChange:
            guard let fams = c.families, fams.count == 2, let category = c.category else { return none }
            let steps = Set(t.series.filter { $0.run == run }.map(\.checkpoint)).sorted()
            func rank(_ f: String, _ s: Int) -> Double? { t.series.first { $0.family == f && $0.category == category && $0.checkpoint == s }?.medianRank }
            let gaps = steps.compactMap { s -> Double? in
                guard let a = rank(fams[0], s), let b = rank(fams[1], s) else { return nil }
                return abs(a - b)
            }
            guard let first = gaps.first, let last = gaps.last, gaps.count == steps.count, gaps.count > 1 else { return none }
            let holds = c.expect == "widens" ? last > first : (first >= gaps.max()! && last < first)
            return ClaimsEvaluation.verdict(holds, "\(category) gap \(fams[0])–\(fams[1]): \(fixed(first, 1)) ranks at step \(steps.first!), largest \(fixed(gaps.max()!, 1)), \(fixed(last, 1)) at step \(steps.last!)",
                                            [ResultKey.join("training", "series")])
        default:
            guard let fams = c.families, fams.count == 2, let smaller = c.smaller else { return none }
            let categories = Set(t.ablationPoints.filter { $0.run == run }.map(\.category)).sorted()
            var keys: [String] = [], parts: [String] = [], holds = !categories.isEmpty
            for category in categories {
                guard let g = gap(run, fams[0], fams[1], category) else { return none }
                keys += g.keys
                let others = smaller.compactMap { gap($0, fams[0], fams[1], category) }
                guard others.count == smaller.count else { return none }
                keys += others.flatMap(\.keys)
                holds = holds && others.allSatisfy { abs(g.value) < abs($0.value) }
                let reversed = others.allSatisfy { ($0.value < 0) != (g.value < 0) } ? ", reversed" : ""
                parts.append("\(category) \(fams[0]) − \(fams[1]) = \(fixed(g.value, 1)) in \(run)\(reversed) vs " + zip(smaller, others).map { "\(fixed($0.1.value, 1)) in \($0.0)" }.joined(separator: ", "))
            }
            return ClaimsEvaluation.verdict(holds, parts.joined(separator: "; "), keys)
        }
    }
}
