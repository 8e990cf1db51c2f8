import Foundation

/// Writes SIMULATED log-prob tables in exactly the study's format, at any
/// size up to full vocabularies, for tests and benchmarks (the real tables
/// are a 2 GB download). Deterministic for a seed. Planted, documented
/// effects let tests check that the analyses find what was put in:
/// - Llama models give Agency nouns, and Gemma models Communion nouns, a
///   higher log-prob (+`effect` nats) under positive prompts;
/// - "Freedom"/"freedom" are likely under Llama, "Love"/"love" under Gemma,
///   so Freedom tops Llama-vs-Gemma MWLR and Love bottoms it.
/// The vocabularies hold hostile tokens: markup, quotes, commas, quoted line
/// breaks, unquoted bare CRs, NUL and other controls, bidi and zero-width
/// characters, invalid UTF-8 bytes, and `NaN`/`null`/`None`/`NA`/empty.
public struct LogprobGenerator: Sendable {
    public var prompts: [Prompt]
    public var agency: [String]
    public var communion: [String]
    public var seed: UInt64
    public var effect = 1.0

    public init(prompts: [Prompt], agency: [String], communion: [String], seed: UInt64) {
        self.prompts = prompts; self.agency = agency; self.communion = communion; self.seed = seed
    }

    /// Raw byte strings written unquoted or quoted as the study's files would
    /// hold them: markup and code pieces, CSV metacharacters, C0 and C1
    /// controls, bidi overrides, zero-width and private-use characters,
    /// strings pandas reads as missing values, a very long token, and bytes
    /// that are not valid UTF-8 (byte-level BPE pieces).
    static let hostileTokens: [[UInt8]] = {
        var out: [[UInt8]] = ["<section", "<!--[", "<center", "(bodyParser", "**", "&amp;", "&", "\"", "'", "\"\"", "a,b", ",", "x\ny",
                              "\n", "\r\n", "NaN", "nan", "-nan", "null", "NULL", "None", "NA", "N/A", "#N/A", "<NA>", "", " ",
                              "\u{202E}abc", "\u{2066}x\u{2069}", "\u{200B}", "\u{200D}", "\u{FEFF}", "\u{E000}", "\u{F8FF}",
                              "\u{85}", "\u{9B}31m", "<script>", "]]>", "{{x}}", "\u{1B}[0m", "\t", "\u{7F}", "爱", "😀", "\\",
                              String(repeating: "long", count: 100), String(repeating: "=", count: 2048)].map { Array($0.utf8) }
        out.append([0x00])                        // NUL alone
        out.append([0x61, 0x00, 0x62])            // NUL inside
        out.append([0x61, 0x0D, 0x62])            // bare CR, written unquoted
        out.append([0x0D])                        // a lone bare CR token
        out.append([0xFF]); out.append([0xC3, 0x28]); out.append([0xE2, 0x82]); out.append([0x20, 0xF0, 0x9F])   // invalid UTF-8
        return out
    }()

    /// How the model's tokenizer spells a leading space in `token_name`
    /// (SentencePiece `▁` for Gemma, byte-level BPE `Ġ` for Llama).
    static func tokenName(_ bytes: [UInt8], family: String) -> [UInt8] {
        guard bytes.first == 0x20 else { return bytes }
        return Array((family == "Gemma" ? "\u{2581}" : "\u{120}").utf8) + bytes.dropFirst()
    }

    /// Writes one model's table with `rows` rows.
    public func write(to url: URL, family: String, modelIndex: Int, rows: Int) throws {
        var rng = SplitMix64(seed: seed &+ UInt64(modelIndex) &* 0x9E37_79B9_7F4A_7C15)
        var tokens: [[UInt8]] = []
        let agencySet = Set(agency), communionSet = Set(communion)
        for word in agency + communion {
            tokens.append(Array(word.utf8)); tokens.append(Array((" " + word).utf8))
            tokens.append(Array(word.prefix(1).uppercased().utf8) + Array(word.dropFirst().utf8))
        }
        tokens += ["Freedom", "freedom", " Freedom", "Love", "love", " Love", "\nLove"].map { Array($0.utf8) }
        tokens += Self.hostileTokens
        tokens += tokens.prefix(20)                // some strings under two token ids
        tokens += ["freedom", " love", "NaN", ""].map { Array($0.utf8) }   // and a few under three
        var k = 0
        while tokens.count < rows { tokens.append(Array("tok\(k)".utf8)); k += 1 }
        tokens = Array(tokens.prefix(rows))

        // Base logits shared by all prompts (a long tail: most tokens are very
        // unlikely, log-probs down to about -40), then per-prompt noise and
        // the planted effects; a few tokens per table are likely answers.
        let base = tokens.map { _ in -14 - 24 * pow(rng.nextUnit(), 1.2) }
        enum Kind { case agency, communion, freedom, love, other }
        let kinds: [Kind] = tokens.map { bytes in
            let word = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            if word == "freedom" { return .freedom }
            if word == "love" { return .love }
            if agencySet.contains(word) { return .agency }
            if communionSet.contains(word) { return .communion }
            return .other
        }
        var columns: [[Double]] = []
        for prompt in prompts {
            var logits = [Double](repeating: 0, count: rows)
            for r in 0..<rows {
                var v = base[r] + rng.nextGaussian()
                switch kinds[r] {
                case .agency where prompt.framing == .positive && family == "Llama": v += effect
                case .communion where prompt.framing == .positive && family == "Gemma": v += effect
                case .freedom: v = family == "Llama" ? -1.5 + 0.1 * rng.nextGaussian() : -5
                case .love: v = family == "Gemma" ? -1.2 + 0.1 * rng.nextGaussian() : -6
                default: break
                }
                logits[r] = v
            }
            // log-softmax, so exp of each column sums to 1 like a model's output.
            let top = logits.max() ?? 0
            let lse = top + log(logits.reduce(0) { $0 + exp($1 - top) })
            columns.append(logits.map { $0 - lse })
        }

        var out = [UInt8]()
        out.reserveCapacity(rows * (prompts.count * 22 + 40))
        out += Array(("token_id,token_name,token_decoded," + prompts.map(\.key).joined(separator: ",") + "\n").utf8)
        let handle = try FileHandle(forWritingTo: createEmpty(url))
        defer { try? handle.close() }
        for r in 0..<rows {
            out += Array(String(r).utf8); out.append(44)
            Self.field(Self.tokenName(tokens[r], family: family), into: &out); out.append(44)
            Self.field(tokens[r], into: &out)
            for c in columns.indices {
                out.append(44)
                out += Array("\(columns[c][r])".utf8)
            }
            out.append(10)
            if out.count > 8 << 20 { try handle.write(contentsOf: out); out.removeAll(keepingCapacity: true) }
        }
        try handle.write(contentsOf: out)
    }

    /// The `README.md` written next to the tables: they are simulated, and
    /// this is what was planted in them.
    public func readme(files: [(name: String, family: String, rows: Int)]) -> String {
        """
        # SIMULATED log-prob tables — not model outputs

        Written by `backbone generate-logprobs --seed \(seed)` in the format of the study's
        published log-prob dataset (`token_id,token_name,token_decoded` + \(prompts.count) prompt columns,
        each a next-token log-probability). Nothing here was produced by a language model;
        use these files to try, test and benchmark §3, never as evidence about the models.

        Files (\(files.count)): \(files.map { "`\($0.name)` (\($0.family), \($0.rows) rows)" }.joined(separator: ", ")).

        Values: log-softmax of simulated logits, so each column's probabilities sum to 1; most
        tokens lie between about -14 and -40 (a long tail), a few answer tokens lie near 0.

        Planted effects (the analyses should find them):
        - Llama tables give Big Two *Agency* nouns, and Gemma tables *Communion* nouns,
          +\(effect) nat under positive prompts (Fig. 2: the category × model interaction).
        - "Freedom"/"freedom" (and their leading-space variants) have log-prob ≈ -1.5 before
          normalisation under Llama and -5 under Gemma; "Love"/"love" ≈ -1.2 under Gemma and -6
          under Llama. So Freedom tops every Llama-vs-Gemma MWLR table and Love is at its
          bottom (Table 1/A2/A3, Fig. 3), in every prompt.

        Every Big Two noun is a token, also as " noun" and "Noun"; some strings occur under
        two or three token ids. Hostile tokens are included on purpose: markup (`<section`,
        `<!--[`, `<center`, `(bodyParser`, `**`, `&amp;`), quotes and commas (quoted), quoted
        line breaks, unquoted bare CRs, NUL and other C0/C1 controls, bidi overrides,
        zero-width and private-use characters, invalid UTF-8 bytes, a 2,048-byte token, and
        tokens that pandas would read as missing values (`NaN`, `null`, `None`, `NA`, empty, …).

        """
    }

    /// Quotes a token the way Python's csv module does (only when needed);
    /// a bare CR is left unquoted, as older writers did.
    static func field(_ bytes: [UInt8], into out: inout [UInt8]) {
        let needsQuotes = bytes.contains { $0 == 44 || $0 == 34 || $0 == 10 }
        if !needsQuotes { out += bytes; return }
        out.append(34)
        for b in bytes { if b == 34 { out.append(34) }; out.append(b) }
        out.append(34)
    }

    private func createEmpty(_ url: URL) throws -> URL {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw DataError(path: url.path, message: "cannot create the file")
        }
        return url
    }
}

/// A tiny seeded generator for the simulated tables (StudyData does not
/// depend on Stats): SplitMix64, with Box–Muller normals. The tests draw
/// their generated files from it too, so every run tests the same files.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func nextGaussian() -> Double {
        let u = max(nextUnit(), 1e-300), v = nextUnit()
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }
}
