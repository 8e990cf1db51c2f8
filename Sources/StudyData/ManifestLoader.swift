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
        let manifest: StudyManifest
        do {
            manifest = try YAMLDecoder().decode(StudyManifest.self, from: text)
        } catch let error as DecodingError {
            // YAMLDecoder reports a YAML syntax error as `dataCorrupted` with
            // the `YamlError` underneath; report that one, with its position.
            if case .dataCorrupted(let ctx) = error, let yaml = ctx.underlyingError as? YamlError {
                throw describe(yaml, displayPath: displayPath)
            }
            throw DataError(path: displayPath, message: describe(error))
        } catch let error as YamlError {
            throw describe(error, displayPath: displayPath)
        }
        try validate(manifest, displayPath: displayPath)
        return manifest
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case .keyNotFound(let key, let ctx):
            let at = path(ctx.codingPath)
            return "expected a field \(quotedForMessage(key.stringValue))\(at.isEmpty ? " at the top level" : " in \(at)")"
        case .typeMismatch(let type, let ctx):
            return "\(path(ctx.codingPath)): expected \(type)"
        case .valueNotFound(let type, let ctx):
            return "\(path(ctx.codingPath)): expected \(type), found nothing"
        case .dataCorrupted(let ctx):
            let at = path(ctx.codingPath)
            return at.isEmpty ? ctx.debugDescription : "\(at): \(ctx.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    /// A YAML syntax error as a one-line `DataError` at the line and column
    /// (1-based, counted in characters) where libyaml found the problem.
    private static func describe(_ error: YamlError, displayPath: String) -> DataError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            var message = "invalid YAML: \(problem)"
            if let context {
                message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
            }
            return DataError(path: displayPath, line: mark.line, column: mark.column, message: message)
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.sorted().map { quotedForMessage($0) }.joined(separator: ", ")
            return DataError(path: displayPath, line: context.mark.line, column: context.mark.column,
                             message: "invalid YAML: a mapping has the key \(keys) more than once")
        default:
            let oneLine = "\(error)".split(whereSeparator: \.isNewline).joined(separator: " ")
            return DataError(path: displayPath, message: "invalid YAML: \(oneLine)")
        }
    }

    private static func validate(_ m: StudyManifest, displayPath: String) throws {
        func fail(_ message: String) -> DataError { DataError(path: displayPath, message: message) }
        if m.prompts.isEmpty { throw fail("prompts: expected at least one prompt") }
        var seen = Set<String>()
        for p in m.prompts where !seen.insert(p.key).inserted {
            throw fail("prompts: the key \(quotedForMessage(p.key)) appears twice")
        }
        if m.families.count < 2 { throw fail("families: expected at least two families to compare") }
        seen.removeAll()
        for f in m.families {
            if !seen.insert(f.name).inserted { throw fail("families: \(quotedForMessage(f.name)) appears twice") }
            if !isHexColour(f.colour) {
                throw fail("families.\(f.name).colour: expected a colour like \"#DB4437\", found \(quotedForMessage(f.colour))")
            }
        }
        seen.removeAll()
        for d in m.dictionaries where !seen.insert(d.id).inserted {
            throw fail("dictionaries: the id \(quotedForMessage(d.id)) appears twice")
        }
        seen.removeAll()
        for rm in m.rewardModels {
            if !seen.insert(rm.label).inserted { throw fail("reward_models: the label \(quotedForMessage(rm.label)) appears twice") }
            if m.family(named: rm.family) == nil {
                throw fail("reward_models.\(rm.label).family: expected one of \(m.families.map(\.name).joined(separator: ", ")), found \(quotedForMessage(rm.family))")
            }
            for id in rm.scores.keys.sorted() where m.dictionary(id: id) == nil {
                throw fail("reward_models.\(rm.label).scores: \(quotedForMessage(id)) is not a dictionary id (expected one of \(m.dictionaries.map(\.id).joined(separator: ", ")))")
            }
        }
        if let section = m.logprobs { try LogprobManifestValidation.validate(section, in: m, displayPath: displayPath) }
    }

    static func isHexColour(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 7, u[0] == UInt8(ascii: "#") else { return false }
        return u.dropFirst().allSatisfy { (48...57).contains($0) || (65...70).contains($0) || (97...102).contains($0) }
    }
}
