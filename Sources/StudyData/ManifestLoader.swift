import Foundation
import Yams

/// Reads `study.yaml` into `StudyManifest` and checks what decoding alone
/// cannot (references between entries, colour syntax, unique keys), so a
/// mistake in the manifest is reported before any data is read.
public enum ManifestLoader {
    public static let fileName = "study.yaml"

    public static func load(from folder: ContentFolder) throws -> StudyManifest {
        let url = folder.root.appendingPathComponent(fileName)
        let display = folder.displayPath(fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DataError(path: display, message: "cannot read the study manifest; pass --content DIR with a folder that holds \(fileName)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DataError(path: display, message: "expected UTF-8 text")
        }
        return try decode(text, displayPath: display)
    }

    public static func decode(_ text: String, displayPath: String) throws -> StudyManifest {
        let (manifest, positions) = try YAMLManifestDecoder.decode(StudyManifest.self, from: text, displayPath: displayPath)
        try validate(manifest, displayPath: displayPath, positions: positions)
        return manifest
    }

    private static func validate(_ m: StudyManifest, displayPath: String, positions: ManifestPositions) throws {
        func fail(_ path: [ManifestPathStep], _ message: String) -> DataError {
            DataError(manifest: displayPath, at: path, in: positions, message: message)
        }
        if m.prompts.isEmpty { throw fail([.key("prompts")], "prompts: expected at least one prompt") }
        var seen = Set<String>()
        for (i, p) in m.prompts.enumerated() where !seen.insert(p.key).inserted {
            throw fail([.key("prompts"), .index(i), .key("key")], "prompts: the key \(quotedForMessage(p.key)) appears twice")
        }
        if m.families.count < 2 { throw fail([.key("families")], "families: expected at least two families to compare") }
        seen.removeAll()
        for (i, f) in m.families.enumerated() {
            if !seen.insert(f.name).inserted {
                throw fail([.key("families"), .index(i), .key("name")], "families: \(quotedForMessage(f.name)) appears twice")
            }
            if !isHexColour(f.colour) {
                throw fail([.key("families"), .index(i), .key("colour")],
                           "families.\(f.name).colour: expected a colour like \"#DB4437\", found \(quotedForMessage(f.colour))")
            }
        }
        seen.removeAll()
        for (i, d) in m.dictionaries.enumerated() where !seen.insert(d.id).inserted {
            throw fail([.key("dictionaries"), .index(i), .key("id")], "dictionaries: the id \(quotedForMessage(d.id)) appears twice")
        }
        seen.removeAll()
        for (i, rm) in m.rewardModels.enumerated() {
            let at: [ManifestPathStep] = [.key("reward_models"), .index(i)]
            if !seen.insert(rm.label).inserted {
                throw fail(at + [.key("label")], "reward_models: the label \(quotedForMessage(rm.label)) appears twice")
            }
            if m.family(named: rm.family) == nil {
                throw fail(at + [.key("family")],
                           "reward_models.\(rm.label).family: expected one of \(m.families.map(\.name).joined(separator: ", ")), found \(quotedForMessage(rm.family))")
            }
            for id in rm.scores.keys.sorted() where m.dictionary(id: id) == nil {
                throw fail(at + [.key("scores"), .key(id)],
                           "reward_models.\(rm.label).scores: \(quotedForMessage(id)) is not a dictionary id (expected one of \(m.dictionaries.map(\.id).joined(separator: ", ")))")
            }
        }
        if let section = m.logprobs {
            try LogprobManifestValidation.validate(section, in: m, displayPath: displayPath, positions: positions)
        }
    }

    static func isHexColour(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 7, u[0] == UInt8(ascii: "#") else { return false }
        return u.dropFirst().allSatisfy { (48...57).contains($0) || (65...70).contains($0) || (97...102).contains($0) }
    }
}
