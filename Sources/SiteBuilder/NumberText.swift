import OutputFormat

/// How numbers read on the pages. One place, so every page uses the same
/// conventions (and rebuilds are byte-identical). The digits are C's printf
/// conversions (`PrintfNumber`: what `String(format:)` prints, faster).
enum NumberText {
    /// `%.<decimals>f`, without a sign on a value that rounds to zero.
    static func fixed(_ x: Double, decimals: Int) -> String {
        guard x.isFinite else { return "NA" }
        let s = PrintfNumber.format(x, .fixed, precision: decimals)
        // Avoid "-0.00" for values that round to zero: a "-" followed by zeros and the point only.
        if s.hasPrefix("-"), s.utf8.dropFirst().allSatisfy({ $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: ".") }) {
            return String(s.dropFirst())
        }
        return s
    }

    /// p-values: 4 decimals down to .0001, then two significant digits in
    /// scientific notation; an underflowed 0 is shown as "< 1e-300".
    /// `atMost`: the value is a bound (a permutation p at its floor), shown "≤ …".
    static func pValue(_ p: Double, atMost: Bool) -> String {
        atMost ? "≤ " + pValue(p) : pValue(p)
    }

    static func pValue(_ p: Double) -> String {
        guard p.isFinite else { return "NA" }
        if p == 0 { return "< 1e-300" }
        if p >= 0.0001 { return PrintfNumber.format(p, .fixed, precision: 4) }
        return PrintfNumber.format(p, .scientific, precision: 2)
    }

    /// Thousands separators from five digits on (1080, 10,000), for negative
    /// numbers too (-12,345, not -12345 beside 12,345).
    static func integer(_ n: Int) -> String {
        guard n.magnitude >= 10_000 else { return String(n) }
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + String(out.reversed())
    }
}
