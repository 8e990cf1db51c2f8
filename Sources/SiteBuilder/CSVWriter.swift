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
            out += row.map { cell in
                switch cell {
                case .text(let s): return field(s)
                case .number(let x): return x.isFinite ? CanonicalJSON.number(x) : "NA"
                case .integer(let i): return String(i)
                }
            }.joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// A text cell: controls and noncharacters made visible as for HTML (a
    /// line feed and a tab stay, quoted), and a cell a spreadsheet would run
    /// as a formula — starting with `=`, `+`, `-`, `@`, tab or CR — gets a
    /// leading apostrophe (OWASP's advice), unless the whole cell is a plain
    /// number such as `-0.5`, which a spreadsheet reads as that number.
    static func field(_ raw: String) -> String {
        let s = safeText(raw)
        let needsQuotes = s.isEmpty || s.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
            || s.first == " " || s.last == " "
        return needsQuotes ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
