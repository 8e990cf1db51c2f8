import Analyses
import StudyData

/// The data page's values (`data.*`, `logprobData.*`): every input file
/// with its fingerprint, the dictionaries' citations and `citation.bib`, and
/// the log-prob tables read with what a pandas-default reader would lose.
enum DataPage {
    static func context(study: LoadedStudy, assets: inout SiteAssets) -> [String: Any] {
        let table = ReportTable(
            id: "inputs", caption: "Every input file this build read, with its SHA-256 fingerprint (log-prob tables: a 64-bit fingerprint of the rows and columns read, marked \"read:\").",
            columns: ["File", "Format", "Role", "Bytes", "Rows", "Columns", "SHA-256", "Warnings"],
            rows: study.inputs.map {
                [.text($0.path), .text($0.format ?? "—"), .text($0.role), .integer($0.bytes),
                 $0.rows.map { .integer($0) } ?? .text("—"), $0.columns.map { .integer($0) } ?? .text("—"),
                 .text($0.sha256 ?? $0.readFingerprint.map { "read: " + $0 } ?? "—"),
                 .text($0.warnings.joined(separator: "; "))]
            })
        let citations = study.manifest.dictionaries.map { [HTMLNode.strong($0.name), .text(": " + $0.citation)] }
        assets.files[CitationBib.fileName] = .text(CitationBib.write(study.manifest))
        return ["inputs": assets.table(table), "fileCount": String(study.inputs.count), "dictionaryCitations": HTMLNode.ul(citations),
                "citationBib": CitationBib.fileName]
    }

    /// The data page's list of log-prob files read, with what a pandas-default reader would have got wrong.
    static func logprobFiles(_ study: LoadedStudy, assets: inout SiteAssets) -> [String: Any] {
        guard let loaded = study.logprobs, let section = study.manifest.logprobs else { return ["files": "", "summary": ""] }
        if loaded.files.isEmpty {
            return ["files": "", "summary": [HTMLNode.text("No log-prob table was read in this build: \(loaded.folderExists ? "none of the \(section.models.count) files was found in" : "there is no folder") "),
                                             .code(loaded.folder), ". The study publishes them as the Hugging Face dataset ", .code(section.dataset),
                                             "; rebuild with ", .code("backbone build --logprobs DIR"), "."]]
        }
        let table = ReportTable(
            id: "logprob_inputs",
            caption: (loaded.simulated ? "SIMULATED — generated tables (their folder holds \(LogprobLoader.simulatedMarker)). " : "") + "Log-prob tables read in this build. The last four columns count rows a pandas-default read_csv would lose or mangle: invalid UTF-8, a bare carriage return inside the token (split into two rows), a token that reads as missing (\"\", \"NaN\", \"null\", … become NaN), other control characters.",
            columns: ["File", "Model", "Bytes", "Rows", "Prompts read", "Invalid UTF-8", "Bare CR", "Missing-like", "Control chars"],
            rows: loaded.files.map { f in
                [.text(f.path), .text(f.model), .integer(f.bytes), .integer(f.audit.rows), .integer(f.promptsRead),
                 .integer(f.audit.invalidUTF8Rows), .integer(f.audit.bareCRRows), .integer(f.audit.missingLikeTokens), .integer(f.audit.controlCharRows)]
            })
        var summary: [HTMLNode] = [.text("\(loaded.files.count) log-prob tables were read from "), .code(loaded.folder)]
        if loaded.simulated {
            summary += [" — ", .strong("SIMULATED"), " tables (the folder holds ", .code(LogprobLoader.simulatedMarker), ")"]
        }
        summary.append(".")
        if !loaded.missingFiles.isEmpty {
            summary += [" Not found: "] + HTMLNode.joined(loaded.missingFiles.map(HTMLNode.code), separator: ", ") + ["."]
        }
        return ["files": assets.table(table), "summary": summary]
    }
}
