import Analyses
import StudyData

/// What pages call each dictionary: its manifest `short_name` (else `name`),
/// so no page names a dictionary of this study in code, and a dictionary
/// renamed in `study.yaml` is renamed everywhere.
struct DictionaryNames {
    /// Dictionary id → the name titles and captions use, in manifest order.
    var ordered: [(id: String, name: String)]
    /// Ids of dictionaries analysed under both MFD2 column rules.
    var withColumnRules: Set<String>

    init(ordered: [(id: String, name: String)], withColumnRules: Set<String>) {
        self.ordered = ordered
        self.withColumnRules = withColumnRules
    }

    init(_ manifest: StudyManifest) {
        self.init(ordered: manifest.dictionaries.map { ($0.id, $0.displayName) },
                  withColumnRules: Set(manifest.dictionaries.filter { $0.format == .mfd2 }.map(\.id)))
    }

    func short(_ id: String, fallback: String? = nil) -> String {
        ordered.first { $0.id == id }?.name ?? fallback ?? id
    }

    /// A robustness section's title from its key (`<id>`, or `<id>_script` for the script rule).
    func robustnessTitle(_ key: String) -> String {
        for id in withColumnRules.sorted() {
            if key == id { return "\(short(id)) (virtue rule)" }
            if key == RobustnessSection.key(dictionary: id, columns: .script) { return "\(short(id)) (script rule)" }
        }
        return short(key)
    }

    /// Which dictionaries the robustness layer covers, in words.
    var robustnessScope: String {
        let names = ordered.map(\.name)
        let list = names.count <= 2 ? names.joined(separator: " and ") : names.dropLast().joined(separator: ", ") + " and " + names.last!
        return list + (withColumnRules.isEmpty ? "" : " under both column rules")
    }
}
