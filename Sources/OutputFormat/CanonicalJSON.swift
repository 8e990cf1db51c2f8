import Foundation

/// Writes Codable values as JSON that is byte-stable across builds and
/// machines: keys sorted, snake_case, every floating-point number at 10
/// significant digits (OpenBLAS may change the last bits between thread
/// counts; 10 digits hides that without losing anything a reader needs),
/// integers as integers, non-finite numbers as `null`.
public enum CanonicalJSON {
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        var out = ""
        write(try JSONTree.from(value), indent: 0, into: &out)
        out += "\n"
        return out
    }

    /// Writes a tree assembled directly (the diff's JSON output), keys as given.
    package static func encode(tree: JSONTree) -> String {
        var out = ""
        write(tree, indent: 0, into: &out)
        return out + "\n"
    }

    /// Formats a double the way every page and JSON file does: 10 significant digits.
    public static func number(_ x: Double) -> String {
        guard x.isFinite else { return "null" }
        if x == 0 { return "0" }
        // Integral values print as integers only while that is what 10
        // significant digits give anyway: below 1e10. Above it, 12345678901.0
        // would print all 11 digits while its neighbour 12345678901.000002
        // prints "1.23456789e10", so last-bit noise would change the text.
        if x == x.rounded(), abs(x) < 1e10 { return String(Int64(x)) }
        // C's %.10g, as String(format:) would print it but without its cost
        // (every number of results.json and the CSVs comes here).
        var s = PrintfNumber.format(x, .general, precision: 10)
        // %g writes an exponent as e-05 or e+12; JSON accepts both, but drop
        // the "+" for stability. %g writes no other "+", so the first is it.
        if let plus = s.utf8.firstIndex(of: UInt8(ascii: "+")) { s.remove(at: plus) }
        return s
    }

    private static func write(_ value: JSONTree, indent: Int, into out: inout String) {
        // Indentation is made only for containers: most values are leaves.
        switch value {
        case .object(let dict):
            if dict.isEmpty { out += "{}"; return }
            let pad = padding(indent + 1), closePad = padding(indent)
            out += "{\n"
            // Sorted as pairs: no second look-up (and hash) of every key.
            let fields = dict.sorted { $0.key < $1.key }
            for (i, field) in fields.enumerated() {
                out += pad
                appendQuoted(field.key, to: &out)
                out += ": "
                write(field.value, indent: indent + 1, into: &out)
                out += i + 1 < fields.count ? ",\n" : "\n"
            }
            out += closePad + "}"
        case .array(let array):
            if array.isEmpty { out += "[]"; return }
            let pad = padding(indent + 1), closePad = padding(indent)
            out += "[\n"
            for (i, element) in array.enumerated() {
                out += pad
                write(element, indent: indent + 1, into: &out)
                out += i + 1 < array.count ? ",\n" : "\n"
            }
            out += closePad + "]"
        case .string(let s): appendQuoted(s, to: &out)
        case .integer(let i): out += String(i)
        case .double(let x): out += number(x)
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        }
    }

    /// Two spaces per level; the usual depths made once, not for every object and array.
    private static let paddings = (0..<16).map { String(repeating: "  ", count: $0) }
    private static func padding(_ depth: Int) -> String {
        depth < paddings.count ? paddings[depth] : String(repeating: "  ", count: depth)
    }

    /// JSON string literal. Control characters and invisible format characters
    /// (bidi overrides, zero-width, BOM, line/paragraph separators) are written
    /// as `\uXXXX`, so a token's exact content is visible in the file and
    /// survives parsers that drop a U+FEFF.
    public static func quoted(_ s: String) -> String {
        var out = ""
        appendQuoted(s, to: &out)
        return out
    }

    /// `quoted(s)` appended to `out`. Most strings are printable ASCII with
    /// nothing to escape; those are copied whole.
    package static func appendQuoted(_ s: String, to out: inout String) {
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            out += "\""; out += s; out += "\""
            return
        }
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: appendVisible(scalar, to: &out)
            }
        }
        out += "\""
    }
}

extension CanonicalJSON {
    /// Appends `scalar`, or `\uXXXX` for a control or invisible format
    /// character: how JSON strings and the diff's one-line values show them.
    package static func appendVisible(_ scalar: Unicode.Scalar, to out: inout String) {
        let v = scalar.value
        if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || isInvisibleFormat(v) {
            let hex = String(v, radix: 16)
            out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
            out.unicodeScalars.append(scalar)
        }
    }

    static func isInvisibleFormat(_ v: UInt32) -> Bool {
        v == 0xFEFF || v == 0x00AD || (0x200B...0x200F).contains(v) || (0x2028...0x202E).contains(v) || (0x2060...0x2069).contains(v)
    }
}

