import OutputFormat

/// Where a value lives in `results.json` or `manifest.json`: a JSON Pointer
/// (RFC 6901) in which list items are addressed by what they are rather than
/// by their position, so inserting a reward model does not renumber every row.
///
/// Syntax: `/reward_models/big2/panels/category=Agency,family=Llama,framing=positive/welch/p`.
/// - An object member is its key, as in RFC 6901.
/// - A list item is `field=value,field=value` over its identifying fields
///   (see `ItemIdentity`), in the order of `ItemIdentity.preferredFields`.
///   Inside a value, `%`, `,` and `=` are written `%25`, `%2C`, `%3D`.
/// - A list of distinct strings addresses an item as `=value`.
/// - A list without identifying fields falls back to the index, `3`.
/// - Finally every segment is escaped as RFC 6901 says: `~` → `~0`, `/` → `~1`.
package struct ResultPointer: Hashable, Comparable, CustomStringConvertible {
    package enum Segment: Hashable {
        case key(String)
        case item([(field: String, value: String)])
        case value(String)
        case index(Int)

        /// Equal when their texts are: the same kind compares its parts (the
        /// escaping is one-to-one, so that is the same answer without
        /// building the text); a parsed `.key("0")` still equals `.index(0)`.
        package static func == (a: Segment, b: Segment) -> Bool {
            switch (a, b) {
            case let (.key(x), .key(y)), let (.value(x), .value(y)): return x == y
            case let (.index(x), .index(y)): return x == y
            case let (.item(x), .item(y)):
                return x.count == y.count && zip(x, y).allSatisfy { $0.field == $1.field && $0.value == $1.value }
            default: return a.text == b.text
            }
        }
        package func hash(into h: inout Hasher) { h.combine(text) }

        /// The segment before RFC 6901 escaping.
        var text: String {
            switch self {
            case .key(let k): return k
            case .item(let pairs): return pairs.map { "\($0.field)=\(Self.escapeValue($0.value))" }.joined(separator: ",")
            case .value(let v): return "=" + Self.escapeValue(v)
            case .index(let i): return String(i)
            }
        }

        static func escapeValue(_ s: String) -> String {
            // Most values need no escaping; Foundation's search is costly per call.
            guard s.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "=") }) else { return s }
            return s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: ",", with: "%2C").replacingOccurrences(of: "=", with: "%3D")
        }
    }

    package var segments: [Segment] = []

    static let root = ResultPointer()

    func appending(_ s: Segment) -> ResultPointer { ResultPointer(segments: segments + [s]) }

    package var description: String {
        segments.isEmpty ? "" : segments.map { "/" + Self.escapeRFC6901($0.text) }.joined()
    }

    /// The last object key on the path (`p`, `stars`, `estimate`): what kind of value this is.
    var leafKey: String? {
        for s in segments.reversed() { if case .key(let k) = s { return k } }
        return nil
    }

    /// The first `depth` segments (for grouping changes into sections).
    func prefix(_ depth: Int) -> ResultPointer { ResultPointer(segments: Array(segments.prefix(depth))) }

    /// Whether `self` is `other` or lies below it.
    func isWithin(_ other: ResultPointer) -> Bool {
        segments.count >= other.segments.count && Array(segments.prefix(other.segments.count)) == other.segments
    }

    /// Parses the plain (non-item) pointers the figure map declares, e.g. `/reward_models/big2/panels`.
    static func parse(_ text: String) -> ResultPointer {
        ResultPointer(segments: text.split(separator: "/", omittingEmptySubsequences: true).map {
            .key($0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~"))
        })
    }

    static func escapeRFC6901(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return s }
        return s.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    package static func < (a: ResultPointer, b: ResultPointer) -> Bool { a.description < b.description }
}

/// How the items of a list are matched between two runs. Generic on purpose:
/// the fields that identify a row are the string-valued fields, from a fixed
/// preferred list, that every item on both sides has — `rm`+`family`+
/// `category`+`prompt`+`framing` for median ranks, `term` for fixed effects,
/// `path` for manifest inputs. When those do not make every item unique, the
/// list is matched by index, which is always correct if less readable.
enum ItemIdentity {
    static let preferredFields = ["rm", "family", "category", "prompt", "framing", "term", "dictionary", "run",
                                  "model_a", "model_b", "measure", "token", "path", "file", "code", "id",
                                  "unit", "left_out"]

    enum Scheme: Equatable {
        case fields([String])
        case stringValues
        case index
    }

    static func scheme(old: [JSONTree], new: [JSONTree]) -> Scheme {
        let all = [old, new].joined()   // both lists, without copying them
        if old.isEmpty && new.isEmpty { return .index }
        if all.allSatisfy({ if case .string = $0 { return true }; return false }) {
            return unique(old.map(\.stringValue!)) && unique(new.map(\.stringValue!)) ? .stringValues : .index
        }
        var fields: [String] = []
        for field in preferredFields {
            let everyItemHasIt = all.allSatisfy { item in
                if case .object(let d) = item, case .string = d[field] { return true }
                return false
            }
            if everyItemHasIt { fields.append(field) }
        }
        guard !fields.isEmpty else { return .index }
        let keyOf = { (item: JSONTree) -> String in fields.map { item.field($0)!.stringValue! }.joined(separator: "\u{0}") }
        return unique(old.map(keyOf)) && unique(new.map(keyOf)) ? .fields(fields) : .index
    }

    static func segment(for item: JSONTree, at position: Int, scheme: Scheme) -> ResultPointer.Segment {
        switch scheme {
        case .fields(let fields): return .item(fields.map { ($0, item.field($0)!.stringValue!) })
        case .stringValues: return .value(item.stringValue!)
        case .index: return .index(position)
        }
    }

    private static func unique(_ keys: [String]) -> Bool { Set(keys).count == keys.count }
}

extension JSONTree {
    var stringValue: String? { if case .string(let s) = self { return s }; return nil }

    func field(_ name: String) -> JSONTree? { if case .object(let d) = self { return d[name] }; return nil }

    /// Integers and doubles alike, for numeric comparison.
    var numberValue: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    /// How many scalar values a subtree holds (reported for added/removed subtrees).
    var leafCount: Int {
        switch self {
        case .object(let d): return d.values.reduce(0) { $0 + $1.leafCount }
        case .array(let a): return a.reduce(0) { $0 + $1.leafCount }
        default: return 1
        }
    }
}
