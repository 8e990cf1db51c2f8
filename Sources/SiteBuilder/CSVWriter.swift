import OutputFormat
import StudyData

/// Writes the CSV downloads. Fields are quoted when they hold a comma, quote,
/// CR or LF (RFC 4180); text is made safe to open in a spreadsheet (see
/// `field`); numbers use the same 10-significant-digit form as `results.json`.
enum CSVWriter {
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    enum Cell {
        case text(String)
        case number(Double)
        case integer(Int)
    }

    /// What a text cell holds in the file, before RFC 4180 quoting.
    static func safeText(_ raw: String) -> String {
        let s = HTML.visibleControls(raw)
        if let first = s.unicodeScalars.first, formulaStarts.contains(first), NumberGrammar.parse(s)?.isFinite != true {
            return "'" + s
        }
        return s
    }

    static func write(header: [String], rows: [[Cell]]) -> String {
        var out = header.map(field).joined(separator: ",") + "\r\n"
        for row in rows {
            for (i, cell) in row.enumerated() {
                if i > 0 { out += "," }
                switch cell {
                case .text(let s): out += field(s)
                case .number(let x): out += x.isFinite ? CanonicalJSON.number(x) : "NA"
                case .integer(let i): out += String(i)
                }
            }
            out += "\r\n"
        }
        return out
    }

    /// A text cell: controls and noncharacters made visible as for HTML (a
    /// line feed and a tab stay, quoted), and a cell a spreadsheet would run
    /// as a formula — starting with `=`, `+`, `-`, `@`, tab or CR — gets a
    /// leading apostrophe (OWASP's advice), unless the whole cell is a plain
    /// number such as `-0.5`, which a spreadsheet reads as that number.
    static func field(_ raw: String) -> String {
        isPlain(raw) ? raw : fieldByTheRules(raw)
    }

    /// `field` for any text, rule by rule.
    static func fieldByTheRules(_ raw: String) -> String {
        let s = safeText(raw)
        let needsQuotes = s.isEmpty || s.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
            || s.first == " " || s.last == " "
        return needsQuotes ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    /// A cell the rules above leave as it is, judged on its bytes (most
    /// cells: names, words, numbers): printable ASCII without a comma or a
    /// quote, neither starting nor ending with a space, and not starting
    /// with a formula character.
    static func isPlain(_ raw: String) -> Bool {
        let bytes = raw.utf8
        guard let first = bytes.first, let last = bytes.last, first != UInt8(ascii: " "), last != UInt8(ascii: " "),
              first != UInt8(ascii: "="), first != UInt8(ascii: "+"), first != UInt8(ascii: "-"), first != UInt8(ascii: "@") else { return false }
        return bytes.allSatisfy { $0 >= 0x20 && $0 <= 0x7E && $0 != UInt8(ascii: ",") && $0 != UInt8(ascii: "\"") }
    }
}
