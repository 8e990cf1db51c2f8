import Foundation
import Yams

/// Decodes a YAML manifest (`study.yaml`, the claims table) into its
/// `Decodable` type and reports every failure as a one-line `DataError` at
/// the line and column a person has to edit: YAML syntax errors where
/// libyaml found them, type and value errors at the offending node.
enum YAMLManifestDecoder {
    /// The decoded value and where each of its parts was written.
    static func decode<T: Decodable>(_ type: T.Type, from text: String, displayPath: String) throws -> (T, ManifestPositions) {
        // Compose the tree first and decode from it, so that decoding and
        // validation errors can be placed at the node's line and column.
        let root: Node
        let parser: Parser
        do {
            // The resolver YAMLDecoder itself uses: merge keys only, so every
            // scalar stays text until its field's type reads it.
            parser = try Parser(yaml: text, resolver: Resolver.basic.appending(Resolver.Rule.merge))
            root = try parser.singleRoot() ?? ""
        } catch let error as YamlError {
            throw describe(error, displayPath: displayPath)
        }
        let positions = ManifestPositions(root: root)
        let value: T
        do {
            value = try withExtendedLifetime(parser) { try YAMLDecoder().decode(T.self, from: root) }
        } catch let error as DecodingError {
            if case .dataCorrupted(let ctx) = error, let yaml = ctx.underlyingError as? YamlError {
                throw describe(yaml, displayPath: displayPath)
            }
            throw DataError(manifest: displayPath, at: ManifestPositions.steps(codingPath(of: error)), in: positions,
                            message: describe(error, positions: positions))
        } catch let error as YamlError {
            throw describe(error, displayPath: displayPath)
        }
        return (value, positions)
    }

    private static func codingPath(of error: DecodingError) -> [CodingKey] {
        switch error {
        case .keyNotFound(_, let ctx), .typeMismatch(_, let ctx), .valueNotFound(_, let ctx), .dataCorrupted(let ctx):
            return ctx.codingPath
        @unknown default:
            return []
        }
    }

    private static func describe(_ error: DecodingError, positions: ManifestPositions) -> String {
        func path(_ keys: [CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case .keyNotFound(let key, let ctx):
            let at = path(ctx.codingPath)
            return "expected a field \(quotedForMessage(key.stringValue))\(at.isEmpty ? " at the top level" : " in \(at)")"
        case .typeMismatch(let type, let ctx):
            let found = positions.node(at: ManifestPositions.steps(ctx.codingPath)).map { ", found \(describe($0))" } ?? ""
            return "\(path(ctx.codingPath)): expected \(describe(type))\(found)"
        case .valueNotFound(let type, let ctx):
            return "\(path(ctx.codingPath)): expected \(describe(type)), found nothing"
        case .dataCorrupted(let ctx):
            let at = path(ctx.codingPath)
            return at.isEmpty ? ctx.debugDescription : "\(at): \(ctx.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    /// What a field of this type looks like in YAML, in a person's words.
    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Double.Type, is Int.Type: return "a number"
        case is String.Type: return "a text value"
        case is Bool.Type: return "true or false"
        case is Node.Mapping.Type: return "a mapping of fields (key: value)"
        case is Node.Sequence.Type: return "a list"
        case is Node.Scalar.Type: return "a single value"
        default: return "\(type)"
        }
    }

    private static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): return quotedForMessage(scalar.string)
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
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

}
