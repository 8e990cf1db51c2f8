/// One row of an ANOVA table: a model term, or the residual (F and p NaN).
public struct AnovaTerm: Equatable, Sendable {
    public var term: String
    public var sumSq: Double
    public var df: Double
    public var f: Double
    public var p: Double

    public init(term: String, sumSq: Double, df: Double, f: Double, p: Double) {
        self.term = term; self.sumSq = sumSq; self.df = df; self.f = f; self.p = p
    }
}

/// Type II sums of squares for a full-factorial linear model
/// (`y ~ a * b * c`), as statsmodels `anova_lm(fit, typ=2)` and R
/// `car::Anova(type = 2)` report them.
///
/// Why model comparison rather than statsmodels' Wald contrasts: for a term
/// T, statsmodels tests the part of "T and every term containing T" that is
/// orthogonal to "every term containing T"; that Wald sum of squares equals
/// RSS(model without T and its containers) − RSS(model without T's
/// containers), a difference of two nested least-squares fits whose column
/// spaces do not depend on the contrast coding. Each F divides by the full
/// model's residual mean square.
public enum TypeIIANOVA {
    public static func fit(response y: [Double], factors: [Factor]) throws -> [AnovaTerm] {
        let design = DesignMatrix.fullFactorial(factors)
        let columnTerms = try design.columnNames.map { try termOf(column: $0, factors: factors) }
        // Terms in design order (main effects, then two-way, …), each a sorted set of factor indices.
        var terms: [[Int]] = []
        for t in columnTerms where !t.isEmpty && !terms.contains(t) { terms.append(t) }

        let full = try OrdinaryLeastSquares.fit(response: y, design: design)
        let scale = full.rss / Double(full.residualDF)
        var rows: [AnovaTerm] = []
        for term in terms {
            let containers = terms.filter { $0 != term && Set(term).isSubset(of: Set($0)) }
            let withTerm = columnTerms.indices.filter { c in !containers.contains(columnTerms[c]) }
            let without = withTerm.filter { columnTerms[$0] != term }
            let larger = try OrdinaryLeastSquares.fit(response: y, columns: withTerm, of: design)
            let smaller = try OrdinaryLeastSquares.fit(response: y, columns: without, of: design)
            let df = Double(withTerm.count - without.count)
            let ss = max(0, smaller.rss - larger.rss)
            let f = ss / df / scale
            rows.append(AnovaTerm(term: term.map { factors[$0].name }.joined(separator: ":"), sumSq: ss, df: df, f: f,
                                  p: FDistribution.upperTail(f, df1: df, df2: Double(full.residualDF))))
        }
        rows.append(AnovaTerm(term: "residual", sumSq: full.rss, df: Double(full.residualDF), f: .nan, p: .nan))
        return rows
    }

    /// The factors (by index) a design column belongs to, from its R-style
    /// name: "(Intercept)" → [], "categoryCommunion:modelB" → [0, 2].
    static func termOf(column: String, factors: [Factor]) throws -> [Int] {
        if column == "(Intercept)" { return [] }
        return try column.split(separator: ":").map { part -> Int in
            let hit = factors.indices.first { f in factors[f].levels.dropFirst().contains { factors[f].name + $0 == part } }
            guard let hit else { throw StatsError("ANOVA: cannot tell which factor the design column \(column) belongs to") }
            return hit
        }.sorted()
    }
}
