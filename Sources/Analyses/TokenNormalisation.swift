/// How a decoded token becomes a dictionary word (Docs/Methods.md#token-normalisation): drop every
/// non-ASCII character (sentencepiece `▁`, byte-fallback debris), trim
/// whitespace, lowercase. So ` Love`, `Love`, `▁love` all count as `love`,
/// and their scores are averaged as variants of one word.
public enum TokenNormalisation {
    public static func normalise(_ token: String) -> String {
        var ascii = String.UnicodeScalarView()
        for scalar in token.unicodeScalars where scalar.isASCII { ascii.append(scalar) }
        return String(ascii).trimmingASCIIWhitespace().lowercased()
    }
}

private extension String {
    /// Trims what Python's `str.strip()` trims in ASCII text: space, tab, LF,
    /// VT, FF, CR and the separators U+001C…U+001F.
    func trimmingASCIIWhitespace() -> String {
        let space: Set<Unicode.Scalar> = [" ", "\t", "\n", "\u{0B}", "\u{0C}", "\r", "\u{1C}", "\u{1D}", "\u{1E}", "\u{1F}"]
        let scalars = Array(unicodeScalars)
        guard let start = scalars.firstIndex(where: { !space.contains($0) }),
              let end = scalars.lastIndex(where: { !space.contains($0) }) else { return "" }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[start...end])
        return String(out)
    }
}
