/// A table as the report shows it: rendered to accessible HTML for the page
/// and to CSV for the download, from the same cells, so the page and the
/// download can never disagree.
struct ReportTable {
    enum Cell {
        case text(String)
        /// A number shown with a fixed number of decimals on the page (full precision in CSV).
        case number(Double, decimals: Int)
        case integer(Int)
        /// A p-value: 4 decimals, or scientific notation when tiny.
        case pValue(Double)
        /// A p-value that is only a bound: a permutation test in which no
        /// relabelling was as extreme as the data gives p = 1/(R+1) at best.
        case pAtMost(Double)
    }

    var id: String
    var caption: String
    var columns: [String]
    var rows: [[Cell]]
    /// Columns of numbers are right-aligned; the first column labels the row.
    var rowHeaderColumn = true

    var csv: String {
        CSVWriter.write(header: columns, rows: rows.map { row in
            row.map { cell -> CSVWriter.Cell in
                switch cell {
                case .text(let s): return .text(s)
                case .number(let x, _), .pValue(let x), .pAtMost(let x): return .number(x)
                case .integer(let i): return .integer(i)
                }
            }
        })
    }

    var downloadPath: String { "downloads/\(SiteNames.slug(id)).csv" }

    /// The same table as LaTeX (booktabs), downloaded beside the CSV.
    var latex: String { LaTeXTable.write(self) }

    var latexPath: String { "downloads/\(SiteNames.slug(id)).tex" }

    func html(includeDownloadLink: Bool = true) -> String {
        var out = "<figure class=\"table\" id=\"\(SiteNames.attribute(SiteNames.slug(id)))\">"
        out += "<div class=\"table-scroll\"><table>"
        out += "<caption>\(HTML.escape(caption))</caption>"
        out += "<thead><tr>" + columns.map { "<th scope=\"col\">\(HTML.escape($0))</th>" }.joined() + "</tr></thead><tbody>"
        for row in rows {
            out += "<tr>"
            for (i, cell) in row.enumerated() {
                let text = Self.display(cell)
                let numeric: Bool
                switch cell { case .text: numeric = false; default: numeric = true }
                if i == 0 && rowHeaderColumn {
                    out += "<th scope=\"row\"\(numeric ? " class=\"num\"" : "")>\(HTML.escape(text))</th>"
                } else {
                    out += "<td\(numeric ? " class=\"num\"" : "")>\(HTML.escape(text))</td>"
                }
            }
            out += "</tr>"
        }
        out += "</tbody></table></div>"
        if includeDownloadLink {
            out += "<p class=\"downloads\"><a href=\"\(SiteNames.href(downloadPath))\">Data (CSV)</a> · <a href=\"\(SiteNames.href(latexPath))\">LaTeX</a></p>"
        }
        return out + "</figure>"
    }

    static func display(_ cell: Cell) -> String {
        switch cell {
        case .text(let s): return s
        case .integer(let i): return String(i)
        case .number(let x, let d): return NumberText.fixed(x, decimals: d)
        case .pValue(let p): return NumberText.pValue(p)
        case .pAtMost(let p): return NumberText.pValue(p, atMost: true)
        }
    }
}

extension ReportTable.Cell {
    /// A permutation p-value: a bound ("≤ …") when no relabelling was as extreme.
    static func permutationP(_ p: Double, atFloor: Bool) -> ReportTable.Cell { atFloor ? .pAtMost(p) : .pValue(p) }
}

extension ReportTable {
    /// The same table with its caption marked when its numbers come from
    /// generated data (§3 and §4 label simulated tables the same way).
    func labelled(simulated: Bool) -> ReportTable {
        var t = self
        t.caption = simulatedPrefix(simulated) + t.caption
        return t
    }
}

/// "SIMULATED — " or "": how every title and caption drawn from generated
/// tables (a `SIMULATED.txt` marker in their folder) begins.
func simulatedPrefix(_ simulated: Bool) -> String { simulated ? "SIMULATED — " : "" }
