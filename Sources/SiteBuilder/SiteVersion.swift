/// The tool and results-schema versions written into `manifest.json` and
/// `results.json`, so a diff can tell whether two builds are comparable.
public enum SiteVersion {
    public static let tool = "0.1.0"
    public static let schema = "1.0"
}
