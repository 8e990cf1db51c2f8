import Foundation

/// Writes SIMULATED checkpoint tables in the study's format (`token_decoded`,
/// then `step-N` columns), so the token-level §4 path can be tried and tested
/// without the study's unpublished files. Deterministic for a seed.
///
/// Planted, documented effects that tests look for:
/// - a family bias: Gemma and Qwen favour Communion words, Llama Agency words,
///   by `bias` reward units at the first checkpoint; for Gemma and Llama it
///   decays to 30% of that by mid-training (the gap narrows, then stays), for
///   Qwen it stays (App. H);
/// - per family one planted riser and one planted faller whose reward moves
///   by ±`drift` linearly over training, so they top Fig. 5's rank changes.
/// Each word appears in variants that normalise to it (`word`, ` word`, `Word`,
/// `▁word`); one variant has a missing score at one checkpoint, and the
/// vocabulary holds filler and hostile tokens that normalisation must drop.
public struct CheckpointGenerator: Sendable {
    public struct Planted: Sendable, Equatable {
        public var riser: String
        public var faller: String
        public init(riser: String, faller: String) { self.riser = riser; self.faller = faller }
    }

    public var agency: [String]
    public var communion: [String]
    public var steps: [Int]
    public var seed: UInt64
    public var bias = 1.0
    public var drift = 4.0
    public var fillerTokens = 200

    public init(agency: [String], communion: [String], steps: [Int] = Array(stride(from: 1000, through: 9000, by: 1000)) + [9578],
                seed: UInt64) {
        self.agency = agency; self.communion = communion; self.steps = steps; self.seed = seed
    }

    /// The category each family's planted bias favours.
    public static func favoured(_ family: String) -> String { family == "Llama" ? "Agency" : "Communion" }

    /// The CSV bytes of one family's table.
    public func table(family: String, familyIndex: Int, planted: Planted) -> Data {
        var rng = SplitMix64(seed: seed &+ UInt64(familyIndex + 1) &* 0xD1B5_4A32_D192_ED03)
        let favoured = Self.favoured(family)
        let persistent = family == "Qwen"
        let last = Double(steps.last ?? 1), first = Double(steps.first ?? 0)
        var out = "token_decoded," + steps.map { "step-\($0)" }.joined(separator: ",") + "\n"
        func row(_ token: String, _ values: [Double?]) {
            out += "\"" + token.replacingOccurrences(of: "\"", with: "\"\"") + "\","
            out += values.map { $0.map { String(format: "%.6f", $0) } ?? "NA" }.joined(separator: ",") + "\n"
        }
        let words = agency.map { ($0, "Agency") } + communion.map { ($0, "Communion") }
        for (index, (word, category)) in words.enumerated() {
            let base = rng.nextGaussian()
            let variants = [word, " " + word, word.prefix(1).uppercased() + word.dropFirst(), "\u{2581}" + word]
            for (v, variant) in variants.enumerated() {
                let offset = 0.1 * rng.nextGaussian()
                let values: [Double?] = steps.enumerated().map { k, step in
                    if index == 0 && v == 1 && k == 1 { return nil }     // one missing score
                    let t = (Double(step) - first) / max(1, last - first)
                    let decay = persistent ? 1 : 0.3 + 0.7 * exp(-6 * t)
                    var score = base + offset + 0.05 * rng.nextGaussian()
                    if category == favoured { score += bias * decay }
                    if word == planted.riser { score += drift * t }
                    if word == planted.faller { score -= drift * t }
                    return score
                }
                row(variant, values)
            }
        }
        for k in 0..<fillerTokens { row("tok\(k)", steps.map { _ in rng.nextGaussian() }) }
        for hostile in ["爱", "<center", "NA", "", "a,b", "x\ny", "&amp;", "{{x}}"] {
            row(hostile, steps.map { _ in hostile == "NA" ? nil : rng.nextGaussian() })
        }
        return Data(out.utf8)
    }

    /// Writes `<name>.csv` for each table and the `SIMULATED.txt` marker.
    public func write(to directory: URL, tables: [CheckpointTableName], planted: [String: Planted]) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (i, table) in tables.enumerated() {
            let plant = planted[table.family] ?? Planted(riser: agency.first ?? "", faller: communion.first ?? "")
            try self.table(family: table.family, familyIndex: i, planted: plant)
                .write(to: directory.appendingPathComponent(table.name + ".csv"))
        }
        let plants = tables.map { t in "\(t.family): riser \(planted[t.family]?.riser ?? agency.first ?? ""), faller \(planted[t.family]?.faller ?? communion.first ?? "")" }
        try """
        SIMULATED checkpoint tables, written by `backbone generate-checkpoints --seed \(seed)`; not model outputs.
        Planted: Gemma and Qwen favour Communion, Llama Agency, by \(bias) at the first checkpoint
        (decaying to 30% for Gemma and Llama, constant for Qwen); planted rank changes (±\(drift) over training):
        \(plants.joined(separator: "; ")).

        """.write(to: directory.appendingPathComponent(CheckpointLoader.simulatedMarker), atomically: true, encoding: .utf8)
    }
}
