import CCmark
import Foundation

/// CommonMark → HTML through libcmark. Unsafe mode is deliberate: page prose
/// embeds `<div>{{{figure}}}</div>` blocks that are filled with our own,
/// already-escaped SVG and tables after this step. Data strings never pass
/// through Markdown, so no token can turn into emphasis or markup here.
enum Markdown {
    static func html(_ markdown: String) -> String {
        let bytes = Array(markdown.utf8)
        let options = CMARK_OPT_UNSAFE
        guard let out = bytes.withUnsafeBufferPointer({ buffer -> UnsafeMutablePointer<CChar>? in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    cmark_markdown_to_html($0, buffer.count, options)
                }
            }
        }) else { return "" }
        defer { free(out) }
        return String(cString: out)
    }
}
