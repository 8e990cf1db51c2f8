/// Turns a field's bytes into a String without losing information.
///
/// Token strings in the study's files include raw bytes that are not valid
/// UTF-8 (byte-level BPE pieces). Decoding them to U+FFFD would make distinct
/// tokens equal — two different invalid bytes would become the same answer,
/// and a string-aligned join would match tokens that differ. Instead each
/// byte of an invalid sequence becomes the visible text `\xHH`, so distinct
/// byte strings stay distinct and a reader can see what was there.
public enum ByteText {
    public static func decode<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        decode(array: Array(bytes))
    }

    /// The same for bytes in place (a `CSVTable` field): ASCII, by far the
    /// most common, is taken without copying the bytes first.
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        return decode(array: Array(bytes))
    }

    /// The same for bytes already in an array (the CSV reader's hot path: no copy).
    public static func decode(array: [UInt8]) -> String {
        // Most tokens are ASCII: that is valid UTF-8 as it stands, and
        // `String(decoding:as:)` takes it without the generic validating
        // initialiser's per-call metadata lookups (measured: a fifth of a
        // Parquet table read went there).
        if array.allSatisfy({ $0 < 0x80 }) { return String(decoding: array, as: UTF8.self) }
        if let valid = String(validating: array, as: UTF8.self) { return valid }
        var out = String.UnicodeScalarView()
        var i = 0
        let n = array.count
        while i < n {
            let (scalar, length) = decodeScalar(array, at: i)
            if let scalar {
                out.append(scalar); i += length
            } else {
                for u in "\\x\(hex(array[i]))".unicodeScalars { out.append(u) }
                i += 1
            }
        }
        return String(out)
    }

    /// Whether `bytes` hold any invalid UTF-8 (the data page counts such rows).
    public static func isValidUTF8<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        bytes.allSatisfy { $0 < 0x80 } || String(validating: Array(bytes), as: UTF8.self) != nil
    }

    static func hex(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(b >> 4)], digits[Int(b & 0xF)]])
    }

    /// One well-formed UTF-8 scalar at `i` (RFC 3629: no overlongs, no
    /// surrogates, nothing above U+10FFFF), or nil.
    static func decodeScalar(_ b: [UInt8], at i: Int) -> (Unicode.Scalar?, Int) {
        let lead = b[i]
        func cont(_ k: Int) -> UInt32? {
            guard i + k < b.count, b[i + k] & 0xC0 == 0x80 else { return nil }
            return UInt32(b[i + k] & 0x3F)
        }
        switch lead {
        case 0x00...0x7F:
            return (Unicode.Scalar(lead), 1)
        case 0xC2...0xDF:
            guard let c1 = cont(1) else { return (nil, 1) }
            return (Unicode.Scalar(UInt32(lead & 0x1F) << 6 | c1), 2)
        case 0xE0...0xEF:
            guard let c1 = cont(1), let c2 = cont(2) else { return (nil, 1) }
            let v = UInt32(lead & 0x0F) << 12 | c1 << 6 | c2
            guard v >= 0x800, !(0xD800...0xDFFF).contains(v) else { return (nil, 1) }
            return (Unicode.Scalar(v), 3)
        case 0xF0...0xF4:
            guard let c1 = cont(1), let c2 = cont(2), let c3 = cont(3) else { return (nil, 1) }
            let v = UInt32(lead & 0x07) << 18 | c1 << 12 | c2 << 6 | c3
            guard (0x10000...0x10FFFF).contains(v) else { return (nil, 1) }
            return (Unicode.Scalar(v), 4)
        default:
            return (nil, 1)
        }
    }
}
