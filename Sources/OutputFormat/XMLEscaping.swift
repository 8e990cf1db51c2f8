/// Escapes text for XML/SVG/HTML character data and attribute values: the
/// one rule for all markup Backbone writes (charts, pages, the diff's Markdown).
///
/// Data strings (model tokens) are hostile: they contain markup, quotes,
/// control characters and invalid bytes. XML 1.0 forbids most C0 controls
/// even as character references, so those are replaced by visible `\u{1}`
/// style text rather than dropped; a CR too, because parsers would silently
/// turn it into a line break.
public func xmlEscaped(_ text: String) -> String {
    if isXMLPlain(text) { return text }
    var out = ""
    out.reserveCapacity(text.utf8.count)
    appendXMLEscapedScalars(text, to: &out)
    return out
}

/// `xmlEscaped(text)` appended to `out`: the serialisers write a whole
/// document into one string, without a temporary per attribute value.
public func appendXMLEscaped(_ text: String, to out: inout String) {
    if isXMLPlain(text) { out += text } else { appendXMLEscapedScalars(text, to: &out) }
}

/// `xmlEscaped(text)` appended as UTF-8 bytes, for serialisers that build
/// a document as bytes (an SVG chart is thousands of small appends, which
/// cost several times more on a `String`). Text that needs escaping (a
/// tooltip with an arrow, a hostile token) is escaped straight into the
/// bytes: through a temporary `String` it was a third of writing a large
/// heat map.
package func appendXMLEscaped(_ text: String, to out: inout [UInt8]) {
    if isXMLPlain(text) {
        out.append(contentsOf: text.utf8)
    } else {
        appendXMLEscapedScalars(text, to: &out)
    }
}

/// Text the rule leaves as it is, judged on its bytes: printable ASCII
/// without `& < > " '`, plus tab and line feed. Nearly every attribute value
/// (numbers, colours, class names) is such text and is copied whole.
package func isXMLPlain(_ text: String) -> Bool {
    text.utf8.allSatisfy { byte in
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): return false
        case 0x20...0x7E, UInt8(ascii: "\t"), UInt8(ascii: "\n"): return true
        default: return false
        }
    }
}

/// The rule itself, one scalar at a time, into a `String` or UTF-8 bytes
/// (the same scalars either way).
package func appendXMLEscapedScalars<Output: XMLEscapedOutput>(_ text: String, to out: inout Output) {
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": out.appendASCII("&amp;")
        case "<": out.appendASCII("&lt;")
        case ">": out.appendASCII("&gt;")
        case "\"": out.appendASCII("&quot;")
        case "'": out.appendASCII("&#39;")
        case "\t", "\n": out.appendScalar(scalar)
        default:
            let v = scalar.value
            if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || (0xFDD0...0xFDEF).contains(v) || v & 0xFFFE == 0xFFFE {
                out.appendASCII("\\u{\(String(v, radix: 16, uppercase: true))}")
            } else {
                out.appendScalar(scalar)
            }
        }
    }
}

/// Where the escaping rule writes.
package protocol XMLEscapedOutput {
    /// Appends ASCII text (an entity or a visible replacement).
    mutating func appendASCII(_ text: String)
    mutating func appendScalar(_ scalar: Unicode.Scalar)
}

extension String: XMLEscapedOutput {
    package mutating func appendASCII(_ text: String) { self += text }
    package mutating func appendScalar(_ scalar: Unicode.Scalar) { unicodeScalars.append(scalar) }
}

extension Array: XMLEscapedOutput where Element == UInt8 {
    package mutating func appendASCII(_ text: String) { append(contentsOf: text.utf8) }
    package mutating func appendScalar(_ scalar: Unicode.Scalar) {
        if scalar.isASCII { append(UInt8(truncatingIfNeeded: scalar.value)) } else { UTF8.encode(scalar) { append($0) } }
    }
}
