import Foundation

/// Writes Codable values as JSON that is byte-stable across builds and
/// machines: keys sorted, snake_case, every floating-point number at 10
/// significant digits (OpenBLAS may change the last bits between thread
/// counts; 10 digits hides that without losing anything a reader needs),
/// integers as integers, non-finite numbers as `null`.
public enum CanonicalJSON {
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        var out = JSONText()
        write(try JSONTree.encodedSlot(value), indent: 0, into: &out)
        out.append("\n")
        return out.text
    }

    /// Writes a tree assembled directly (the diff's JSON output), keys as given.
    package static func encode(tree: JSONTree) -> String {
        var out = JSONText()
        write(tree, indent: 0, into: &out)
        out.append("\n")
        return out.text
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

    private static func write(_ value: JSONTree, indent: Int, into out: inout JSONText) {
        switch value {
        case .object(let dict):
            // Sorted as pairs: no second look-up (and hash) of every key.
            let fields = dict.sorted { $0.key < $1.key }
            writeObject(count: fields.count, indent: indent, into: &out) { i, out in
                out.appendQuoted(fields[i].key)
                out.append(": ")
                write(fields[i].value, indent: indent + 1, into: &out)
            }
        case .array(let array):
            writeArray(count: array.count, indent: indent, into: &out) { i, out in write(array[i], indent: indent + 1, into: &out) }
        case .string(let s): out.appendQuoted(s)
        case .integer(let i): out.appendInteger(i)
        case .double(let x): out.appendNumber(x)
        case .bool(let b): out.appendBool(b)
        case .null: out.append("null")
        }
    }

    /// The same text straight from the encoder's slots, without first
    /// building a `JSONTree` (a dictionary per object, only to be sorted
    /// again here). A key encoded twice keeps its last value, as the tree's
    /// dictionary does: the keys are sorted with their positions, and of a
    /// run of equal keys the last one's value is written.
    static func write(_ slot: TreeSlot, indent: Int, into out: inout JSONText) {
        switch slot.content {
        case .empty: out.append("null")
        case .value(let v): write(v, indent: indent, into: &out)
        case .object(let fields):
            var order = fields.indices.sorted { a, b in
                fields[a].0 < fields[b].0 || (a < b && !(fields[b].0 < fields[a].0))
            }
            // Keep the last of each run of equal keys (the runs are in position order).
            order = order.indices.compactMap { k in
                k + 1 < order.count && !(fields[order[k]].0 < fields[order[k + 1]].0) ? nil : order[k]
            }
            writeObject(count: order.count, indent: indent, into: &out) { i, out in
                let (key, child) = fields[order[i]]
                out.appendQuoted(key)
                out.append(": ")
                write(child, indent: indent + 1, into: &out)
            }
        case .array(let items):
            writeArray(count: items.count, indent: indent, into: &out) { i, out in write(items[i], indent: indent + 1, into: &out) }
        }
    }

    /// `{`, the members one per line two spaces deeper, `}`; `{}` when empty.
    static func writeObject(count: Int, indent: Int, into out: inout JSONText,
                                    member: (Int, inout JSONText) -> Void) {
        writeContainer(open: "{", close: "}", count: count, indent: indent, into: &out, item: member)
    }

    /// `[`, the elements one per line two spaces deeper, `]`; `[]` when empty.
    private static func writeArray(count: Int, indent: Int, into out: inout JSONText,
                                   element: (Int, inout JSONText) -> Void) {
        writeContainer(open: "[", close: "]", count: count, indent: indent, into: &out, item: element)
    }

    private static func writeContainer(open: StaticString, close: StaticString, count: Int, indent: Int, into out: inout JSONText,
                                       item: (Int, inout JSONText) -> Void) {
        out.append(open)
        if count == 0 { out.append(close); return }
        out.append("\n")
        for i in 0..<count {
            out.appendIndent(indent + 1)
            item(i, &out)
            i + 1 < count ? out.append(",\n") : out.append("\n")
        }
        out.appendIndent(indent)
        out.append(close)
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

