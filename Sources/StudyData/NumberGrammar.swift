import Foundation

/// The one grammar for numbers in every data file Backbone reads (score
/// tables, log-prob tables, checkpoint tables, training summaries): an
/// optional sign, decimal digits with an optional point, an optional
/// exponent, or `inf`/`infinity` with an optional sign — exactly what
/// `DecimalParser` accepts for the log-prob tables. Hexadecimal floats,
/// `nan`, surrounding blanks and digit separators are not numbers, in any
/// file, so the same text is read the same way wherever it appears. Each
/// reader then says which values it admits (finite scores, log-probs ≤ 0).
public enum NumberGrammar {
    public static func parse(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return nil }
            return DecimalParser.parse(base, 0, bytes.count)
        }
    }
}
