import Foundation

/// Writes Codable values as JSON that is byte-stable across builds and
/// machines: keys sorted, snake_case, every floating-point number at 10
/// significant digits (OpenBLAS may change the last bits between thread
/// counts; 10 digits hides that without losing anything a reader needs),
/// integers as integers, non-finite numbers as `null`.
public enum CanonicalJSON {
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "__inf__", negativeInfinity: "__-inf__", nan: "__nan__")
        let data = try encoder.encode(value)
        let object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        var out = ""
        write(object, indent: 0, into: &out)
        out += "\n"
        return out
    }

    /// Formats a double the way every page and JSON file does: 10 significant digits.
    public static func number(_ x: Double) -> String {
        guard x.isFinite else { return "null" }
        if x == 0 { return "0" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        var s = String(format: "%.10g", x)
        if s.contains("e") {
            // %g gives e-05; JSON accepts it, keep as is but drop a "+" for stability.
            s = s.replacingOccurrences(of: "e+", with: "e")
        }
        return s
    }

    private static func write(_ value: Any, indent: Int, into out: inout String) {
        let pad = String(repeating: "  ", count: indent + 1)
        let closePad = String(repeating: "  ", count: indent)
        switch value {
        case let dict as [String: Any]:
            if dict.isEmpty { out += "{}"; return }
            out += "{\n"
            let keys = dict.keys.sorted()
            for (i, key) in keys.enumerated() {
                out += pad + quoted(key) + ": "
                write(dict[key]!, indent: indent + 1, into: &out)
                out += i + 1 < keys.count ? ",\n" : "\n"
            }
            out += closePad + "}"
        case let array as [Any]:
            if array.isEmpty { out += "[]"; return }
            out += "[\n"
            for (i, element) in array.enumerated() {
                out += pad
                write(element, indent: indent + 1, into: &out)
                out += i + 1 < array.count ? ",\n" : "\n"
            }
            out += closePad + "]"
        case let string as String:
            switch string {
            case "__inf__", "__-inf__", "__nan__": out += "null"
            default: out += quoted(string)
            }
        case let number as NSNumber:
            if CFGetTypeIDHelper.isBool(number) {
                out += number.boolValue ? "true" : "false"
            } else {
                out += Self.number(number.doubleValue)
            }
        case is NSNull:
            out += "null"
        default:
            out += "null"
        }
    }

    /// JSON string literal; escapes every control character so hostile tokens
    /// (NUL, bidi overrides stay as characters but C0/C1 controls are \u-escaped).
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                let v = scalar.value
                if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || v == 0x2028 || v == 0x2029 {
                    let hex = String(v, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// Booleans and numbers are both NSNumber after JSONSerialization; only the
/// Codable layer knows which is which. Results hold no Bool today, so any
/// NSNumber whose type encoding is 'c' (char) is treated as a Bool.
enum CFGetTypeIDHelper {
    static func isBool(_ n: NSNumber) -> Bool {
        String(cString: n.objCType) == "c" && (n == NSNumber(value: true) || n == NSNumber(value: false))
    }
}
