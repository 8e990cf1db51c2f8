/// Which results a figure is drawn from, recorded in `manifest.json` so that
/// `backbone diff` can say which figures look different because their values
/// moved — from an explicit declaration next to where the figure is made
/// (`RankFigures.dependencies`), never guessed from file names.
public struct FigureSource: Codable, Equatable, Sendable {
    public var id: String
    /// Site-relative path of the SVG, e.g. `figures/fig1a.svg`.
    public var file: String
    /// How pages number it, e.g. `Figure 1a`.
    public var label: String
    /// JSON Pointers into `results.json`; a change at or below one redraws the figure.
    public var dependsOn: [String]

    package init(id: String, file: String, label: String, dependsOn: [String]) {
        self.id = id; self.file = file; self.label = label; self.dependsOn = dependsOn
    }
}
