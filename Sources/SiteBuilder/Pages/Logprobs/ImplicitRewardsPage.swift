import Analyses
import StudyData

/// The §3.2 page's values (`implicit.*`): the measures' definitions, Tables
/// 1/A2/A3, Figure 3, the measure comparison and the App. F recovery
/// simulation — or, without the tables, which files are missing.
enum ImplicitRewardsPage {
    static func context(_ section: ImplicitRewardSection?, study: LoadedStudy, assets: inout SiteAssets) -> [String: Any] {
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
                tables.append(LogprobsPage.unavailable(t.title, needs: files([t.modelA, t.modelB])))
            }
        }
        var figure3: [HTMLNode] = []
        if section.freedomLove.isEmpty {
            figure3 = [LogprobsPage.unavailable("Figure 3", needs: files(plan.grid.sources + plan.grid.targets))]
        } else {
            if section.freedomLove.count < plan.grid.sources.count * plan.grid.targets.count {
                figure3.append(.p(class: "missing", [.text("Only \(section.freedomLove.count) of \(plan.grid.sources.count * plan.grid.targets.count) pairs could be computed; the missing files are listed above.")]))
            }
            let names = Figure3Names(study.manifest)
            figure3.append(assets.figure(id: "fig3", number: "Figure 3",
                caption: "\(simulatedPrefix(section.simulated))Mean MWLR (prompt \(section.prompt)) of the tokens that read \"freedom\" (blue) and \"love\" (red) once trimmed and lower-cased, for each pair \(names.targets) (model B) → \(names.sources) (model A); rows by \(names.sourceFamily) release, \(names.sourceFamily) size, \(names.targetFamily) size. Positive: the \(names.sourceFamily) model gives the token more probability.",
                svg: LogprobFigures.freedomLove(section.freedomLove, id: "fig3", names: names, simulated: section.simulated).svg(),
                data: LogprobTables.freedomLove(section.freedomLove, id: "fig3_freedom_love").labelled(simulated: section.simulated),
                dependsOn: [ImplicitRewardSection.freedomLovePointer]))
        }
        let measures = section.measureComparison.isEmpty
            ? LogprobsPage.unavailable("The measure comparison", needs: files(plan.tables.first.map { [$0.modelA, $0.modelB] } ?? []))
            : assets.table(LogprobTables.measureComparison(section.measureComparison, id: "implicit_measure_comparison").labelled(simulated: section.simulated))
        let simulation = section.simulation.map { assets.table(LogprobTables.simulation($0, id: "appF_recovery_simulation").labelled(simulated: section.simulated)) }
            ?? LogprobsPage.unavailable("The recovery simulation", needs: files(plan.tables.first.map { [$0.modelB] } ?? []))
        return ["status": section.status.rawValue,
                "statusNote": LogprobsPage.simulatedNote(section.simulated, study: study) + LogprobsPage.missingNote(files: section.missing, status: section.status, study: study),
                "tables": tables, "figure3": figure3, "measures": measures, "simulation": simulation,
                "definitions": definitions, "prompt": section.prompt]
    }
}
