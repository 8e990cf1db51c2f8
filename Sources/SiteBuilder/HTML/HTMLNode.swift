import OutputFormat
import SVGCharts

/// An HTML fragment as a tree: elements with ordered attributes and
/// children, and text. Rendering the tree is the only place in SiteBuilder
/// where a string becomes markup, so every text node and attribute value is
/// escaped by construction — a string from the data or the manifest can only
/// ever be a text node or an attribute value, never markup, and no page code
/// can forget to escape it.
///
/// Why our own small tree and not JohnSundell/Plot 0.14.0 (which is among the
/// machine's package copies): Plot does not escape attribute values at all
/// (`name="\(value)"`, so a `"` in a model name would end the attribute), its
/// text escaping passes entity-like data through (`&amp;` in a token stays
/// `&amp;` and reads as `&` on the page, not as what the file holds), and it
/// neither shows nor removes the control characters and noncharacters that
/// make a page ill-formed. Working around that would mean escaping by hand
/// before handing strings to it — the very thing the tree is for. Our tree is
/// one small file with the same rule as the charts' SVG tree
/// (`SVGCharts.SVGElement`, via `xmlEscaped`), renders compactly and
/// deterministically (attributes in the order given, no whitespace added), is
/// made of `Sendable` value types (no shared state, as Swift 6 checks), and
/// costs no dependency to build.
///
/// The page shells stay Mustache templates (`templates/layout.mustache`,
/// replaceable with `--templates`) and the page prose stays Markdown with
/// Mustache tags (`content/pages/`), so authors edit words without Swift; the
/// tree builds every fragment that Swift code puts into them (tables,
/// figures, notices, lists), which prose inserts with `{{{…}}}`.
enum HTMLNode: Equatable, Sendable {
    case element(HTMLElement)
    /// Character data; escaped when rendered.
    case text(String)
    /// Markup another renderer made that escapes by construction (see
    /// `TrustedMarkup`); inserted as it is.
    case trusted(TrustedMarkup)
}

/// One element: a tag name and attribute names that are always constants of
/// the code, attribute values that are escaped when rendered, and children.
struct HTMLElement: Equatable, Sendable {
    struct Attribute: Equatable, Sendable {
        var name: String
        var value: String
    }

    /// Elements that have no content and no end tag in HTML; rendered as
    /// `<img … />` so a page stays well-formed XML too.
    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]

    var name: String
    var attributes: [Attribute]
    var children: [HTMLNode]

    init(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], _ children: [HTMLNode] = []) {
        precondition(Self.isName(name) && attributes.allSatisfy { Self.isName($0.key) }, "tag and attribute names are constants of the code")
        precondition(children.isEmpty || !Self.voidElements.contains(name), "<\(name)> is a void element: it has no children")
        self.name = name
        self.attributes = attributes.map { Attribute(name: $0.key, value: $0.value) }
        self.children = children
    }

    /// Lower-case ASCII letters, digits and `-`, starting with a letter.
    static func isName(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}

/// Markup that is not built by this tree but by a renderer that escapes by
/// construction itself. Exactly two producers exist, each with its own
/// constructor so every use is named: the charts' SVG (SVGCharts'
/// `SVGElement` tree escapes every value) and libcmark's HTML of the page
/// prose in `content/pages/` (text we wrote, never data).
struct TrustedMarkup: Equatable, Sendable {
    let markup: String
    private init(_ markup: String) { self.markup = markup }

    /// An SVG document serialised by SVGCharts.
    static func svg(_ serialised: String) -> TrustedMarkup { TrustedMarkup(serialised) }

    /// HTML that libcmark rendered from page prose (`Markdown.html`).
    static func prose(_ html: String) -> TrustedMarkup { TrustedMarkup(html) }
}

// MARK: - Rendering (the one place where escaping happens)

extension HTMLNode {
    /// The fragment as HTML: compact (no whitespace is added), attributes in
    /// the order given, so the same tree always gives the same bytes.
    func rendered() -> String {
        var out = ""
        render(into: &out)
        return out
    }

    func render(into out: inout String) {
        switch self {
        case .text(let text): appendXMLEscaped(text, to: &out)   // = Self.escaped(text), without a temporary
        case .trusted(let markup): out += markup.markup
        case .element(let e):
            out += "<"
            out += e.name
            for attribute in e.attributes {
                out += " "
                out += attribute.name
                out += "=\""
                out += Self.escapedAttribute(attribute.value)
                out += "\""
            }
            if HTMLElement.voidElements.contains(e.name) {
                out += " />"
                return
            }
            out += ">"
            for child in e.children { child.render(into: &out) }
            out += "</"
            out += e.name
            out += ">"
        }
    }

    /// Markup characters (`& < > " '`) become entities; control characters
    /// and noncharacters, which HTML forbids, become visible `\u{…}` text —
    /// a bare CR included, since a parser would silently turn it into LF.
    /// The same rule as the charts' SVG text, so all markup we write agrees.
    private static func escaped(_ text: String) -> String { xmlEscaped(text) }

    /// As `escaped`, and newline and tab as character references: an XML
    /// parser (the site checks read pages as XML) would turn them into spaces
    /// inside an attribute value, so the value would read back changed.
    private static func escapedAttribute(_ value: String) -> String {
        let text = escaped(value)
        guard text.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\t" }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "&#10;"
            case "\t": out += "&#9;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension Array where Element == HTMLNode {
    /// The nodes one after the other.
    func rendered() -> String {
        var out = ""
        for node in self { node.render(into: &out) }
        return out
    }
}

// MARK: - Building

extension HTMLNode: ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
    /// A string literal (or interpolation) in a tree is text: escaped like any other.
    init(stringLiteral value: String) { self = .text(value) }
}

extension HTMLNode {
    static func element(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], _ children: [HTMLNode] = []) -> HTMLNode {
        .element(HTMLElement(name, attributes, children))
    }

    static func p(_ children: [HTMLNode]) -> HTMLNode { .element("p", [:], children) }
    static func p(class name: String, _ children: [HTMLNode]) -> HTMLNode { .element("p", ["class": name], children) }
    static func div(class name: String, _ children: [HTMLNode]) -> HTMLNode { .element("div", ["class": name], children) }
    static func code(_ text: String) -> HTMLNode { .element("code", [:], [.text(text)]) }
    static func strong(_ text: String) -> HTMLNode { .element("strong", [:], [.text(text)]) }
    static func a(href: String, _ children: [HTMLNode]) -> HTMLNode { .element("a", ["href": href], children) }
    /// A `<ul>` with one `<li>` per item.
    static func ul(_ items: [[HTMLNode]]) -> HTMLNode { .element("ul", [:], items.map { .element("li", [:], $0) }) }

    /// The nodes with `separator` between each two, e.g. `code` names joined by ", ".
    static func joined(_ nodes: [HTMLNode], separator: String) -> [HTMLNode] {
        var out: [HTMLNode] = []
        for (i, node) in nodes.enumerated() {
            if i > 0 { out.append(.text(separator)) }
            out.append(node)
        }
        return out
    }

    /// "A", "A and B", "A, B and C".
    static func listed(_ nodes: [HTMLNode]) -> [HTMLNode] {
        guard nodes.count > 2 else { return joined(nodes, separator: " and ") }
        return joined(Array(nodes.dropLast()), separator: ", ") + [" and ", nodes[nodes.count - 1]]
    }
}
