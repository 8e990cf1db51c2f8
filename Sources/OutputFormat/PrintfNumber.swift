import CPrintf

/// C's `%.Nf`, `%.Ne` and `%.Ng` of one Double: byte for byte what
/// `String(format:)` prints with the same format (the tests compare the two
/// over many values), at a fraction of the cost. `String(format:)` goes
/// through CoreFoundation's format parser and an NSString, and `withVaList`
/// boxes its argument on the heap; writing a site prints tens of thousands
/// of numbers, so this calls snprintf through a non-variadic C function on a
/// stack buffer instead, and for the values a report prints most (`%f` and
/// `%g` of moderate magnitudes) not even that: `ExactDecimalText` writes
/// the same bytes. Locale-independent as long as the process never
/// calls `setlocale` (Backbone does not), exactly like the code it replaces.
package enum PrintfNumber {
    /// The conversion: `f`, `e` or `g`.
    package enum Style: CChar {
        case fixed = 0x66       // "f"
        case scientific = 0x65  // "e"
        case general = 0x67     // "g"
    }

    /// `String(format: "%.<precision><style>", x)`.
    package static func format(_ x: Double, _ style: Style, precision: Int) -> String {
        let precision = Int32(clamping: precision)
        // 64 bytes hold every %e and %g text and every %f below 1e40 with a
        // few decimals; only a larger fixed-point text needs the second call.
        let capacity = 64
        let text = withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { buffer -> String? in
            // The common values without snprintf, to the same bytes (`ExactDecimalText`).
            let exact = buffer.baseAddress!.withMemoryRebound(to: UInt8.self, capacity: capacity) { bytes -> String? in
                let count: Int?
                switch style {
                case .fixed: count = ExactDecimalText.fixed(x, decimals: Int(precision), into: bytes)
                case .general: count = ExactDecimalText.general(x, significant: Int(precision), into: bytes)
                case .scientific: count = nil
                }
                return count.map { String(decoding: UnsafeBufferPointer(start: bytes, count: $0), as: UTF8.self) }
            }
            if let exact { return exact }
            let count = Int(backbone_print_double(buffer.baseAddress!, capacity, style.rawValue, precision, x))
            guard count < capacity else { return nil }
            return String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress!, count: count), as: UTF8.self)
        }
        if let text { return text }
        let count = Int(backbone_print_double(nil, 0, style.rawValue, precision, x))
        var long = [CChar](repeating: 0, count: count + 1)
        _ = backbone_print_double(&long, count + 1, style.rawValue, precision, x)
        return long.withUnsafeBytes { String(decoding: $0.prefix(count), as: UTF8.self) }
    }
}
