import Analyses
import Foundation
import SiteBuilder
import StudyData
import TestSupport
import XCTest

/// Study facts live in study.yaml, not in code: a manifest that renames both
/// dictionaries, moves two reward models into a third family, moves the
/// instruction-tuned Llama language models into it too and renames Fig. 3's
/// groups, edited through study.yaml alone, builds a site that passes its
/// checks and names everything as the manifest gives it.
final class ManifestNamesTests: XCTestCase {
    func testThirdFamilyAndRenamedDictionariesThroughStudyYAMLAlone() async throws {
        let content = try SiteFixture.copyOfContent("manifest-names")
        let root = content.deletingLastPathComponent()
        let manifest = content.appendingPathComponent("study.yaml")
        var text = try String(contentsOf: manifest, encoding: .utf8)
        for (old, new) in [
            ("short_name: Big Two\n", "short_name: Agency-Communion\n"),
            ("short_name: MFD2\n", "short_name: Moral Foundations\n"),
            ("  - { name: Qwen, colour: \"#7C3AED\", appendix_only: true }\n",
             "  - { name: Qwen, colour: \"#7C3AED\", appendix_only: true }\n  - { name: Mistral, colour: \"#10B981\" }\n"),
            ("name: Ray2333/GRM-Llama3-8B-rewardmodel-ft\n    family: Llama\n", "name: Ray2333/GRM-Llama3-8B-rewardmodel-ft\n    family: Mistral\n"),
            ("name: Ray2333/GRM-Llama3.2-3B-rewardmodel-ft\n    family: Llama\n", "name: Ray2333/GRM-Llama3.2-3B-rewardmodel-ft\n    family: Mistral\n"),
            // §3: Fig. 3's sources (all instruction-tuned Llama models) become Mistral, its groups are renamed.
            ("family: Llama, type: instruction-tuned", "family: Mistral, type: instruction-tuned"),
            ("sources_label: Llama 3 Instruct\n", "sources_label: Source Chat\n"),
            ("targets_label: Gemma 2 IT\n", "targets_label: Target IT\n"),
        ] {
            XCTAssertTrue(text.contains(old), "study.yaml no longer has \(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        try text.write(to: manifest, atomically: true, encoding: .utf8)

        // The build runs the site checks before it swaps the site in (no --no-check).
        let site = root.appendingPathComponent("site")
        let result = try CLIRun.run(["build", "--content", content.path, "--out", site.path, "--templates", SiteFixture.templates.path,
                                     "--permutations", "9", "--logprobs", SiteFixture.logprobTables.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let files = SiteFixture.allFiles(under: site)
        let problems = await SiteChecks.run(root: site, files: files, entryPoints: Set(files.filter { !$0.contains("/") }))
        XCTAssertEqual(problems, [])

        func read(_ relative: String) throws -> String {
            try String(contentsOf: site.appendingPathComponent(relative), encoding: .utf8)
        }
        // Every figure is generated: none may name a dictionary as the study does.
        for figure in files where figure.hasPrefix("figures/") {
            let svg = try read(figure)
            XCTAssertFalse(svg.contains("Big Two") || svg.contains("MFD2"), "\(figure) names a dictionary from code")
        }
        XCTAssertTrue(try read("figures/fig1a.svg").contains("Median rank of Agency-Communion answers by reward-model family"))
        XCTAssertTrue(try read("figures/fig1b.svg").contains("Median rank of Moral Foundations answers"))
        XCTAssertTrue(try read("figures/fig4a.svg").contains("Median rank of Agency-Communion categories over RM training"))
        XCTAssertTrue(try read("figures/fig1a.svg").contains("Mistral"), "the third family is drawn")
        XCTAssertTrue(try read("figures/robustness-mfd2_script-specifications.svg").contains("Moral Foundations (script rule)"))
        XCTAssertTrue(try read("robustness.html").contains("Agency-Communion and Moral Foundations under both column rules"))
        XCTAssertTrue(try read("methods.html").contains("Agency-Communion panels: Bonferroni-adjusted p-values"))
        XCTAssertTrue(try read("methods.html").contains("Moral Foundations panel tests (Welch, Bonferroni)"))
        XCTAssertTrue(try read("logprobs.html").contains("Agency-Communion nouns occur in both vocabularies"))

        // Fig. 3 and its robustness check (R5) name the grid as the manifest does.
        let fig3 = try read("figures/fig3.svg"), heatMap = try read("figures/robustness-freedom-vs-love.svg")
        XCTAssertTrue(fig3.contains("Implicit reward (MWLR) of Freedom and Love, Target IT → Source Chat"), fig3)
        XCTAssertTrue(fig3.contains("(target Gemma → source Mistral)") && fig3.contains("positive: Mistral favours the token"))
        XCTAssertTrue(heatMap.contains("under every prompt, Target IT → Source Chat"))
        for svg in [fig3, heatMap] {
            XCTAssertFalse(svg.contains("Llama 3 Instruct") || svg.contains("Gemma 2 IT"), "Fig. 3's groups named from code")
        }
        let implicit = try read("implicit-rewards.html")
        XCTAssertTrue(implicit.contains("for each pair Target IT (model B) → Source Chat (model A); rows by Mistral release, Mistral size, Gemma size. "
            + "Positive: the Mistral model gives the token more probability."), "Fig. 3's caption")
        let robustness = try read("robustness.html")
        XCTAssertTrue(robustness.contains("<th scope=\"col\">Mistral model</th><th scope=\"col\">Gemma model</th>"), "R5 table columns")
        XCTAssertFalse(robustness.contains("Llama model"))
        XCTAssertTrue(try read("index.html").contains("Mistral × Gemma pairs"), "the overview's R5 sentence")
        // What a family term measures, with the third family.
        XCTAssertTrue(try read("figures/robustness-big2-specifications.svg").contains("Llama or Mistral − Gemma, in median-rank units"))
        XCTAssertTrue(robustness.contains("each headline quantity (Llama or Mistral − Gemma) under each specification"))
        XCTAssertFalse(robustness.contains("(Llama − Gemma)"))

        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: site.appendingPathComponent("results.json"))) as? [String: Any]
        let big2 = try XCTUnwrap((json?["reward_models"] as? [String: Any])?["big2"] as? [String: Any])
        XCTAssertEqual(big2["families"] as? [String], ["Gemma", "Llama", "Mistral"])
        let panels = try XCTUnwrap(big2["panels"] as? [[String: Any]])
        XCTAssertEqual(Set(panels.compactMap { $0["family"] as? String }), ["Llama", "Mistral"], "each family against the reference")
    }

    /// The claims are judged by the manifest's dictionary ids alone: with every
    /// dictionary renamed (in the results and in the claims that name one) and
    /// the headline passed as the manifest gives it, each claim gets the same
    /// verdict and note on the renamed keys — and a claim on the dictionary with
    /// two column rules still tries the other rule.
    func testClaimsFollowTheManifestsDictionaryIds() async throws {
        let study = try await SiteFixture.study, results = try await SiteFixture.results
        let table = try XCTUnwrap(study.claims)
        let headline = try XCTUnwrap(study.manifest.headlineDictionary?.id)
        func renamed(_ id: String) -> String { "renamed_" + id }
        var moved = results
        for i in moved.rewardModels.dictionaries.indices { moved.rewardModels.dictionaries[i].dictionary = renamed(moved.rewardModels.dictionaries[i].dictionary) }
        for i in moved.rewardModels.alternatives.indices { moved.rewardModels.alternatives[i].dictionary = renamed(moved.rewardModels.alternatives[i].dictionary) }
        var movedTable = table
        for i in movedTable.claims.indices { movedTable.claims[i].check.dictionary = movedTable.claims[i].check.dictionary.map(renamed) }

        let original = ClaimsEvaluation.evaluate(table, results: results, headlineDictionary: headline)
        let judged = ClaimsEvaluation.evaluate(movedTable, results: moved, headlineDictionary: renamed(headline))
        XCTAssertEqual(judged.map(\.status), original.map(\.status))
        XCTAssertEqual(judged.map(\.note), original.map(\.note))
        let ids = results.rewardModels.dictionaries.map(\.dictionary)
        let expectedKeys = original.map { claim in
            claim.keys.map { key in ids.reduce(key) { $0.replacingOccurrences(of: "/reward_models/\($1)/", with: "/reward_models/\(renamed($1))/") } }
        }
        XCTAssertEqual(judged.map(\.keys), expectedKeys)
        XCTAssertTrue(judged.contains { $0.keys.contains("/reward_models/\(renamed(headline))/mixed_model/groups") && $0.status == .reproduced },
                      "the count of reward models is taken from the headline dictionary")

        // A reproduced panel claim on the dictionary with an alternative column rule, made to
        // differ under the chosen rule: the note says that the other rule reproduces it.
        let alternative = try XCTUnwrap(moved.rewardModels.alternatives.first)
        let claimIndex = try XCTUnwrap(movedTable.claims.indices.first { i in
            let c = movedTable.claims[i].check
            return c.kind == .panel && c.dictionary == alternative.dictionary && c.higher != nil && judged[i].status == .reproduced
        })
        let check = movedTable.claims[claimIndex].check
        let d = try XCTUnwrap(moved.rewardModels.dictionaries.firstIndex { $0.dictionary == alternative.dictionary })
        var flipped = moved
        flipped.rewardModels.alternatives = [moved.rewardModels.dictionaries[d]]
        for p in flipped.rewardModels.dictionaries[d].panels.indices
        where flipped.rewardModels.dictionaries[d].panels[p].framing.rawValue == check.framing
            && flipped.rewardModels.dictionaries[d].panels[p].category == check.category {
            let panel = flipped.rewardModels.dictionaries[d].panels[p]
            flipped.rewardModels.dictionaries[d].panels[p].meanFamily = panel.meanReference
            flipped.rewardModels.dictionaries[d].panels[p].meanReference = panel.meanFamily
        }
        let rejudged = ClaimsEvaluation.evaluate(movedTable, results: flipped, headlineDictionary: renamed(headline))[claimIndex]
        XCTAssertEqual(rejudged.status, .differs)
        XCTAssertTrue(rejudged.note.hasSuffix("columns it holds"), rejudged.note)
    }
}
