import Analyses
import Foundation
import StudyData

/// How `backbone mwlr` prints a token table: aligned text for a terminal
/// (tokens made visible), CSV (tokens exact, RFC 4180) or canonical JSON
/// (the same keys as `results.json`'s implicit-reward tables).
public enum TokenTableFormat: String, CaseIterable, Sendable {
    case text
    case csv
    case json

    public func render(_ t: TokenTableResult) throws -> String {
        switch self {
        case .json:
            return try CanonicalJSON.encode(t)
        case .csv:
            let cells = t.top.map { r -> [CSVWriter.Cell] in [.text("top"), .integer(r.rank), .text(r.token), .number(r.score)] }
                + t.bottom.map { r -> [CSVWriter.Cell] in [.text("bottom"), .integer(r.rank), .text(r.token), .number(r.score)] }
            return CSVWriter.write(header: ["end", "rank", "token", "score"], rows: cells)
        case .text:
            var out = "\(t.measure) of \(t.modelA) over \(t.modelB), prompt \(t.prompt): \(NumberText.integer(t.commonTokens)) common tokens\n"
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
}
