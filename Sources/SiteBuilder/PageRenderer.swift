import Foundation
import Mustache

/// Turns a page's prose (Markdown with Mustache tags) into a finished HTML page.
///
/// Order matters for safety: Markdown is rendered first, on prose we wrote;
/// Mustache then fills values into the HTML, escaping plain values, and
/// inserting our own pre-escaped tables and SVG with triple braces. So no data
/// string is ever interpreted as Markdown.
struct PageRenderer {
    var layout: MustacheTemplate
    var layoutPath: String

    init(templatesFolder: URL) throws {
        let url = templatesFolder.appendingPathComponent("layout.mustache")
        layoutPath = url.path
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw SiteError("cannot read the page layout \(url.path); pass --templates DIR with the folder holding layout.mustache")
        }
        do { layout = try MustacheTemplate(string: text) } catch {
            throw SiteError("\(url.path): invalid Mustache template (\(error))")
        }
    }

    /// Renders one page body from its Markdown source, checking first that
    /// every top-level tag names a value the build computed — swift-mustache
    /// renders unknown names as empty text, which would silently drop numbers.
    func body(markdown: String, sourcePath: String, context: [String: Any]) throws -> String {
        try Self.checkTags(markdown, sourcePath: sourcePath, context: context)
        let html = Self.addTableOfContents(Self.addHeadingIDs(Markdown.html(markdown)))
        let template: MustacheTemplate
        do { template = try MustacheTemplate(string: html) } catch {
            throw SiteError("\(sourcePath): invalid Mustache tag (\(error))")
        }
        return template.render(context)
    }

    func page(title: String, body: String, navigation: [[String: Any]], siteTitle: String, citation: String) -> String {
        layout.render([
            "title": HTML.visibleControls(title),
            "site_title": HTML.visibleControls(siteTitle),
            "nav": navigation,
            "content": body,
            "citation": HTML.visibleControls(citation),
        ] as [String: Any])
    }

    static func checkTags(_ source: String, sourcePath: String, context: [String: Any]) throws {
        let pattern = try! NSRegularExpression(pattern: #"\{\{(\{?)\s*([#^/&]?)\s*([A-Za-z0-9_.]+)\s*\}?\}\}"#)
        var depth = 0
        let lines = source.components(separatedBy: "\n")
        for (index, line) in lines.enumerated() {
            let ns = line as NSString
            for match in pattern.matches(in: line, range: NSRange(location: 0, length: ns.length)) {
                let kind = ns.substring(with: match.range(at: 2))
                let name = ns.substring(with: match.range(at: 3))
                switch kind {
                case "#", "^":
                    if depth == 0, lookup(name, in: context) == nil {
                        throw SiteError("\(sourcePath):\(index + 1): the section {{\(kind)\(name)}} names no computed value")
                    }
                    depth += 1
                case "/": depth -= 1
                default:
                    if depth == 0, lookup(name, in: context) == nil {
                        throw SiteError("\(sourcePath):\(index + 1): {{\(name)}} names no computed value")
                    }
                }
            }
        }
    }

    /// cmark emits bare `<h2>`/`<h3>`; tables of contents and cross-page links
    /// need stable anchors, so each gets an id slugged from its text.
    static func addHeadingIDs(_ html: String) -> String {
        let pattern = try! NSRegularExpression(pattern: #"<h([23])>(.*?)</h\1>"#)
        let ns = html as NSString
        var out = ""
        var last = 0
        var used = Set<String>()
        for m in pattern.matches(in: html, range: NSRange(location: 0, length: ns.length)) {
            out += ns.substring(with: NSRange(location: last, length: m.range.location - last))
            let level = ns.substring(with: m.range(at: 1))
            let inner = ns.substring(with: m.range(at: 2))
            var slug = slugify(inner)
            var n = 2
            while used.contains(slug) { slug = slugify(inner) + "-\(n)"; n += 1 }
            used.insert(slug)
            out += HTMLNode.element("h" + level, ["id": slug], [.trusted(.prose(inner))]).rendered()
            last = m.range.location + m.range.length
        }
        out += ns.substring(from: last)
        return out
    }

    /// Every page with two or more sections gets a table of contents of its
    /// `<h2>`s, placed before the first one, so no page has to keep its own
    /// list in step with its headings.
    static func addTableOfContents(_ html: String) -> String {
        let pattern = try! NSRegularExpression(pattern: #"<h2 id="([^"]+)">(.*?)</h2>"#)
        let ns = html as NSString
        let matches = pattern.matches(in: html, range: NSRange(location: 0, length: ns.length))
        guard matches.count >= 2, let first = matches.first else { return html }
        let items = matches.map { m -> HTMLNode in
            let id = ns.substring(with: m.range(at: 1))
            // The heading's prose without its inline tags (still escaped as libcmark wrote it).
            let text = ns.substring(with: m.range(at: 2)).replacingOccurrences(of: #"<[^>]*>"#, with: "", options: .regularExpression)
            return .element("li", [:], [.a(href: "#" + id, [.trusted(.prose(text))])])
        }
        let toc: [HTMLNode] = [
            .element("nav", ["class": "toc", "aria-label": "On this page"], ["\n", .element("ul", [:], ["\n"] + HTMLNode.joined(items, separator: "\n") + ["\n"]), "\n"]),
            "\n",
        ]
        return ns.substring(to: first.range.location) + toc.rendered() + ns.substring(from: first.range.location)
    }

    static func slugify(_ html: String) -> String {
        let text = html.replacingOccurrences(of: #"<[^>]*>"#, with: "", options: .regularExpression)
            .replacingOccurrences(of: #"&[a-z]+;"#, with: "", options: .regularExpression)
        var slug = ""
        var dash = false
        for ch in text.lowercased().unicodeScalars {
            if (ch >= "a" && ch <= "z") || (ch >= "0" && ch <= "9") {
                slug.unicodeScalars.append(ch); dash = false
            } else if !dash && !slug.isEmpty {
                slug += "-"; dash = true
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug.isEmpty ? "section" : slug
    }

    static func lookup(_ dotted: String, in context: [String: Any]) -> Any? {
        var current: Any = context
        for part in dotted.split(separator: ".") {
            guard let dict = current as? [String: Any], let next = dict[String(part)] else { return nil }
            current = next
        }
        return current
    }
}
