/// A table as the report shows it: rendered to accessible HTML for the page
/// and to CSV for the download, from the same cells, so the page and the
/// download can never disagree.
struct ReportTable: Sendable {
    enum Cell: Sendable {
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
        node(includeDownloadLink: includeDownloadLink).rendered()
    }

    /// The table as a `<figure>`: caption, a header row, one row per data row
    /// (the first cell as its row header), and the download links.
    func node(includeDownloadLink: Bool = true) -> HTMLNode {
        let header = HTMLNode.element("tr", [:], columns.map { .element("th", ["scope": "col"], [.text($0)]) })
        let body = rows.map { row -> HTMLNode in
            .element("tr", [:], row.enumerated().map { i, cell -> HTMLNode in
                let text = HTMLNode.text(Self.display(cell))
                let numeric: Bool
                switch cell { case .text: numeric = false; default: numeric = true }
                if i == 0 && rowHeaderColumn {
                    return numeric ? .element("th", ["scope": "row", "class": "num"], [text]) : .element("th", ["scope": "row"], [text])
                }
                return numeric ? .element("td", ["class": "num"], [text]) : .element("td", [:], [text])
            })
        }
        var children: [HTMLNode] = [
            .div(class: "table-scroll", [.element("table", [:], [
                .element("caption", [:], [.text(caption)]),
                .element("thead", [:], [header]),
                .element("tbody", [:], body),
            ])]),
        ]
        if includeDownloadLink {
            children.append(.p(class: "downloads", [.a(href: downloadPath, ["Data (CSV)"]), " · ", .a(href: latexPath, ["LaTeX"])]))
        }
        return .element("figure", ["class": "table", "id": SiteNames.slug(id)], children)
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
