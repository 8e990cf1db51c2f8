import Analyses
import StudyData

/// The §3.1 page's values (`logprobs.*`: Figure 2 with its tables), and the
/// notices every §3 page shares. Every value is HTML or text that always
/// exists, so the pages render the same tags whether the tables were found or
/// not; when they were not, the values say which files are missing and how to
/// rebuild with them.
enum LogprobsPage {
    /// `scope`: where no number is invented ("on this page"; "in this section" on a page with other results).
    static func missingNote(files: [String], status: InputStatus, study: LoadedStudy, scope: String = "on this page") -> [HTMLNode] {
        guard status != .ok, let section = study.manifest.logprobs else { return [] }
        let folder = study.logprobs?.folder ?? section.defaultFolder
        let found = study.logprobs?.folderExists == true
        let lead: [HTMLNode] = status == .partial
            ? [.strong("Partly computed in this build."), " Results below use the tables that were found; these are missing:"]
            : [.strong("Not computed in this build."), " The log-prob tables this section needs were not found:"]
        let listed: [HTMLNode] = HTMLNode.joined(files.map(HTMLNode.code), separator: ", ")
        let whereLooked: [HTMLNode] = [.text(found ? "Looked in " : "The folder "), .code(folder), .text(found ? ". " : " does not exist. ")]
        let how: [HTMLNode] = [
            "The study publishes one table per model (", .code("<org>--<model>.csv"), ") as the Hugging Face dataset ",
            .code(section.dataset), ". Download the files into a folder and rebuild with ",
            .code("backbone build --logprobs DIR"), .text(". No number \(scope) is estimated or carried over without them."),
        ]
        return [.div(class: "notice missing", [.p(lead + [" "] + listed + ["."]), .p(whereLooked + how)])]
    }

    /// The banner of a §3 page built from generated tables.
    static func simulatedNote(_ simulated: Bool, study: LoadedStudy) -> [HTMLNode] {
        guard simulated else { return [] }
        let folder = study.logprobs?.folder ?? ""
        let text: [HTMLNode] = [
            .strong("SIMULATED DATA."), " The log-prob tables in ", .code(folder), " were generated (their folder holds ",
            .code(LogprobLoader.simulatedMarker), ", as ", .code("backbone generate-logprobs"),
            " writes): every number, table and figure in this section describes simulated tables with planted effects, not a language model. ",
            "Rebuild with the study's tables (", .code("backbone build --logprobs DIR"), ") for real results.",
        ]
        return [.div(class: "notice simulated", [.p(text)])]
    }

    static func unavailable(_ what: String, needs files: [String]) -> HTMLNode {
        let names: [HTMLNode] = HTMLNode.listed(files.uniqued().map(HTMLNode.code))
        return .p(class: "missing", [.text(what + " needs ")] + names + ["; not available in this build."])
    }

    static func context(_ section: LogprobRankSection?, study: LoadedStudy, assets: inout SiteAssets) -> [String: Any] {
        guard let section, let plan = study.manifest.logprobs else { return ["statusNote": "", "status": "absent", "pairs": ""] }
        var blocks: [HTMLNode] = []
        for (i, spec) in plan.rankPairs.enumerated() {
            let letter = ReportBuilder.letter(i)
            let heading = HTMLNode.element("h3", ["id": "fig2\(letter)"], [.text("Figure 2\(letter): \(spec.label) models")])
            guard let pair = section.pairs.first(where: { $0.modelA == spec.modelA && $0.modelB == spec.modelB }) else {
                let files = [spec.modelA, spec.modelB].map { plan.model(named: $0)?.file ?? $0 }
                blocks += [heading, unavailable("Figure 2\(letter)", needs: files)]
                continue
            }
            let nouns = study.manifest.dictionary(id: spec.dictionary)?.displayName ?? spec.dictionary
            let perCategory = pair.nounsPerCategory.map { "\($0.category) \($0.count)" }.joined(separator: ", ")
            let about: String = "\(pair.displayA) (left halves) vs \(pair.displayB) (right halves): "
                + "\(pair.nouns) \(nouns) nouns occur in both vocabularies (\(perCategory)). "
                + "Nouns spelled by more than one token id: \(pair.duplicatedNounsA) in \(pair.displayA), \(pair.duplicatedNounsB) in \(pair.displayB); the highest log-prob per noun is kept."
            blocks += [heading, .p([.text(about)])]
            for framing in pair.medianRanks.map(\.framing).uniqued() {
                let id = "fig2\(letter)_\(framing.rawValue)"
                let data = LogprobTables.medianRanks(pair, id: "\(id)_median_ranks").labelled(simulated: section.simulated)
                blocks.append(assets.figure(id: id, number: "Figure 2\(letter), \(framing.rawValue) prompts",
                                      caption: "\(simulatedPrefix(section.simulated))\(pair.label) models: median rank of the \(nouns) nouns by next-token log-prob under each \(framing.rawValue) prompt (rank 1 = most probable of \(pair.nouns)). Left: \(pair.displayA); right: \(pair.displayB); diamonds: means. Stars: Welch t-test per category, Benjamini–Hochberg over the four category × valence cells (*** p < .001, ** p < .01, * p < .05).",
                                      svg: LogprobFigures.splitViolins(pair, framing: framing, nouns: nouns, id: id, manifest: study.manifest,
                                                                       simulated: section.simulated).svg(), data: data,
                                      dependsOn: [LogprobRankSection.pairsPointer]))
            }
            blocks.append(.div(class: "table-block", [assets.table(LogprobTables.anova(pair, id: "fig2\(letter)_anova").labelled(simulated: section.simulated))]))
            blocks.append(.div(class: "table-block", [assets.table(LogprobTables.cells(pair, id: "fig2\(letter)_welch").labelled(simulated: section.simulated))]))
        }
        return ["status": section.status.rawValue,
                "statusNote": simulatedNote(section.simulated, study: study) + missingNote(files: section.missing, status: section.status, study: study),
                "pairs": blocks]
    }
}

extension Array where Element: Hashable {
    /// The elements in first-seen order, each once.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
