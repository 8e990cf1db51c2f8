/// Text made safe for LaTeX: every character prints as itself and none is
/// read as a command. Token strings hold LaTeX's specials (`\ { } % # _ & ~
/// ^ $`), control characters and bytes that were invalid UTF-8 (already the
/// visible text `\xHH`, see `ByteText`); all of them must come out visible
/// and distinct, and the file must still compile with pdflatex. Characters
/// pdflatex cannot print with `\usepackage[T1]{fontenc}` (CJK, combining
/// marks, emoji …) are written as their code point, `U+0301`, so "é" and
/// "e" + U+0301 stay two different cells.
enum LaTeXText {
    static func escape(_ text: String) -> String {
        if isPlain(text) { return text }
        var out = ""
        append(text, to: &out)
        return out
    }

    /// `escape(text)` appended to `out`, without a String per character:
    /// a table's .tex is written cell by cell into one string.
    static func append(_ text: String, to out: inout String) {
        if isPlain(text) { out += text } else { appendEachScalar(text, to: &out) }
    }

    /// The rule itself, one scalar at a time (a character may depend on the
    /// one before). The cell is built as bytes and appended once: appending
    /// to a String scalar by scalar cost about ten times the rule itself.
    static func appendEachScalar(_ text: String, to out: inout String) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 32)
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            if let escaped = escaped(scalar, after: previous) { bytes.append(contentsOf: escaped.utf8) } else { bytes.append(contentsOf: UTF8.encode(scalar)!) }
            previous = scalar
        }
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// Text that prints as itself, judged on its bytes: ASCII letters,
    /// digits and the punctuation below, which are no special; "-" and ","
    /// unless doubled (a T1 ligature), a space unless first or doubled. Most
    /// cells (numbers, negative ones too, words, names) are such text and
    /// are copied whole.
    static func isPlain(_ text: String) -> Bool {
        var previous: UInt8 = 0   // none yet
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "/"),
                 UInt8(ascii: "+"), UInt8(ascii: "="), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: "@"):
                break
            case UInt8(ascii: "-"), UInt8(ascii: ","):
                if previous == byte { return false }
            case UInt8(ascii: " "):
                if previous == 0 || previous == byte { return false }
            default:
                return false
            }
            previous = byte
        }
        return true
    }

    /// The text for `scalar` when it is not written as itself, else nil.
    private static func escaped(_ scalar: Unicode.Scalar, after previous: Unicode.Scalar?) -> String? {
        switch scalar {
        case "\\": return "\\textbackslash{}"
        case "{": return "\\{"
        case "}": return "\\}"
        case "%": return "\\%"
        case "#": return "\\#"
        case "_": return "\\_"
        case "&": return "\\&"
        case "$": return "\\$"
        case "~": return "\\textasciitilde{}"
        case "^": return "\\textasciicircum{}"
        case "<": return "\\textless{}"
        case ">": return "\\textgreater{}"
        case "|": return "\\textbar{}"
        // A cell that starts with "[" after a row's "\\" would be read as
        // that command's optional length; braced, a bracket is just text.
        case "[": return "{[}"
        case "]": return "{]}"
        case "\"": return "\\textquotedbl{}"
        case "'": return "\\textquotesingle{}"
        case "`": return "\\textasciigrave{}"
        // T1 ligatures would merge "--" and ",," into dashes and a low quote
        // ("!`" and "?`" cannot form: the backquote is escaped).
        case "-": return previous == "-" ? "{-}" : nil
        case ",": return previous == "," ? "{,}" : nil
        case " ": return previous == nil || previous == " " ? "\\textvisiblespace{}" : nil
        case "\n": return "\\textbackslash{}n"
        case "\r": return "\\textbackslash{}r"
        case "\t": return "\\textbackslash{}t"
        case "␣": return "\\textvisiblespace{}"
        case "−": return "\\textminus{}"
        case "–": return "--"
        case "—": return "---"
        case "±": return "\\textpm{}"
        case "×": return "\\texttimes{}"
        case "÷": return "\\textdiv{}"
        case "…": return "\\ldots{}"
        case "‘": return "`"
        case "’": return "'"
        case "“": return "``"
        case "”": return "''"
        case "°": return "\\textdegree{}"
        case "§": return "\\S{}"
        case "·": return "\\textperiodcentered{}"
        case "τ": return "\\ensuremath{\\tau}"
        case "Δ": return "\\ensuremath{\\Delta}"
        case "χ": return "\\ensuremath{\\chi}"
        case "≤": return "\\ensuremath{\\leq}"
        case "≥": return "\\ensuremath{\\geq}"
        case "≈": return "\\ensuremath{\\approx}"
        default:
            let v = scalar.value
            if (0x20...0x7E).contains(v) { return nil }
            if (0xC0...0xFF).contains(v) { return nil }   // Latin-1 letters: in T1
            if v < 0x20 || v == 0x7F { return "\\textbackslash{}u\\{\(String(v, radix: 16, uppercase: true))\\}" }
            return "\\texttt{U+\(hex4(v))}"
        }
    }

    private static func hex4(_ v: UInt32) -> String {
        let h = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - h.count)) + h
    }

    /// A label or citation key: letters, digits, `:` and `-` only.
    static func key(_ text: String) -> String {
        String(text.unicodeScalars.map { s -> Character in
            (("0"..."9").contains(s) || ("a"..."z").contains(s) || ("A"..."Z").contains(s) || s == ":" || s == "-") ? Character(s) : "-"
        })
    }
}
