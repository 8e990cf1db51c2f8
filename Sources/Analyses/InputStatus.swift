/// Whether a section that needs optional input tables (the log-prob tables of
/// §3, the checkpoint tables of §4) found them: `results.json` writes the raw
/// value as the section's `status`.
public enum InputStatus: String, Codable, CaseIterable, Sendable {
    /// Every table the section needs was read.
    case ok
    /// Some were read; the section lists the others as missing.
    case partial
    /// None could be read: the section holds no numbers, only what to supply.
    case missing

    /// The status of a section that could compute `ran` of its `total` parts.
    public init(ran: Int, of total: Int) {
        self = ran == total ? .ok : ran == 0 ? .missing : .partial
    }
}
