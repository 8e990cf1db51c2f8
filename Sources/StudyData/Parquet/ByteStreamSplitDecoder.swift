import Foundation

/// BYTE_STREAM_SPLIT: for `count` values of `width` bytes, the first bytes
/// of all values, then all second bytes, and so on (it makes floating-point
/// data compress better). Byte `k` of value `i` is at `k × count + i`.
enum ByteStreamSplitDecoder {
    static func decode(_ cursor: inout ByteCursor, count: Int, typeLength: Int, into builder: inout ParquetColumnBuilder) throws {
        let width: Int
        switch builder.type {
        case .int32, .float: width = 4
        case .int64, .double: width = 8
        case .fixedLenByteArray: width = typeLength
        default: throw ParquetIssue("expected BYTE_STREAM_SPLIT only for fixed-width values, found it for \(builder.type)")
        }
        guard width > 0, count <= cursor.remaining / width, count * width == cursor.remaining else {
            throw ParquetIssue("expected \(count) × \(width) bytes of BYTE_STREAM_SPLIT data, found \(cursor.remaining)")
        }
        let bytes = try cursor.bytes(count * width, "BYTE_STREAM_SPLIT data")
        var value = [UInt8](repeating: 0, count: width)
        for i in 0 ..< count {
            for k in 0 ..< width { value[k] = bytes[k * count + i] }
            try value.withUnsafeBytes { raw in
                switch builder.type {
                case .int32: builder.int32s.append(Int32(littleEndian: raw.loadUnaligned(as: Int32.self)))
                case .float: builder.floats.append(Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self))))
                case .int64: builder.int64s.append(Int64(littleEndian: raw.loadUnaligned(as: Int64.self)))
                case .double: builder.doubles.append(Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))))
                default: try builder.appendString(raw)
                }
            }
        }
    }
}
