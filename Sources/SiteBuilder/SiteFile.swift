import Parallel

/// One file of the site as the pages declare it: text already made (an SVG,
/// citation.bib), or a table whose CSV or LaTeX download is written only when
/// the site is written. Writing the downloads is a sixth of the pages' work
/// and every table is independent, so `SiteAssets.renderedFiles` writes them
/// all at once on every core instead of one by one while the pages are
/// assembled; the text is the same either way.
enum SiteFile: Sendable {
    case text(String)
    case csv(ReportTable)
    case latex(ReportTable)

    var text: String {
        switch self {
        case .text(let text): return text
        case .csv(let table): return table.csv
        case .latex(let table): return table.latex
        }
    }
}

extension SiteAssets {
    /// Every file's text by path, the tables' downloads written side by side.
    func renderedFiles() async -> [String: String] {
        let entries = Array(files)
        // (Writing a table never throws; the fallback only satisfies the signature.)
        let texts = (try? await Parallel.map(entries.count) { entries[$0].value.text }) ?? entries.map(\.value.text)
        return Dictionary(uniqueKeysWithValues: zip(entries.map(\.key), texts))
    }
}
