import Foundation
import Yams

/// A larger §3 study made from the manifest's, for the scaling benchmark:
/// every model appears `copies` times (copy 1 is the model itself; copy c
/// gets the name, short name and file suffixed `-copy<c>`), and Fig. 3
/// compares every copy of every grid source with every copy of every grid
/// target, so the grid grows as copies². Fig. 2 pairs and Tables 1/A2/A3
/// stay as the manifest has them.
public enum ScaledLogprobStudy {
    public static func section(_ base: LogprobSection, copies: Int) -> LogprobSection {
        precondition(copies >= 1)
        var out = base
        out.models = (1...copies).flatMap { c in base.models.map { copy($0, c) } }
        out.implicitRewards.grid.sources = (1...copies).flatMap { c in base.implicitRewards.grid.sources.map { name(of: $0, c) } }
        out.implicitRewards.grid.targets = (1...copies).flatMap { c in base.implicitRewards.grid.targets.map { name(of: $0, c) } }
        return out
    }

    /// The `logprobs:` section as YAML, to replace the manifest's own.
    public static func yaml(_ section: LogprobSection) throws -> String {
        try YAMLEncoder().encode(["logprobs": section])
    }

    static func name(of model: String, _ c: Int) -> String { c == 1 ? model : "\(model)-copy\(c)" }

    static func copy(_ model: LanguageModel, _ c: Int) -> LanguageModel {
        guard c > 1 else { return model }
        var m = model
        m.name = name(of: model.name, c)
        m.displayName = "\(model.displayName) copy \(c)"
        m.shortName = "\(model.shortName)-c\(c)"
        let stem = model.file.hasSuffix(".csv") ? String(model.file.dropLast(4)) : model.file
        m.file = "\(stem)-copy\(c).csv"
        return m
    }
}
