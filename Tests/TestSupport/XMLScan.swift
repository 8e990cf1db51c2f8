import Foundation
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// One XML reader for every test that looks inside markup we write (SVG
/// figures, XHTML pages, table fragments): whether it is well-formed, and
/// its elements with their attributes and text, links and ids.
public final class XMLScan: NSObject, XMLParserDelegate {
    public struct Element: Sendable {
        public var name: String
        public var attributes: [String: String]
        /// All character data inside the element, its descendants' included.
        public var text: String
    }

    /// Elements in document order (of their start tags).
    public private(set) var elements: [Element] = []
    /// The parse error, nil when the text is well-formed.
    public private(set) var error: Error?
    /// All character data, in document order.
    public private(set) var text = ""
    /// Every `href` and `src` value, in document order.
    public private(set) var links: [String] = []
    /// Every `id` value.
    public private(set) var ids: Set<String> = []
    private var open: [Int] = []

    public init(_ markup: String) {
        super.init()
        let parser = XMLParser(data: Data(markup.utf8))
        parser.delegate = self
        if !parser.parse() { error = error ?? parser.parserError ?? NSError(domain: "XMLScan", code: 1) }
    }

    public var isWellFormed: Bool { error == nil }
    /// Element names in document order.
    public var names: [String] { elements.map(\.name) }
    /// Text of all elements named `name`, in document order.
    public func texts(of name: String) -> [String] { elements.filter { $0.name == name }.map(\.text) }

    public func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                       attributes: [String: String] = [:]) {
        elements.append(Element(name: name, attributes: attributes, text: ""))
        open.append(elements.count - 1)
        if let id = attributes["id"] { ids.insert(id) }
        for key in ["href", "src"] { if let v = attributes[key] { links.append(v) } }
    }

    public func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        open.removeLast()
    }

    public func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
        for index in open { elements[index].text += string }
    }

    public func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }
}

/// The scan of `markup`, or a recorded test failure (and a thrown error, as
/// `XCTUnwrap` does) when it is not well-formed.
public func wellFormed(_ markup: String, _ message: @autoclosure () -> String = "",
                       file: StaticString = #filePath, line: UInt = #line) throws -> XMLScan {
    let scan = XMLScan(markup)
    return try XCTUnwrap(scan.isWellFormed ? scan : nil,
                         "not well-formed (\(String(describing: scan.error))): \(message())", file: file, line: line)
}
