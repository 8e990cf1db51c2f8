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
        var out: [UInt8] = []
        out.reserveCapacity(1 << 14)
        write(into: &out, depth: 0)
        return String(decoding: out, as: UTF8.self)
    }

    /// Written as UTF-8 bytes, piece by piece: a chart is thousands of
    /// elements, and appending to a `String` (capacity, uniqueness and
    /// encoding checks on every piece) cost several times more.
    func write(into out: inout [UInt8], depth: Int) {
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
        out.append(UInt8(ascii: "<"))
        out.append(contentsOf: name.utf8)
        for attribute in attributes {
            out.append(UInt8(ascii: " "))
            out.append(contentsOf: attribute.name.utf8)
            out.append(contentsOf: "=\"".utf8)
            appendXMLEscaped(attribute.value, to: &out)
            out.append(UInt8(ascii: "\""))
        }
        if children.isEmpty {
            out.append(contentsOf: "/>\n".utf8)
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
            out.append(UInt8(ascii: ">"))
            for child in children { child.writeInline(into: &out) }
            out.append(contentsOf: "</".utf8)
            out.append(contentsOf: name.utf8)
            out.append(contentsOf: ">\n".utf8)
            return
        }
        out.append(contentsOf: ">\n".utf8)
        for child in children {
            switch child {
            case .element(let element): element.write(into: &out, depth: depth + 1)
            case .text(let text):
                out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth + 2))
                appendXMLEscaped(text, to: &out)
                out.append(UInt8(ascii: "\n"))
            }
        }
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
        out.append(contentsOf: "</".utf8)
        out.append(contentsOf: name.utf8)
        out.append(contentsOf: ">\n".utf8)
    }
}

extension SVGNode {
    /// An inline child: text escaped, an element at depth 0 without its
    /// closing line break (every element's text ends in ">\n").
    func writeInline(into out: inout [UInt8]) {
        switch self {
        case .text(let text): appendXMLEscaped(text, to: &out)
        case .element(let element):
            element.write(into: &out, depth: 0)
            if out.last == UInt8(ascii: "\n") { out.removeLast() }
        }
    }
}

/// Shorthand for numeric attribute values at the fixed coordinate precision.
@inline(__always) func num(_ value: Double) -> String { SVGNumber.coordinate(value) }
