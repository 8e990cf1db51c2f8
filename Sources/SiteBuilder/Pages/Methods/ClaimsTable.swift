import Analyses

/// The paper's claims as this build judges them: the table on the methods
/// page and the one-line tally on the overview. Labels values only.
enum ClaimsTable {
    static func statusLabel(_ s: ClaimResult.Status) -> String {
        switch s {
        case .reproduced: return "reproduced"
        case .differs: return "differs"
        case .notComputable: return "not computable here"
        }
    }

    static func table(_ claims: [ClaimResult]) -> ReportTable {
        ReportTable(id: "claims", caption: "Every quantitative or directional claim of the paper this report can check, judged on this build's results (the table is content/claims.yaml; results.json claims[] adds the keys of the results each claim is judged on).",
                    columns: ["Claim", "Section", "The paper says", "Status", "This build"],
                    rows: claims.map { c in
                        [.text(c.id), .text(c.section), .text(c.text), .text(statusLabel(c.status)), .text(c.note)]
                    })
    }

    /// "Of 40 claims, 30 are reproduced, 4 differ and 6 cannot be computed from the public data."
    static func tally(_ claims: [ClaimResult]) -> String {
        guard !claims.isEmpty else { return "This build checks no claims (the manifest names no claims table)." }
        let n = { (s: ClaimResult.Status) in claims.filter { $0.status == s }.count }
        let differs = n(.differs)
        return "Of the paper's \(claims.count) checked claims, \(n(.reproduced)) are reproduced by this build, "
            + "\(differs) \(differs == 1 ? "differs" : "differ") and \(n(.notComputable)) cannot be computed from the data given."
    }

    /// The claims that differ, by id, for the sentence under the tally.
    static func differing(_ claims: [ClaimResult]) -> String {
        let ids = claims.filter { $0.status == .differs }.map(\.id)
        return ids.isEmpty ? "" : "Differing: " + ids.joined(separator: ", ") + "."
    }
}
