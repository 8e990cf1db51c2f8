/// Control characters in text that is not markup: values that Mustache
/// escapes itself, CSV cells. (Markup is escaped in one place only: the
/// renderer of `HTMLNode`, which shows the same characters the same way.)
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

    /// A string as escaped HTML text, exactly as `HTMLNode` renders a text
    /// node (its renderer is where all escaping happens). No page calls this:
    /// every page builds an `HTMLNode` tree. It is here for the tests — one
    /// that looks for a generated sentence on a page must look for the
    /// escaped form (a `'` in the sentence is `&#39;` in the file), and the
    /// escaping tests pin the text rule through it.
    static func escape(_ text: String) -> String {
        HTMLNode.text(text).rendered()
    }
}
