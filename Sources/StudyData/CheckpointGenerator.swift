import Foundation

/// Writes SIMULATED per-token checkpoint tables in the study's format
/// (`token_decoded`, then `step-N` columns) with planted, documented drift,
/// for tests and for trying Fig. 5 / App. G without the study's files:
/// `riser` climbs steadily to the top, `faller` sinks to the bottom, every
/// other word keeps its score plus small noise. Tokens come in variants
/// (leading space, capitals, a non-ASCII accent) that normalise to one word.
public struct CheckpointGenerator: Sendable {
    public var words: [String]
    public var steps: [Int]
    public var riser: String
    public var faller: String
    public var seed: UInt64

    public init(words: [String], steps: [Int], riser: String, faller: String, seed: UInt64) {
        self.words = words; self.steps = steps; self.riser = riser; self.faller = faller; self.seed = seed
    }

    public func write(to url: URL) throws {
        var rng = SplitMix64(seed: seed)
        var text = "token_decoded," + steps.map { "step-\($0)" }.joined(separator: ",") + "\n"
        for (i, word) in words.enumerated() {
            let base = Double(i % 97) / 10
            for variant in [word, " " + word, word.capitalized, word + "\u{E9}"] {
                let scores = steps.indices.map { k -> Double in
                    let progress = Double(k) / Double(max(1, steps.count - 1))
                    if word == riser { return base + 30 * progress }
                    if word == faller { return base - 30 * progress }
                    return base + 0.01 * rng.nextGaussian()
                }
                let field = variant.contains(",") || variant.contains("\"") ? "\"" + variant.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : variant
                text += field + "," + scores.map { "\($0)" }.joined(separator: ",") + "\n"
            }
        }
        text += "<section," + steps.map { _ in "0" }.joined(separator: ",") + "\n"   // a non-word token, dropped
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }
}
