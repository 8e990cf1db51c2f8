/// One claim of the paper as this build judges it (`results.json` `claims[]`).
public struct ClaimResult: Codable, Equatable, Sendable {
    public enum Status: String, Codable, Sendable {
        case reproduced
        case differs
        case notComputable = "not-computable"
    }

    public var id: String
    public var section: String
    public var text: String
    /// JSON Pointers into `results.json` of the values the claim is judged on.
    public var keys: [String]
    public var status: Status
    /// What the build found, in words (why it differs, or why it cannot be computed).
    public var note: String
}

/// JSON Pointers into `results.json`, spelled as `backbone diff` names list
/// items: identifying fields `name=value` joined by commas, with `%`, `,`,
/// `=` percent-encoded, then `~` and `/` escaped (RFC 6901).
enum ResultKey {
    static func item(_ fields: [(String, String)]) -> String {
        fields.map { "\($0.0)=\(escape(value: $0.1))" }.joined(separator: ",")
    }

    static func escape(value: String) -> String {
        value.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: ",", with: "%2C").replacingOccurrences(of: "=", with: "%3D")
    }

    static func join(_ segments: String...) -> String {
        "/" + segments.map { $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }.joined(separator: "/")
    }
}
