import Foundation

/// One row of a training summary: a model's median rank of a category's
/// words at a checkpoint.
public struct TrainingRow: Equatable, Sendable {
    public var modelID: String
    public var family: String
    public var category: String
    public var checkpoint: Int
    public var medianRank: Double
}

/// A training summary file, deduplicated and audited.
public struct LoadedTrainingRun: Sendable {
    public var run: TrainingRun
    public var path: String
    public var rows: [TrainingRow]
    public var rowsRead: Int
    /// Byte-identical earlier files of the manifest (their run ids).
    public var identicalTo: [String]
    /// The distinct `model_id`s of the file, in first-seen order: what the
    /// file says it holds, which the audit checks against the manifest.
    public var modelIDs: [String] = []
    public var sha256: String
    public var bytes: Int
}

/// Reads the §4 summary files. The study's files have quirks that must be
/// handled visibly: `rank_results_uf_100.csv` repeats its rows hundreds of
/// times (deduplicated; two copies of a key that disagree are an error), two
/// files are byte-identical (reported), `base_model` may be NA (the manifest's
/// `model_id` rules decide the family).
public enum TrainingLoader {
    public static func load(_ section: TrainingSection, folder: ContentFolder) throws -> [LoadedTrainingRun] {
        var out: [LoadedTrainingRun] = []
        for run in section.runs {
            let url = try folder.resolve(run.file, manifestField: "training.runs.\(run.id).file")
            let display = folder.displayPath(run.file)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw DataError(path: display, message: "cannot read the file")
            }
            let doc = try CSVReader.parse(data, path: display)
            let model = try doc.columnIndex("model_id"), category = try doc.columnIndex("Category")
            let checkpoint = try doc.columnIndex("checkpoint"), value = try doc.columnIndex("sum_value")
            let base = doc.header.firstIndex(of: "base_model")
            var seen: [String: (line: Int, value: Double)] = [:]
            var rows: [TrainingRow] = []
            for record in doc.records {
                let f = record.fields
                guard let step = Int(f[checkpoint]) else {
                    throw DataError(path: display, line: record.line, column: checkpoint + 1, message: "expected a checkpoint number, found \(quotedForMessage(f[checkpoint]))")
                }
                guard let rank = Double(f[value]), rank.isFinite else {
                    throw DataError(path: display, line: record.line, column: value + 1, message: "expected a median rank, found \(quotedForMessage(f[value]))")
                }
                let key = f[model] + "\u{0}" + f[category] + "\u{0}" + String(step)
                if let first = seen[key] {
                    guard first.value == rank else {
                        throw DataError(path: display, line: record.line, column: value + 1,
                                        message: "expected the same median rank as line \(first.line) for \(f[model]), \(f[category]), checkpoint \(step): found \(f[value]), not \(first.value)")
                    }
                    continue
                }
                seen[key] = (record.line, rank)
                let baseFamily = base.map { f[$0] }.flatMap { $0 == "NA" || $0.isEmpty ? nil : $0 }
                guard let family = section.family(ofModel: f[model]) ?? baseFamily else {
                    throw DataError(path: display, line: record.line, column: model + 1,
                                    message: "no family for \(quotedForMessage(f[model])): add a training.family_rules entry to study.yaml")
                }
                rows.append(TrainingRow(modelID: f[model], family: family, category: f[category], checkpoint: step, medianRank: rank))
            }
            let hash = SHA256.hex(data)
            var modelIDs: [String] = []
            for row in rows where !modelIDs.contains(row.modelID) { modelIDs.append(row.modelID) }
            out.append(LoadedTrainingRun(run: run, path: display, rows: rows, rowsRead: doc.records.count,
                                         identicalTo: out.filter { $0.sha256 == hash }.map(\.run.id), modelIDs: modelIDs,
                                         sha256: hash, bytes: data.count))
        }
        return out
    }
}
