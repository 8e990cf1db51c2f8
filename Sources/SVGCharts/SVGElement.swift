import OutputFormat

/// A tiny SVG/XML tree whose serialisation is the only place text reaches
/// the output — so every attribute value and text node is escaped by
/// construction, and no chart code can forget to.
public indirect enum SVGNode: Equatable, Sendable {
    case element(SVGElement)
    /// Character data; escaped when serialised.
    case text(String)
}

/// One element with ordered attributes (order is kept for byte-identical
/// output) and children.
public struct SVGElement: Equatable, Sendable {
    /// Tag name; always a constant from chart code, never data.
    public var name: String
    /// Attribute name/value pairs; names are constants, values are escaped.
    public var attributes: [(name: String, value: String)]
    public var children: [SVGNode]

    public init(_ name: String, _ attributes: [(String, String)] = [], children: [SVGNode] = []) {
        self.name = name
        self.attributes = attributes.map { (name: $0.0, value: $0.1) }
        self.children = children
    }

    /// An element holding only text, e.g. `<title>`.
    public init(_ name: String, _ attributes: [(String, String)] = [], text: String) {
        self.init(name, attributes, children: [.text(text)])
    }

    public static func == (lhs: SVGElement, rhs: SVGElement) -> Bool {
        lhs.name == rhs.name && lhs.children == rhs.children
            && lhs.attributes.map(\.name) == rhs.attributes.map(\.name)
            && lhs.attributes.map(\.value) == rhs.attributes.map(\.value)
    }

    /// Adds an attribute (returns a copy, for building in expressions).
    public func with(_ name: String, _ value: String) -> SVGElement {
        var copy = self
        copy.attributes.append((name: name, value: value))
        return copy
    }

    /// Adds children (returns a copy).
    public func appending(_ nodes: [SVGNode]) -> SVGElement {
        var copy = self
        copy.children += nodes
        return copy
    }

    /// Serialises the subtree. Elements with only text children stay on one
    /// line so whitespace does not leak into `<title>` or `<text>` content.
    public func serialized() -> String {
        var out = ""
        write(into: &out, depth: 0)
        return out
    }

    func write(into out: inout String, depth: Int) {
        // Appended piece by piece: a chart is thousands of elements, and
        // `a + b + c` would build a temporary string for each.
        let indent = String(repeating: "  ", count: depth)
        out += indent
        out += "<"
        out += name
        for attribute in attributes {
            out += " "
            out += attribute.name
            out += "=\""
            appendXMLEscaped(attribute.value, to: &out)
            out += "\""
        }
        if children.isEmpty {
            out += "/>\n"
            return
        }
        // Text, and shapes whose only child is their tooltip title, go on one line.
        let inline = children.allSatisfy { child in
            switch child {
            case .text: return true
            case .element(let e): return e.name == "title"
            }
        } || name == "text" || name == "title" || name == "desc"
        if inline {
            out += ">"
            for child in children { child.writeInline(into: &out) }
            out += "</"
            out += name
            out += ">\n"
            return
        }
        out += ">\n"
        for child in children {
            switch child {
            case .element(let element): element.write(into: &out, depth: depth + 1)
            case .text(let text):
                out += indent
                out += "  "
                appendXMLEscaped(text, to: &out)
                out += "\n"
            }
        }
        out += indent
        out += "</"
        out += name
        out += ">\n"
    }
}

extension SVGNode {
    func writeInline(into out: inout String) {
        switch self {
        case .text(let text): appendXMLEscaped(text, to: &out)
        case .element(let element):
            var inner = ""
            element.write(into: &inner, depth: 0)
            if inner.hasSuffix("\n") { inner.removeLast() }
            out += inner
        }
    }
}

/// Shorthand for numeric attribute values at the fixed coordinate precision.
@inline(__always) func num(_ value: Double) -> String { SVGNumber.coordinate(value) }
