import CPrintf

/// The text of one canonical JSON document, built as UTF-8 bytes.
///
/// Why bytes and not a `String`: results.json is 3 MB of ~100,000 lines,
/// written in a few hundred thousand small appends (a key, ": ", a number,
/// ",\n", an indent). Each `String` append checks capacity, uniqueness and
/// the ASCII/NFC flags; a byte array only copies, which made the writing
/// several times cheaper. The rules are `CanonicalJSON`'s, byte for byte
/// (the tests compare the two writers).
struct JSONText {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 1 << 16) { bytes.reserveCapacity(capacity) }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func append(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Text written apart by another `JSONText` (its `bytes`).
    mutating func append(bytes other: [UInt8]) {
        bytes.append(contentsOf: other)
    }

    mutating func appendIndent(_ depth: Int) {
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    /// `CanonicalJSON.quoted(s)`: strings with nothing to escape (nearly all)
    /// are copied whole; the rest go through the escaping loop.
    mutating func appendQuoted(_ s: String) {
        var s = s
        let plain = s.withUTF8 { utf8 -> Bool in
            guard utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) else { return false }
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: utf8)
            bytes.append(UInt8(ascii: "\""))
            return true
        }
        if !plain { append(CanonicalJSON.quoted(s)) }
    }

    /// `CanonicalJSON.number(x)`, printed straight into the bytes.
    mutating func appendNumber(_ x: Double) {
        guard x.isFinite else { append("null"); return }
        if x == 0 { bytes.append(UInt8(ascii: "0")); return }
        if x == x.rounded(), abs(x) < 1e10 { appendInteger(Int64(x)); return }
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
            // %.10g: most values without snprintf, to the same bytes (`ExactDecimalText`).
            let exact = buffer.baseAddress!.withMemoryRebound(to: UInt8.self, capacity: 64) { ExactDecimalText.general(x, significant: 10, into: $0) }
            let count = exact ?? Int(backbone_print_double(buffer.baseAddress!, 64, 0x67, 10, x))   // at most 17 bytes
            precondition(count < 64, "%.10g wrote \(count) bytes")
            for k in 0..<count where buffer[k] != 0x2B { bytes.append(UInt8(bitPattern: buffer[k])) }   // without "+", as `number`
        }
    }

    /// Decimal digits of `i`, as `String(i)` writes them.
    mutating func appendInteger(_ i: Int64) {
        if i < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = i.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)   // 20 digits fit in 24 bytes
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[23 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            bytes.append(contentsOf: buffer[(24 - count)...])
        }
    }

    mutating func appendBool(_ b: Bool) { b ? append("true") : append("false") }
}
