/// A report table as LaTeX a researcher can paste into a paper: a `table`
/// float with booktabs rules, the page's caption and the page's rounding
/// (the CSV download keeps full precision). The preamble it needs is said
/// in its first lines.
enum LaTeXTable {
    static func write(_ table: ReportTable) -> String {
        let numeric = table.columns.indices.map { c in
            !table.rows.isEmpty && table.rows.allSatisfy { row in
                guard c < row.count else { return true }
                if case .text = row[c] { return false }
                return true
            }
        }
        var out = "% \(LaTeXText.escape(table.id)).tex, written by Backbone \(SiteVersion.tool).\n"
        out += "% Needs \\usepackage[T1]{fontenc} and \\usepackage{booktabs} in the preamble.\n"
        out += "\\begin{table}[htbp]\n\\centering\n"
        out += "\\caption{\(LaTeXText.escape(table.caption))}\n"
        out += "\\label{tab:\(LaTeXText.key(table.id))}\n"
        out += "\\begin{tabular}{\(numeric.map { $0 ? "r" : "l" }.joined())}\n\\toprule\n"
        out += table.columns.map(LaTeXText.escape).joined(separator: " & ") + " \\\\\n\\midrule\n"
        for row in table.rows {
            for (i, cell) in row.enumerated() {
                if i > 0 { out += " & " }
                LaTeXText.append(ReportTable.display(cell), to: &out)
            }
            out += " \\\\\n"
        }
        out += "\\bottomrule\n\\end{tabular}\n\\end{table}\n"
        return out
    }
}
