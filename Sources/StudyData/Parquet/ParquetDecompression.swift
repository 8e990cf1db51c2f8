import Foundation
import CSnappy
import CZlib
import CZstd

/// Parquet's compression codecs (the `CompressionCodec` enum of the format).
enum ParquetCodec: Int32, CustomStringConvertible {
    case uncompressed = 0, snappy = 1, gzip = 2, lzo = 3, brotli = 4, lz4 = 5, zstd = 6, lz4Raw = 7

    var description: String {
        switch self {
        case .uncompressed: "UNCOMPRESSED"
        case .snappy: "SNAPPY"
        case .gzip: "GZIP"
        case .lzo: "LZO"
        case .brotli: "BROTLI"
        case .lz4: "LZ4"
        case .zstd: "ZSTD"
        case .lz4Raw: "LZ4_RAW"
        }
    }

    /// The codec of a column chunk, or an error for one this reader cannot undo.
    static func supported(_ raw: Int32) throws -> ParquetCodec {
        guard let codec = ParquetCodec(rawValue: raw) else { throw ParquetIssue("expected a known compression codec, found number \(raw)") }
        switch codec {
        case .uncompressed, .snappy, .gzip, .zstd: return codec
        default: throw ParquetIssue("codec \(codec) is not supported (Backbone reads UNCOMPRESSED, SNAPPY, GZIP and ZSTD; rewrite the file with one of them, e.g. pyarrow.parquet.write_table(table, path, compression=\"zstd\"))")
        }
    }
}

/// Undoes a page's compression with Debian's own libraries (libsnappy,
/// zlib, libzstd). The page header says how many bytes must come out; the
/// output must be exactly that long, and memory grows only as output is
/// really produced, so a header that lies about its size costs nothing.
enum ParquetDecompression {
    static func decompress(_ input: UnsafeRawBufferPointer, codec: ParquetCodec, expectedSize: Int) throws -> [UInt8] {
        switch codec {
        case .uncompressed:
            guard input.count == expectedSize else {
                throw ParquetIssue("expected an uncompressed page of \(expectedSize) bytes as its header says, found \(input.count)")
            }
            return Array(input)
        case .snappy: return try snappy(input, expectedSize: expectedSize)
        case .gzip: return try gzip(input, expectedSize: expectedSize)
        case .zstd: return try zstd(input, expectedSize: expectedSize)
        default: _ = try ParquetCodec.supported(codec.rawValue); return []
        }
    }

    private static func snappy(_ input: UnsafeRawBufferPointer, expectedSize: Int) throws -> [UInt8] {
        guard let base = input.baseAddress?.assumingMemoryBound(to: CChar.self) else {
            throw ParquetIssue("expected SNAPPY data, found an empty page")
        }
        var length = 0
        // Validation walks the stream without writing, so the allocation below
        // is only made for a stream that really expands to `length` bytes.
        guard snappy_uncompressed_length(base, input.count, &length) == SNAPPY_OK,
              snappy_validate_compressed_buffer(base, input.count) == SNAPPY_OK else {
            throw ParquetIssue("expected valid SNAPPY data, found a stream that does not decompress")
        }
        guard length == expectedSize else {
            throw ParquetIssue("expected \(expectedSize) bytes after SNAPPY decompression as the page header says, found \(length)")
        }
        var out = [UInt8](repeating: 0, count: length)
        var produced = length
        let status = out.withUnsafeMutableBytes { o in
            snappy_uncompress(base, input.count, o.baseAddress?.assumingMemoryBound(to: CChar.self), &produced)
        }
        guard status == SNAPPY_OK, produced == expectedSize else { throw ParquetIssue("expected valid SNAPPY data, found a stream that does not decompress") }
        return out
    }

    /// Output that doubles as the decompressor fills it, never past `expectedSize`.
    private static func initialCapacity(_ inputCount: Int, _ expectedSize: Int) -> Int {
        min(expectedSize, max(1 << 16, inputCount * 8))
    }

    private static func tooLong(_ codec: String, _ expectedSize: Int) -> ParquetIssue {
        ParquetIssue("expected \(expectedSize) bytes after \(codec) decompression as the page header says, found more")
    }

    private static func gzip(_ input: UnsafeRawBufferPointer, expectedSize: Int) throws -> [UInt8] {
        var stream = z_stream()
        // 15 + 32: a window of 2^15 and either a gzip or a zlib header.
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ParquetIssue("expected zlib to start (out of memory?)")
        }
        defer { inflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: initialCapacity(input.count, expectedSize))
        var produced = 0
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(input.count)
        while true {
            if produced == out.count {
                guard out.count < expectedSize else {
                    // Full: the stream must end here, with nothing more to give.
                    var probe: UInt8 = 0
                    let status = withUnsafeMutablePointer(to: &probe) { p -> Int32 in
                        stream.next_out = p; stream.avail_out = 1
                        return inflate(&stream, Z_NO_FLUSH)
                    }
                    if status == Z_STREAM_END && stream.avail_out == 1 { return out }
                    if status == Z_OK || status == Z_STREAM_END { throw tooLong("GZIP", expectedSize) }
                    throw ParquetIssue("expected valid GZIP data, found a stream that does not decompress (zlib status \(status))")
                }
                out.append(contentsOf: repeatElement(0, count: min(out.count, expectedSize - out.count)))
            }
            let status = out.withUnsafeMutableBytes { o -> Int32 in
                stream.next_out = o.baseAddress!.assumingMemoryBound(to: Bytef.self) + produced
                stream.avail_out = uInt(o.count - produced)
                let before = stream.avail_out
                let s = inflate(&stream, Z_NO_FLUSH)
                produced += Int(before - stream.avail_out)
                return s
            }
            if status == Z_STREAM_END { break }
            guard status == Z_OK else {
                throw ParquetIssue("expected valid GZIP data, found a stream that does not decompress (zlib status \(status))")
            }
            if stream.avail_in == 0 && produced < out.count {
                throw ParquetIssue("expected \(expectedSize) bytes after GZIP decompression as the page header says, found a stream that ends early")
            }
        }
        guard produced == expectedSize else {
            throw ParquetIssue("expected \(expectedSize) bytes after GZIP decompression as the page header says, found \(produced)")
        }
        return out
    }

    private static func zstd(_ input: UnsafeRawBufferPointer, expectedSize: Int) throws -> [UInt8] {
        guard let context = ZSTD_createDCtx() else { throw ParquetIssue("expected zstd to start (out of memory?)") }
        defer { ZSTD_freeDCtx(context) }
        if initialCapacity(input.count, expectedSize) == expectedSize, let out = zstdInOneCall(context, input, expectedSize: expectedSize) {
            return out
        }
        return try zstdStreaming(context, input, expectedSize: expectedSize)
    }

    /// The page in one call into an uninitialised buffer of the size its
    /// header states, or nil when that does not give exactly that size
    /// (the streaming path then says what is wrong). Only taken when
    /// `zstdStreaming` would allocate that size up front anyway, so a header
    /// that lies costs no more memory than before.
    ///
    /// Why: log-prob columns barely compress (doubles are high-entropy), so
    /// pages are large and decompression is a fifth of a Parquet build. The
    /// streaming call decodes through zstd's own window buffer and copies
    /// out, and the output had been zero-filled first; one call writes each
    /// byte once.
    private static func zstdInOneCall(_ context: OpaquePointer, _ input: UnsafeRawBufferPointer, expectedSize: Int) -> [UInt8]? {
        var complete = false
        let out = [UInt8](unsafeUninitializedCapacity: expectedSize) { buffer, initialized in
            let r = ZSTD_decompressDCtx(context, buffer.baseAddress, expectedSize, input.baseAddress, input.count)
            complete = ZSTD_isError(r) == 0 && r == expectedSize
            initialized = complete ? expectedSize : 0
        }
        return complete ? out : nil
    }

    private static func zstdStreaming(_ context: OpaquePointer, _ input: UnsafeRawBufferPointer, expectedSize: Int) throws -> [UInt8] {
        ZSTD_DCtx_reset(context, ZSTD_reset_session_only)
        var out = [UInt8](repeating: 0, count: initialCapacity(input.count, expectedSize))
        var inBuffer = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
        var produced = 0
        while true {
            if produced == out.count {
                if out.count >= expectedSize {
                    if inBuffer.pos == inBuffer.size { break }
                    // More input: it must produce nothing more.
                    var probe: UInt8 = 0
                    let extra = withUnsafeMutablePointer(to: &probe) { p -> Int in
                        var outBuffer = ZSTD_outBuffer(dst: p, size: 1, pos: 0)
                        let r = ZSTD_decompressStream(context, &outBuffer, &inBuffer)
                        return ZSTD_isError(r) != 0 ? -1 : outBuffer.pos
                    }
                    if extra < 0 { throw ParquetIssue("expected valid ZSTD data, found a stream that does not decompress") }
                    if extra > 0 { throw tooLong("ZSTD", expectedSize) }
                    if inBuffer.pos == inBuffer.size { break }
                    continue
                }
                out.append(contentsOf: repeatElement(0, count: min(out.count, expectedSize - out.count)))
            }
            let result = out.withUnsafeMutableBytes { o -> Int in
                var outBuffer = ZSTD_outBuffer(dst: o.baseAddress, size: o.count, pos: produced)
                let r = ZSTD_decompressStream(context, &outBuffer, &inBuffer)
                produced = outBuffer.pos
                return ZSTD_isError(r) != 0 ? -1 : r
            }
            guard result >= 0 else { throw ParquetIssue("expected valid ZSTD data, found a stream that does not decompress") }
            if inBuffer.pos == inBuffer.size && produced < out.count {
                if result == 0 { break }
                throw ParquetIssue("expected \(expectedSize) bytes after ZSTD decompression as the page header says, found a stream that ends early")
            }
        }
        guard produced == expectedSize else {
            throw ParquetIssue("expected \(expectedSize) bytes after ZSTD decompression as the page header says, found \(produced)")
        }
        return out
    }
}
