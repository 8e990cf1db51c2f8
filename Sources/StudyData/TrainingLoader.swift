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

/// What makes two summary rows the same row (the files repeat rows).
private struct TrainingKey: Hashable {
    var modelID: String
    var category: String
    var checkpoint: Int
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
            let table = try CSVReader.parseTable(data, path: display)
            let model = try table.columnIndex("model_id"), category = try table.columnIndex("Category")
            let checkpoint = try table.columnIndex("checkpoint"), value = try table.columnIndex("sum_value")
            let base = table.header.firstIndex(of: "base_model")
            var seen: [TrainingKey: (line: Int, value: Double)] = [:]
            var rows: [TrainingRow] = []
            // A record whose key and value fields hold the same bytes as the
            // record before it gives the same key and the same rank, so it is
            // a repeat the checks below would skip: it is skipped before any
            // field becomes a String. `rank_results_uf_100.csv` is 84 rows,
            // each repeated ~700 times in a row (60,956 records), and decoding
            // three strings and hashing a key per record was most of its load.
            let signatureColumns = [model, category, checkpoint, value]
            for record in 0..<table.recordCount {
                if record > 0, table.sameFields(record, record - 1, signatureColumns) { continue }
                let line = table.line(record)
                let stepText = table.text(record, checkpoint)
                guard let step = Int(stepText) else {
                    throw DataError(path: display, line: line, column: checkpoint + 1, message: "expected a checkpoint number, found \(quotedForMessage(stepText))")
                }
                guard let rank = table.number(record, value), rank.isFinite else {
                    throw DataError(path: display, line: line, column: value + 1, message: "expected a median rank, found \(quotedForMessage(table.text(record, value)))")
                }
                let modelID = table.text(record, model), categoryName = table.text(record, category)
                let key = TrainingKey(modelID: modelID, category: categoryName, checkpoint: step)
                if let first = seen[key] {
                    guard first.value == rank else {
                        throw DataError(path: display, line: line, column: value + 1,
                                        message: "expected the same median rank as line \(first.line) for \(modelID), \(categoryName), checkpoint \(step): found \(table.text(record, value)), not \(first.value)")
                    }
                    continue
                }
                seen[key] = (line, rank)
                let baseFamily = base.map { table.text(record, $0) }.flatMap { $0 == "NA" || $0.isEmpty ? nil : $0 }
                guard let family = section.family(ofModel: modelID) ?? baseFamily else {
                    throw DataError(path: display, line: line, column: model + 1,
                                    message: "no family for \(quotedForMessage(modelID)): add a training.family_rules entry to study.yaml")
                }
                rows.append(TrainingRow(modelID: modelID, family: family, category: categoryName, checkpoint: step, medianRank: rank))
            }
            let hash = SHA256.hex(data)
            var modelIDs: [String] = []
            for row in rows where !modelIDs.contains(row.modelID) { modelIDs.append(row.modelID) }
            out.append(LoadedTrainingRun(run: run, path: display, rows: rows, rowsRead: table.recordCount,
                                         identicalTo: out.filter { $0.sha256 == hash }.map(\.run.id), modelIDs: modelIDs,
                                         sha256: hash, bytes: data.count))
        }
        return out
    }
}
