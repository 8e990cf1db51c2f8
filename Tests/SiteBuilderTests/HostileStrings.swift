import Foundation

/// Strings that have broken (or could break) CSV, HTML, JSON or Markdown
/// output somewhere: markup openers, entities, quotes and separators, line
/// ends of every kind, NUL and other controls, invisible and bidi format
/// characters, private use, multi-scalar emoji, and one very long value.
enum HostileStrings {
    static let all: [String] = [
        "<section",
        "<!--[",
        "]]>",
        "&amp;",
        "&",
        "\"",
        "\"\"",
        "\"quoted\"",
        ",",
        "a,b",
        "'",
        "\r",
        "\n",
        "\r\n",
        "x\ry",
        "line1\nline2",
        "\t",
        "\u{0}",
        "a\u{0}b",
        "\u{1B}[31m",
        "\u{7F}",
        "\u{85}",
        "\u{202E}evil",
        "\u{200B}",
        "\u{2028}",
        "\u{FEFF}x",
        "\u{E000}",
        "😀",
        "👩‍👩‍👧",
        "e\u{301}",
        "爱",
        " ",
        " leading",
        "trailing ",
        "",
        "NA",
        "\\",
        "\\xFF",
        "{{x}}",
        "**bold**",
        String(repeating: "long,\"value\"\r\n<b>&", count: 2_000),
    ]
}
