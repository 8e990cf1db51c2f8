import Foundation
import Yams

/// The paper's quantitative and directional claims (`content/claims.yaml`),
/// each with the check that decides, on every build, whether the report's
/// own results reproduce it. The study's facts stay in content; the kinds
/// of check are the code's (`ClaimCheck.Kind`).
public struct ClaimTable: Codable, Equatable, Sendable {
    public var claims: [Claim]
    public init(claims: [Claim]) { self.claims = claims }
}

public struct Claim: Codable, Equatable, Sendable {
    public var id: String
    /// Where the paper states it, e.g. `§2`, `App. H`.
    public var section: String
    /// The claim in the paper's words (shortened).
    public var text: String
    public var check: ClaimCheck
    public init(id: String, section: String, text: String, check: ClaimCheck) {
        self.id = id; self.section = section; self.text = text; self.check = check
    }
}

/// What a claim is judged on. Only the fields its kind needs are set.
public struct ClaimCheck: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, CaseIterable, Sendable {
        /// The highest-order interaction of a dictionary's mixed model is significant (p < .05).
        case interaction
        /// A panel: `higher` ranks the category's answers higher (lower median
        /// rank) and the figure's test is (`significant: true`) or is not significant.
        case panel
        /// |Cohen's d| of every panel of `framing`, rounded to 2 decimals, lies in [min, max].
        case effectSize = "effect-size"
        /// A count of the build equals `equals` (`quantity` names it: `answers`, `reward-models` or
        /// `prompts` of `dictionary`, default the manifest's first; `shared-nouns`, `shared-strings`, `training-words`).
        case count
        /// §4: in `run`, family `higher` ranks `category` higher than `lower` (at the last checkpoint, or at every one with `at: every`).
        case trainingOrder = "training-order"
        /// §4: in `run`, family `family` ranks category `higher` above category `lower` at the last checkpoint.
        case categoryOrder = "category-order"
        /// §4: in `run` (the checkpoint series), the gap between `families` in `category` is widest at the first
        /// checkpoint and smaller at the last (`expect: narrows`), or larger at the last (`expect: widens`).
        case gapChange = "gap-change"
        /// §4: the gap between `families` in every category is smaller in `run` than in each of `smaller`.
        case gapSmaller = "gap-smaller"
        /// §4: family `family`'s preference for `higher` over `lower` (rank difference) exceeds `than`'s in `run`.
        case biasStronger = "bias-stronger"
        /// §3: the three-way interaction of the log-prob ANOVA of rank pair `pair` is significant.
        case anovaInteraction = "anova-interaction"
        /// §3: "freedom" gets a higher MWLR than "love" in every Fig. 3 pair (`equals`: how many pairs).
        case freedomOverLove = "freedom-over-love"
        /// Needs data the study did not publish; `reason` says which.
        case notComputable = "not-computable"
    }

    public var kind: Kind
    /// A dictionary id of the manifest; a §2 claim without one is about the manifest's first dictionary.
    public var dictionary: String?
    public var framing: String?
    public var category: String?
    public var higher: String?
    public var lower: String?
    public var family: String?
    public var than: String?
    public var families: [String]?
    public var significant: Bool?
    public var min: Double?
    public var max: Double?
    public var equals: Int?
    public var quantity: String?
    public var run: String?
    public var smaller: [String]?
    public var at: String?
    public var expect: String?
    public var pair: String?
    public var reason: String?
}

public enum ClaimTableLoader {
    /// Reads the claims file named by the manifest (relative to the content folder).
    public static func load(_ relative: String, folder: ContentFolder) throws -> (ClaimTable, InputFileRecord) {
        let url = try folder.resolve(relative, manifestField: "claims")
        let display = folder.displayPath(relative)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DataError(path: display, message: "cannot read the claims table")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw DataError(path: display, message: "expected UTF-8 text") }
        let (table, positions) = try YAMLManifestDecoder.decode(ClaimTable.self, from: text, displayPath: display)
        var seen = Set<String>()
        for (i, claim) in table.claims.enumerated() where !seen.insert(claim.id).inserted {
            throw DataError(manifest: display, at: [.key("claims"), .index(i), .key("id")], in: positions,
                            message: "claim id \(quotedForMessage(claim.id)) is used twice")
        }
        let record = InputFileRecord(path: display, bytes: data.count, sha256: SHA256.hex(data), rows: table.claims.count, columns: nil,
                                     role: "the paper's claims, checked on every build")
        return (table, record)
    }
}
