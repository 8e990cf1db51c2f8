// Result types of Fig. 3 under every prompt (Docs/Methods.md#freedom-love-every-prompt).

/// Fig. 3 recomputed under each of the study's prompts, in `results.json` as
/// `robustness.freedom_vs_love`: does "Freedom above Love" depend on the one
/// prompt the paper's figure uses?
public struct FreedomVsLoveSection: Codable, Equatable, Sendable {
    /// `ok` (every Fig. 3 pair ran), `partial` (some did), `missing` (none could), as §3 reports it.
    public var status: InputStatus
    /// Log-prob files the pairs need that were not found.
    public var missing: [String]
    /// The measure (the paper's MWLR) and the prompt Fig. 3 itself uses.
    public var measure: String
    public var figure3Prompt: String
    /// Prompts of each framing in the manifest (27 each in the study).
    public var positivePrompts: Int
    public var negativePrompts: Int
    /// Pairs whose mean MWLR of "freedom" exceeds that of "love" under every positive prompt.
    public var pairsFreedomAboveLoveUnderEveryPositivePrompt: Int
    /// The same under every negative prompt.
    public var pairsFreedomAboveLoveUnderEveryNegativePrompt: Int
    /// In Fig. 3's order (Llama release, Llama size, Gemma size).
    public var pairs: [FreedomVsLovePair]
    /// The tables were generated (`SIMULATED.txt`): no number here describes a model.
    public var simulated: Bool = false
}

/// One Fig. 3 pair under every prompt.
public struct FreedomVsLovePair: Codable, Equatable, Sendable {
    /// The Fig. 3 source (model A of the MWLR, a Llama model in the study).
    public var llamaModel: String
    /// The Fig. 3 target (model B, a Gemma model in the study).
    public var gemmaModel: String
    /// Fig. 3's row label, e.g. `G2-2b → L3.1-70b`.
    public var label: String
    public var positivePrompts: Int
    /// Positive prompts under which mean MWLR(freedom) > mean MWLR(love).
    public var positivePromptsFreedomAboveLove: Int
    public var negativePrompts: Int
    public var negativePromptsFreedomAboveLove: Int
    /// Manifest prompt order.
    public var perPrompt: [FreedomVsLovePrompt]
}

public struct FreedomVsLovePrompt: Codable, Equatable, Sendable {
    public var prompt: String
    /// `positive` / `negative`.
    public var framing: String
    /// Mean MWLR of the common tokens that read as "freedom" (NaN, `null` in JSON, when there is none).
    public var freedomMwlr: Double
    public var loveMwlr: Double
    /// `freedomMwlr − loveMwlr`: what the heat map colours (NaN when either is).
    public var freedomMinusLove: Double
    public var freedomTokens: Int
    public var loveTokens: Int

    /// Freedom strictly above Love (false when either mean is undefined).
    public var freedomAboveLove: Bool { freedomMwlr > loveMwlr }
}
