import CLibXML2
import Foundation

/// What one XML parse saw: well-formedness, link targets, element ids, and
/// the text of the page outside tables, code and figures (`prose`). A value,
/// so the scans of many files can be made in parallel and collected.
///
/// libxml2's SAX2 interface is driven directly. FoundationXML's `XMLParser`
/// (libxml2 underneath too) made a `String` of every element name and text
/// run and a dictionary of every element's attributes, three quarters of the
/// site check's time on a site of a few MB; here only the attributes the
/// check reads become strings. It reads what `XMLParser` read: entities
/// substituted, no DTD or network loads, names as written (`xlink:href`),
/// CDATA and ignorable whitespace not counted as prose. It is stricter in one
/// way: the document's end is checked too (a page cut short is an error).
struct MarkupScan: Sendable {
    var links: [String] = []
    var ids: Set<String> = []
    var error: String?
    var prose = ""

    static func scan(_ data: Data) -> MarkupScan {
        _ = libxml2Ready
        guard data.count <= Int(Int32.max) else { return MarkupScan(error: "too large to check (\(data.count) bytes)") }
        let collector = MarkupCollector()
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.startElementNs = { context, name, prefix, _, _, _, attributeCount, _, attributes in
            MarkupCollector.from(context).start(name: name, prefix: prefix, attributeCount: Int(attributeCount), attributes: attributes)
        }
        handler.endElementNs = { context, name, prefix, _ in MarkupCollector.from(context).end(name: name, prefix: prefix) }
        handler.characters = { context, bytes, count in MarkupCollector.from(context).text(bytes, count: Int(count)) }
        handler.cdataBlock = { _, _, _ in }
        handler.serror = { context, error in MarkupCollector.from(context).fail(error) }
        withExtendedLifetime(collector) {
            let context = Unmanaged.passUnretained(collector).toOpaque()
            guard let parser = xmlCreatePushParserCtxt(&handler, context, nil, 0, nil) else {
                collector.scan.error = "the XML parser could not start"
                return
            }
            defer { xmlFreeParserCtxt(parser) }
            _ = xmlCtxtUseOptions(parser, Int32(XML_PARSE_NOENT.rawValue | XML_PARSE_NONET.rawValue))
            let status = data.withUnsafeBytes { raw in
                xmlParseChunk(parser, raw.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(raw.count), 1)
            }
            if collector.scan.error == nil, status != 0 {
                collector.scan.error = "parse failed (libxml2 error \(status))"
            }
        }
        return collector.finished()
    }
}

/// libxml2's one-time set-up, done before any two threads parse at once.
private let libxml2Ready: Void = xmlInitParser()

/// Receives libxml2's events for one `MarkupScan`.
private final class MarkupCollector {
    var scan = MarkupScan()
    private var prose: [UInt8] = []
    /// Elements whose text is data or code, not page prose.
    private static let notProse: [[UInt8]] = ["table", "code", "pre", "svg", "script", "style", "figure"].map { Array($0.utf8) }
    /// The attributes that hold links, in the order their values are listed (per element).
    private static let linkAttributes: [(prefix: [UInt8]?, name: [UInt8])] =
        [(nil, "href"), (nil, "src"), ("xlink", "href"), (nil, "action"), (nil, "poster")].map { ($0.0.map { Array($0.utf8) }, Array($0.1.utf8)) }
    private static let id = Array("id".utf8)
    private var notProseDepth = 0

    static func from(_ context: UnsafeMutableRawPointer?) -> MarkupCollector {
        Unmanaged<MarkupCollector>.fromOpaque(context!).takeUnretainedValue()
    }

    /// `attributes`: libxml2's five pointers per attribute (name, prefix,
    /// namespace, value start, value end).
    func start(name: UnsafePointer<xmlChar>?, prefix: UnsafePointer<xmlChar>?, attributeCount: Int,
               attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        var links: [String?] = [nil, nil, nil, nil, nil]
        for k in 0..<attributeCount {
            guard let a = attributes?.advanced(by: 5 * k), let start = a[3], let end = a[4] else { continue }
            let attributeName = a[0], attributePrefix = a[1]
            let value = { String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self) }
            if attributePrefix == nil, Self.equal(attributeName, Self.id) { scan.ids.insert(value()) }
            for (slot, link) in Self.linkAttributes.enumerated()
            where Self.equal(attributeName, link.name) && (link.prefix.map { Self.equal(attributePrefix, $0) } ?? (attributePrefix == nil)) {
                links[slot] = value()
            }
        }
        for link in links { if let link { scan.links.append(link) } }
        if prefix == nil, Self.notProse.contains(where: { Self.equal(name, $0) }) { notProseDepth += 1 }
        prose.append(0x0A)
    }

    func end(name: UnsafePointer<xmlChar>?, prefix: UnsafePointer<xmlChar>?) {
        if prefix == nil, Self.notProse.contains(where: { Self.equal(name, $0) }) { notProseDepth -= 1 }
        prose.append(0x0A)
    }

    func text(_ bytes: UnsafePointer<xmlChar>?, count: Int) {
        guard notProseDepth == 0, let bytes, count > 0 else { return }
        prose.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
    }

    /// Keeps the first error (libxml2 also reports warnings here).
    func fail(_ error: UnsafePointer<xmlError>?) {
        guard scan.error == nil, let error = error?.pointee, error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        let message = error.message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? "error \(error.code)"
        scan.error = "line \(error.line), column \(error.int2): \(message)"
    }

    func finished() -> MarkupScan {
        scan.prose = String(decoding: prose, as: UTF8.self)
        return scan
    }

    /// Whether the C string `c` has exactly the bytes `literal`.
    private static func equal(_ c: UnsafePointer<xmlChar>?, _ literal: [UInt8]) -> Bool {
        guard let c else { return false }
        for (k, byte) in literal.enumerated() where c[k] != byte { return false }
        return c[literal.count] == 0
    }
}
