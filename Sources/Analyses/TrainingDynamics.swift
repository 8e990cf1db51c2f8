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
        let runResults = runs.map {
            TrainingRunResult(id: $0.run.id, file: fileName($0.path), dataSize: $0.run.dataSize,
                              plottedAt: $0.run.plottedAt ?? $0.run.dataSize, source: $0.run.source, method: $0.run.method,
                              rowsRead: $0.rowsRead, rowsDistinct: $0.rows.count)
        }
        var warnings: [TrainingWarning] = []
        for run in runs where run.rowsRead != run.rows.count {
            warnings.append(TrainingWarning(code: "duplicate-rows", file: fileName(run.path), files: nil,
                                            rowsRead: run.rowsRead, rowsDistinct: run.rows.count))
        }
        for run in runs {
            for earlier in run.identicalTo {
                guard let other = runs.first(where: { $0.run.id == earlier }) else { continue }
                warnings.append(TrainingWarning(code: "identical-inputs", file: nil,
                                                files: [fileName(other.path), fileName(run.path)],
                                                rowsRead: nil, rowsDistinct: nil))
            }
        }
        let series = (runs.first { $0.run.id == section.dynamicsRun }?.rows ?? [])
            .sorted { ($0.family, $0.category, $0.checkpoint, $0.modelID) < ($1.family, $1.category, $1.checkpoint, $1.modelID) }
            .map { TrainingSeriesPoint(run: section.dynamicsRun, model: $0.modelID, family: $0.family, category: $0.category,
                                       checkpoint: $0.checkpoint, medianRank: $0.medianRank) }
        var points: [AblationPoint] = []
        for run in runs {
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
                                            sameDataAs: run.identicalTo))
            }
        }
        return TrainingSectionResult(words: section.words, dynamicsRun: section.dynamicsRun, runs: runResults, series: series,
                                     ablationPoints: points, warnings: warnings,
                                     tokenDynamics: TokenDynamics.analyse(checkpoints, source: section.tokenDynamics, dictionary: dictionary))
    }
}

/// The last path component, for naming files in results as the issue does.
private func fileName(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
}
