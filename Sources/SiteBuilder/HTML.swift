import OutputFormat

/// Escaping for HTML text and attribute values. Every string that comes from
/// data (answers, tokens, labels, file names) goes through here: markup
/// characters become entities, and control characters that HTML forbids are
/// shown as visible `\u{…}` escapes instead of disappearing.
enum HTML {
    /// Makes control characters visible without touching markup characters:
    /// for values that Mustache escapes itself (`{{x}}` handles `& < > " '`
    /// but passes NUL and other controls through, which HTML forbids).
    static func visibleControls(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isForbiddenControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isForbiddenControl(scalar) {
                out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Controls HTML forbids, and Unicode noncharacters (U+FDD0…U+FDEF and
    /// the last two code points of every plane, U+FFFE/U+FFFF among them,
    /// which XML forbids outright): one such character in a token would make
    /// a page ill-formed, so it is shown as an escape instead.
    static func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && scalar != "\n" && scalar != "\t") || v == 0x7F || (0x80...0x9F).contains(v)
            || (0xFDD0...0xFDEF).contains(v) || v & 0xFFFE == 0xFFFE
    }

    /// The same escaping as the charts' SVG text (one rule for all markup we
    /// write): markup characters become entities, and every control character
    /// that `visibleControls` makes visible becomes the same `\u{…}` text.
    /// That includes a bare CR: an HTML parser turns CR into LF, so a token
    /// like "a\rb" (the CSV reader keeps bare CRs as data) would read as
    /// "a b" on the page; it shows as `a\u{D}b`.
    static func escape(_ text: String) -> String {
        xmlEscaped(text)
    }
}
