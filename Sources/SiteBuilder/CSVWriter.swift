/// Writes the CSV downloads. Fields are quoted when they hold a comma, quote,
/// CR or LF (RFC 4180), so any token round-trips through a CSV reader exactly;
/// numbers use the same 10-significant-digit form as `results.json`.
enum CSVWriter {
    enum Cell {
        case text(String)
        case number(Double)
        case integer(Int)
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

    static func field(_ s: String) -> String {
        let needsQuotes = s.isEmpty || s.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
            || s.first == " " || s.last == " "
        return needsQuotes ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
