/// The one corpus of strings that break naive report generators, for every
/// test target: markup and comment openers, CDATA, entity look-alikes, quotes
/// of every kind, bidi overrides, zero-width and private-use characters, NUL
/// and C0/C1 controls, line ends of every kind, Markdown and Mustache syntax,
/// CSV metacharacters, NaN look-alikes, very long strings. (Invalid UTF-8
/// cannot live in a Swift String; `invalidUTF8Bytes` are written into files
/// as raw bytes instead.)
public enum HostileStrings {
    public static let seeds: [String] = [
        "<section", "</section>", "<!--[", "<!--", "-->", "<![CDATA[", "]]>", "<center", "</svg>", "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>", "<a href=\"javascript:alert(1)\">", "<style>", "<?xml version=\"1.0\"?>", "<!DOCTYPE html>",
        "&", "&amp;", "&lt;", "&#0;", "&#x0;", "&nbsp;", "&bogus;", "&&", "a & b", "<>",
        "\"", "'", "`", "''", "\"\"", "“", "”", "‘", "’", "«", "»", "„", "\\\"", "\\",
        "(bodyParser", "**", "__", "*emph*", "_x_", "# heading", "- item", "> quote", "[link](http://x)", "![i](x.png)", "|a|b|",
        "{{x}}", "{{{x}}}", "{{#x}}", "{{/x}}", "{{>partial}}", "{{!comment}}", "${x}", "%s", "%n", "%@",
        ",", ",,", "a,b", "\"a,b\"", "\n", "\r", "\r\n", "\n\r", "\t", "line1\nline2", "bare\rCR",
        "\u{0}", "a\u{0}b", "\u{1}", "\u{7}", "\u{8}", "\u{B}", "\u{C}", "\u{1B}[31m", "\u{1F}", "\u{7F}", "\u{80}", "\u{85}", "\u{9F}",
        "\u{202E}", "abc\u{202E}def", "\u{202D}", "\u{2066}", "\u{2069}", "\u{200F}", "\u{200E}",
        "\u{200B}", "\u{200C}", "\u{200D}", "\u{FEFF}", "\u{2060}", "\u{00AD}",
        "\u{E000}", "\u{F8FF}", "\u{F0000}", "\u{10FFFD}", "\u{FFFD}", "\u{FFFC}", "\u{2028}", "\u{2029}",
        "爱", "自由", "Любовь", "حرية", "😀", "👩‍👩‍👧", "🇺🇳", "e\u{301}", "ﬁ", "Ⅻ",
        "NaN", "nan", "null", "NULL", "None", "NA", "N/A", "#N/A", "<NA>", "-nan", "1.#IND", "inf", "-inf", "0x1p3", "1e400", "",
        " ", "  leading", "trailing  ", "\u{A0}", "\u{3000}",
        // One hostile character inside or beside ordinary text.
        "\"quoted\"", "x\ry", "\u{202E}evil", "\u{FEFF}x", " leading", "trailing ", "\\xFF", "**bold**",
    ]

    /// The seeds, plus combinations and long strings: 200+ strings, all distinct.
    public static let corpus: [String] = {
        var out: [String] = []
        var seen = Set<String>()
        func add(_ s: String) { if seen.insert(s).inserted { out.append(s) } }
        seeds.forEach(add)
        for (i, s) in seeds.enumerated() where i % 2 == 0 { add("x" + s + "y") }
        for (i, s) in seeds.enumerated() where i % 3 == 0 { add(s + "<!--[" + s) }
        add(String(repeating: "<section", count: 200))
        add(String(repeating: "A", count: 5000))
        add(String(repeating: "\u{202E}\u{200B}&", count: 300))
        add(String(repeating: "long,\"value\"\r\n<b>&", count: 2_000))
        return out
    }()

    public static let invalidUTF8Bytes: [[UInt8]] = [[0xFF], [0xC3, 0x28], [0xE2, 0x82], [0xF0, 0x28, 0x8C, 0x28], [0xED, 0xA0, 0x80], [0x80, 0x80]]
}
