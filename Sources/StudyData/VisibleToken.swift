/// A decoded token as a reader should see it in a table or terminal: a token
/// is often whitespace or starts with a space, which a page would swallow.
/// Leading spaces become `␣`, newlines `\n`, tabs `\t`, carriage returns
/// `\r`, other control and invisible format characters `\u{…}`; an empty
/// string reads `(empty)`. Shared by the site and `backbone mwlr`.
public enum VisibleToken {
    public static func render(_ token: String) -> String {
        if token.isEmpty { return "(empty)" }
        var out = ""
        var leading = true
        for scalar in token.unicodeScalars {
            if leading && scalar == " " { out += "␣"; continue }
            leading = false
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                let v = scalar.value
                let invisible = v < 0x20 || (0x7F...0x9F).contains(v) || scalar.properties.generalCategory == .format
                    || (scalar.properties.isWhitespace && scalar != " ")
                if invisible { out += "\\u{\(String(v, radix: 16, uppercase: true))}" } else { out.unicodeScalars.append(scalar) }
            }
        }
        // A trailing space is as invisible as a leading one.
        if out.hasSuffix(" ") { out = String(out.dropLast()) + "␣" }
        return out
    }
}
