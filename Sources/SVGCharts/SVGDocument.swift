/// The root `<svg>` of a standalone figure, with the accessibility wiring
/// every figure needs: `role="img"`, `<title>` and `<desc>` referenced by
/// `aria-labelledby`, a `viewBox` so it scales, and system fonts only (no
/// external resources, so the site works offline and leaks nothing).
public struct SVGDocument {
    public var id: String
    public var width: Double
    public var height: Double
    public var title: String
    public var description: String
    public var body: [SVGElement]

    public init(id: String, width: Double, height: Double, title: String, description: String,
                body: [SVGElement]) {
        self.id = id; self.width = width; self.height = height
        self.title = title; self.description = description; self.body = body
    }

    /// The figure id made safe for use in `id` attributes and references.
    public var safeID: String { SVGDocument.sanitizedID(id) }

    /// Keeps ASCII letters, digits, `-` and `_`; replaces anything else by
    /// `_`; prefixes `f` if the result does not start with a letter. Ids are
    /// space-separated in `aria-labelledby`, so spaces must go too.
    public static func sanitizedID(_ raw: String) -> String {
        var out = String(raw.unicodeScalars.map { scalar -> Character in
            let c = Character(scalar)
            return (c.isASCII && (c.isLetter || c.isNumber)) || c == "-" || c == "_" ? c : "_"
        })
        if out.first.map({ !($0.isASCII && $0.isLetter) }) ?? true { out = "f" + out }
        return out
    }

    /// Complete SVG document text (valid XML, no prolog needed).
    public func serialized() -> String {
        let base = safeID
        let titleID = base + "-title", descID = base + "-desc"
        let root = SVGElement("svg", [
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("id", base),
            ("class", "chart"),
            ("role", "img"),
            ("aria-labelledby", titleID + " " + descID),
            ("viewBox", "0 0 \(num(width)) \(num(height))"),
            ("width", num(width)),
            ("height", num(height)),
            ("font-family", "system-ui, sans-serif"),
        ], children: [
            .element(SVGElement("title", [("id", titleID)], text: title)),
            .element(SVGElement("desc", [("id", descID)], text: description)),
        ] + body.map { .element($0) })
        return root.serialized()
    }
}
