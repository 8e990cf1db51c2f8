import Analyses
import Foundation
import OutputFormat
import StudyData

/// How `backbone mwlr` prints a token table: aligned text for a terminal
/// (tokens made visible), CSV (tokens exact, RFC 4180) or canonical JSON
/// (the same keys as `results.json`'s implicit-reward tables).
public enum TokenTableFormat: String, CaseIterable, Sendable {
    case text
    case csv
    case json

    /// `simulated`: the tables are generated (a `SIMULATED.txt` marker next
    /// to them): the text says so first, JSON has `"simulated": true`, CSV a
    /// `simulated` column.
    public func render(_ t: TokenTableResult, simulated: Bool = false) throws -> String {
        switch self {
        case .json:
            return try CanonicalJSON.encode(Labelled(table: t, simulated: simulated))
        case .csv:
            let mark: [CSVWriter.Cell] = simulated ? [.text("SIMULATED")] : []
            let cells = t.top.map { r -> [CSVWriter.Cell] in mark + [.text("top"), .integer(r.rank), .text(r.token), .number(r.score)] }
                + t.bottom.map { r -> [CSVWriter.Cell] in mark + [.text("bottom"), .integer(r.rank), .text(r.token), .number(r.score)] }
            return CSVWriter.write(header: (simulated ? ["simulated"] : []) + ["end", "rank", "token", "score"], rows: cells)
        case .text:
            var out = simulated ? "SIMULATED tables (a SIMULATED.txt marker is next to them): these scores describe no language model.\n" : ""
            out += "\(t.measure.rawValue) of \(t.modelA) over \(t.modelB), prompt \(t.prompt): \(NumberText.integer(t.commonTokens)) common tokens\n"
            let width = String(t.commonTokens).count
            func line(_ r: RankedToken) -> String {
                let rank = String(repeating: " ", count: max(0, width - String(r.rank).count)) + String(r.rank)
                let score = NumberText.fixed(r.score, decimals: 5)
                return "  \(rank)  \(String(repeating: " ", count: max(0, 9 - score.count)))\(score)  \(VisibleToken.render(r.token))\n"
            }
            out += "Top \(t.top.count):\n" + t.top.map(line).joined()
            out += "Bottom \(t.bottom.count):\n" + t.bottom.map(line).joined()
            return out
        }
    }

    /// The table with the label, for JSON.
    private struct Labelled: Encodable {
        var table: TokenTableResult
        var simulated: Bool
        func encode(to encoder: Encoder) throws {
            try table.encode(to: encoder)
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(simulated, forKey: .simulated)
        }
        enum Key: String, CodingKey { case simulated }
    }
}
