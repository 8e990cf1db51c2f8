import StudyData

/// Two models' log-probs for one prompt over the token strings both can
/// produce — what every implicit-reward measure compares (spec §C).
///
/// Why strings, not ids: the two vocabularies differ, and a reply is text.
/// Rows with an empty `token_decoded` are dropped (no visible answer); a
/// string spelled by several ids keeps its highest log-prob (the likeliest
/// way that model produces it); then the two are inner-joined on the string,
/// in the order the source model's file first lists each string.
public struct TokenAlignment: Sendable, Equatable {
    public var tokens: [String]
    public var a: [Double]
    public var b: [Double]

    public init(tokens: [String], a: [Double], b: [Double]) {
        self.tokens = tokens; self.a = a; self.b = b
    }

    public static func align(_ tableA: LogprobTable, _ tableB: LogprobTable, prompt: String) throws -> TokenAlignment {
        let (orderA, bestA) = try highestPerString(tableA, prompt: prompt)
        let (_, bestB) = try highestPerString(tableB, prompt: prompt)
        var out = TokenAlignment(tokens: [], a: [], b: [])
        for token in orderA {
            guard let b = bestB[token] else { continue }
            out.tokens.append(token); out.a.append(bestA[token]!); out.b.append(b)
        }
        return out
    }

    static func highestPerString(_ table: LogprobTable, prompt: String) throws -> ([String], [String: Double]) {
        guard let column = table.promptKeys.firstIndex(of: prompt) else {
            throw AnalysisError("\(table.path) was read without the prompt \(prompt)")
        }
        var order: [String] = []
        var best: [String: Double] = [:]
        best.reserveCapacity(table.tokens.count)
        for (row, token) in table.tokens.enumerated() where !token.isEmpty {
            let v = table.columns[column][row]
            if let old = best[token] {
                if v > old { best[token] = v }
            } else {
                best[token] = v; order.append(token)
            }
        }
        return (order, best)
    }
}
