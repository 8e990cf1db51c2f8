import StudyData

/// Paper §4 (Docs/Methods.md#training-dynamics) from the study's summary files: how the family gap in
/// median rank evolves over training checkpoints (Fig. 4a / A5a) and where it
/// ends up for each amount of preference data (Fig. 4b / A5b), with the data
/// audit that the files need. Token-level dynamics (Fig. 5, A6, App. G) need
/// per-token checkpoint scores that the public data does not include.
public enum TrainingDynamics {
    /// `checkpoints` and `dictionary` feed the token-level part (nil: reported missing).
    public static func analyse(_ runs: [LoadedTrainingRun], section: TrainingSection, checkpoints: LoadedCheckpoints? = nil,
                               dictionary: CategoryDictionary? = nil) -> TrainingSectionResult {
        // A file whose model ids name another data size than the manifest's
        // holds another run (the study's rank_results_uf_13.csv holds the
        // *_unified27k_lora models): it is audited but not plotted as that size.
        let named = Dictionary(uniqueKeysWithValues: runs.map { ($0.run.id, TrainingAudit.dataSizeNamed(by: $0.modelIDs)) })
        let excluded = Set(runs.filter { run in named[run.run.id]!.map { $0 != run.run.dataSize } ?? false }.map(\.run.id))
        let runResults = runs.map {
            TrainingRunResult(id: $0.run.id, file: fileName($0.path), dataSize: $0.run.dataSize,
                              plottedAt: $0.run.plottedAt ?? $0.run.dataSize, source: $0.run.source, method: $0.run.method,
                              rowsRead: $0.rowsRead, rowsDistinct: $0.rows.count, modelIds: $0.modelIDs,
                              dataSizeInModelIds: named[$0.run.id]!, plotted: !excluded.contains($0.run.id), note: $0.run.note)
        }
        var warnings: [TrainingWarning] = []
        for run in runs where run.rowsRead != run.rows.count {
            warnings.append(TrainingWarning(code: .duplicateRows, file: fileName(run.path), files: nil,
                                            rowsRead: run.rowsRead, rowsDistinct: run.rows.count))
        }
        for run in runs {
            for earlier in run.identicalTo {
                guard let other = runs.first(where: { $0.run.id == earlier }) else { continue }
                warnings.append(TrainingWarning(code: .identicalInputs, file: nil,
                                                files: [fileName(other.path), fileName(run.path)],
                                                rowsRead: nil, rowsDistinct: nil))
            }
        }
        let series = (runs.first { $0.run.id == section.dynamicsRun }?.rows ?? [])
            .sorted { ($0.family, $0.category, $0.checkpoint, $0.modelID) < ($1.family, $1.category, $1.checkpoint, $1.modelID) }
            .map { TrainingSeriesPoint(run: section.dynamicsRun, model: $0.modelID, family: $0.family, category: $0.category,
                                       checkpoint: $0.checkpoint, medianRank: $0.medianRank) }
        for run in runs where excluded.contains(run.run.id) {
            warnings.append(TrainingWarning(code: .modelIdsNameOtherSize, file: fileName(run.path), files: nil,
                                            rowsRead: nil, rowsDistinct: nil, modelIds: run.modelIDs,
                                            listedSize: run.run.dataSize, namedSize: named[run.run.id]!))
        }
        var points: [AblationPoint] = []
        for run in runs where !excluded.contains(run.run.id) {
            // The last checkpoint of each model and category.
            var last: [String: TrainingRow] = [:]
            for row in run.rows {
                let key = row.modelID + "\u{0}" + row.category
                if let old = last[key], old.checkpoint >= row.checkpoint { continue }
                last[key] = row
            }
            for row in last.values.sorted(by: { ($0.family, $0.category, $0.modelID) < ($1.family, $1.category, $1.modelID) }) {
                points.append(AblationPoint(run: run.run.id, dataSize: run.run.dataSize, plottedAt: run.run.plottedAt ?? run.run.dataSize,
                                            source: run.run.source, method: run.run.method, model: row.modelID, family: row.family,
                                            category: row.category, checkpoint: row.checkpoint, medianRank: row.medianRank,
                                            sameDataAs: run.identicalTo.filter { !excluded.contains($0) }))
            }
        }
        return TrainingSectionResult(words: section.words, dynamicsRun: section.dynamicsRun, runs: runResults, series: series,
                                     ablationPoints: points, warnings: warnings,
                                     tokenDynamics: TokenDynamics.analyse(checkpoints, source: section.tokenDynamics, dictionary: dictionary))
    }
}

/// What a training file's model ids say about it.
enum TrainingAudit {
    /// The data size (thousands of pairs) that every id names as `<digits>k`
    /// (e.g. `gemma2b_unified27k_lora` → 27), or nil when some id names none
    /// or the ids disagree.
    static func dataSizeNamed(by ids: [String]) -> Double? {
        let sizes = ids.map { id -> Double? in
            let chars = Array(id)
            for (i, c) in chars.enumerated() where c == "k" && i > 0 && chars[i - 1].isASCII && chars[i - 1].isNumber {
                if i + 1 < chars.count, chars[i + 1].isLetter || chars[i + 1].isNumber { continue }
                var start = i
                while start > 0, chars[start - 1].isASCII, chars[start - 1].isNumber { start -= 1 }
                return Double(String(chars[start..<i]))
            }
            return nil
        }
        guard let first = sizes.first ?? nil, sizes.allSatisfy({ $0 == first }) else { return nil }
        return first
    }
}

/// The last path component, for naming files in results as the issue does.
private func fileName(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
}
