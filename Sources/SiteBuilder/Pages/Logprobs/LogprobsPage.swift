import Analyses
import StudyData

/// Page values for §3 (`logprobs.*`, `implicit.*`, `logprobData.*`). Every
/// value is HTML or text that always exists, so the pages render the same
/// tags whether the tables were found or not; when they were not, the values
/// say which files are missing and how to rebuild with them.
enum LogprobPages {
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

    static func ranks(_ section: LogprobRankSection?, study: LoadedStudy, assets: inout SiteAssets) -> [String: Any] {
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

    static func implicitRewards(_ section: ImplicitRewardSection?, study: LoadedStudy, assets: inout SiteAssets) -> [String: Any] {
        let definitions = assets.table(ReportTable(
            id: "implicit_reward_measures", caption: "The eight implicit-reward measures (a = log p_A, b = log p_B of a token; p = e^log p).",
            columns: ["Measure", "Score", "Antisymmetric"],
            rows: ImplicitRewardMeasure.allCases.map { [.text($0.rawValue), .text($0.formula), .text($0.isAntisymmetric ? "yes" : "no")] }))
        guard let section, let plan = study.manifest.logprobs?.implicitRewards, let spec = study.manifest.logprobs else {
            return ["status": "absent", "statusNote": "", "tables": "", "figure3": "", "measures": "", "simulation": "", "definitions": definitions, "prompt": ""]
        }
        func files(_ models: [String]) -> [String] { models.map { spec.model(named: $0)?.file ?? $0 } }
        var tables: [HTMLNode] = []
        for t in plan.tables {
            let id = "implicit_" + SiteNames.slug(t.title.lowercased())
            tables.append(.element("h3", ["id": id], [.text(t.title)]))
            if let result = section.tables.first(where: { $0.modelA == t.modelA && $0.modelB == t.modelB }) {
                tables.append(assets.table(LogprobTables.tokens(result, id: id).labelled(simulated: section.simulated)))
            } else {
                tables.append(unavailable(t.title, needs: files([t.modelA, t.modelB])))
            }
        }
        var figure3: [HTMLNode] = []
        if section.freedomLove.isEmpty {
            figure3 = [unavailable("Figure 3", needs: files(plan.grid.sources + plan.grid.targets))]
        } else {
            if section.freedomLove.count < plan.grid.sources.count * plan.grid.targets.count {
                figure3.append(.p(class: "missing", [.text("Only \(section.freedomLove.count) of \(plan.grid.sources.count * plan.grid.targets.count) pairs could be computed; the missing files are listed above.")]))
            }
            figure3.append(assets.figure(id: "fig3", number: "Figure 3",
                caption: "\(simulatedPrefix(section.simulated))Mean MWLR (prompt \(section.prompt)) of the tokens that read \"freedom\" (blue) and \"love\" (red) once trimmed and lower-cased, for each pair Gemma 2 IT (model B) → Llama 3 Instruct (model A); rows by Llama release, Llama size, Gemma size. Positive: the Llama model gives the token more probability.",
                svg: LogprobFigures.freedomLove(section.freedomLove, id: "fig3", simulated: section.simulated).svg(),
                data: LogprobTables.freedomLove(section.freedomLove, id: "fig3_freedom_love").labelled(simulated: section.simulated),
                dependsOn: [ImplicitRewardSection.freedomLovePointer]))
        }
        let measures = section.measureComparison.isEmpty
            ? unavailable("The measure comparison", needs: files(plan.tables.first.map { [$0.modelA, $0.modelB] } ?? []))
            : assets.table(LogprobTables.measureComparison(section.measureComparison, id: "implicit_measure_comparison").labelled(simulated: section.simulated))
        let simulation = section.simulation.map { assets.table(LogprobTables.simulation($0, id: "appF_recovery_simulation").labelled(simulated: section.simulated)) }
            ?? unavailable("The recovery simulation", needs: files(plan.tables.first.map { [$0.modelB] } ?? []))
        return ["status": section.status.rawValue,
                "statusNote": simulatedNote(section.simulated, study: study) + missingNote(files: section.missing, status: section.status, study: study),
                "tables": tables, "figure3": figure3, "measures": measures, "simulation": simulation,
                "definitions": definitions, "prompt": section.prompt]
    }

    /// The data page's list of log-prob files read, with what a pandas-default reader would have got wrong.
    static func data(_ study: LoadedStudy, assets: inout SiteAssets) -> [String: Any] {
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

extension Array where Element: Hashable {
    /// The elements in first-seen order, each once.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
