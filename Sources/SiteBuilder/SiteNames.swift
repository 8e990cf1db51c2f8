/// The one way a string that may come from the manifest or the data becomes
/// an `id`, a URL fragment or a file name (`slug`); a relative path read from
/// elsewhere is checked by `RelativePath.isConfined` (OutputFormat). Nothing
/// from a manifest or a data file reaches an id, a URL or a path any other way.
/// (Attribute values are escaped where every value is: `HTMLNode`'s renderer.)
enum SiteNames {
    /// A name safe as an HTML `id`, a URL fragment, a URL path segment and a
    /// file name on every system: ASCII letters, digits, `_` and `-`. A space
    /// becomes `_` (so "Table A2" → "Table_A2"); any other character becomes
    /// `_` too, and then a short hash of the original is appended so two
    /// different names never share an id or a file (deterministic, so
    /// builds stay byte-identical).
    static func slug(_ text: String) -> String {
        var out = ""
        var lossy = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "_", "-": out.unicodeScalars.append(scalar)
            case " ": out += "_"
            default: out += "_"; lossy = true
            }
        }
        if out.isEmpty || lossy { out += (out.isEmpty ? "" : "-") + fnv1a(text) }
        return out
    }

    /// 32-bit FNV-1a of the UTF-8 bytes, as 8 hex digits.
    static func fnv1a(_ text: String) -> String {
        var hash: UInt32 = 0x811C_9DC5
        for byte in text.utf8 { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
