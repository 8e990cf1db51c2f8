import Foundation

/// Reads the Thrift compact protocol, the encoding of Parquet's footer and
/// page headers. Only what Parquet uses is interpreted; every other field is
/// skipped by its wire type, so files from newer writers (extra fields) still
/// read. Nesting is limited, so a corrupt header cannot recurse without end.
struct ThriftCompactReader {
    enum WireType: UInt8 {
        case stop = 0, boolTrue = 1, boolFalse = 2, byte = 3, i16 = 4, i32 = 5, i64 = 6
        case double = 7, binary = 8, list = 9, set = 10, map = 11, structure = 12
    }

    var cursor: ByteCursor
    private var depth = 0
    private static let maximumDepth = 32

    init(_ cursor: ByteCursor) { self.cursor = cursor }

    /// Visits each field of a struct until its stop byte. `visit` reads the
    /// fields it knows and returns false for the others, which are skipped.
    mutating func readStruct(_ name: String, _ visit: (inout ThriftCompactReader, Int16, WireType) throws -> Bool) throws {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { throw ParquetIssue("expected \(name) nested at most \(Self.maximumDepth) deep") }
        var lastID: Int16 = 0
        while true {
            let header = try cursor.byte("a field header in \(name)")
            if header == 0 { return }
            guard let type = WireType(rawValue: header & 0x0F), type != .stop else {
                throw ParquetIssue("expected a Thrift field type in \(name), found \(header & 0x0F)")
            }
            let delta = Int16(header >> 4)
            let id: Int16
            if delta != 0 {
                id = lastID &+ delta
            } else {
                let raw = try cursor.zigzag("a field id in \(name)")
                guard let narrow = Int16(exactly: raw) else { throw ParquetIssue("expected a 16-bit field id in \(name), found \(raw)") }
                id = narrow
            }
            lastID = id
            if try !visit(&self, id, type) { try skip(type) }
        }
    }

    private func expect(_ type: WireType, _ wanted: WireType, _ what: String) throws {
        guard type == wanted else { throw ParquetIssue("expected \(what) as Thrift \(wanted), found \(type)") }
    }

    mutating func i32(_ type: WireType, _ what: String) throws -> Int32 {
        try expect(type, .i32, what)
        let v = try cursor.zigzag(what)
        guard let narrow = Int32(exactly: v) else { throw ParquetIssue("expected \(what) to fit in 32 bits, found \(v)") }
        return narrow
    }

    mutating func i64(_ type: WireType, _ what: String) throws -> Int64 {
        try expect(type, .i64, what)
        return try cursor.zigzag(what)
    }

    func bool(_ type: WireType, _ what: String) throws -> Bool {
        switch type {
        case .boolTrue: return true
        case .boolFalse: return false
        default: throw ParquetIssue("expected \(what) as a Thrift bool, found \(type)")
        }
    }

    mutating func binary(_ type: WireType, _ what: String) throws -> [UInt8] {
        try expect(type, .binary, what)
        let length = try checkedCount(cursor.uleb128("the length of \(what)"), limit: cursor.remaining, "the length of \(what)")
        return Array(try cursor.bytes(length, what))
    }

    /// A list header: element type and count. Every element takes at least
    /// one byte, so the count is bounded by the bytes left.
    mutating func listHeader(_ type: WireType, _ what: String) throws -> (WireType, Int) {
        guard type == .list || type == .set else { throw ParquetIssue("expected \(what) as a Thrift list, found \(type)") }
        let header = try cursor.byte("the header of \(what)")
        guard let element = WireType(rawValue: header & 0x0F), element != .stop else {
            throw ParquetIssue("expected an element type in \(what), found \(header & 0x0F)")
        }
        var count = Int(header >> 4)
        if count == 15 { count = try checkedCount(cursor.uleb128("the size of \(what)"), limit: cursor.remaining, "the size of \(what)") }
        guard count <= cursor.remaining else { throw ParquetIssue("expected \(what) of \(count) elements, found \(cursor.remaining) bytes left") }
        return (element, count)
    }

    /// A list of structs, each read by `element`.
    mutating func structList<T>(_ type: WireType, _ what: String, _ element: (inout ThriftCompactReader) throws -> T) throws -> [T] {
        let (elementType, count) = try listHeader(type, what)
        guard elementType == .structure else { throw ParquetIssue("expected \(what) to hold structs, found \(elementType)") }
        var out: [T] = []
        out.reserveCapacity(count)
        for _ in 0 ..< count { out.append(try element(&self)) }
        return out
    }

    mutating func i32List(_ type: WireType, _ what: String) throws -> [Int32] {
        let (elementType, count) = try listHeader(type, what)
        var out: [Int32] = []
        out.reserveCapacity(count)
        for _ in 0 ..< count { out.append(try i32(elementType, "an element of \(what)")) }
        return out
    }

    mutating func binaryList(_ type: WireType, _ what: String) throws -> [[UInt8]] {
        let (elementType, count) = try listHeader(type, what)
        var out: [[UInt8]] = []
        out.reserveCapacity(count)
        for _ in 0 ..< count { out.append(try binary(elementType, "an element of \(what)")) }
        return out
    }

    /// Skips a value of any type (fields Parquet adds that this reader does not need).
    mutating func skip(_ type: WireType) throws {
        switch type {
        case .stop: throw ParquetIssue("expected a Thrift value, found a stop byte")
        case .boolTrue, .boolFalse: return
        case .byte: try cursor.skip(1, "a Thrift byte")
        case .i16, .i32, .i64: _ = try cursor.uleb128("a Thrift integer")
        case .double: try cursor.skip(8, "a Thrift double")
        case .binary: _ = try binary(.binary, "a Thrift binary")
        case .list, .set:
            let (element, count) = try listHeader(type, "a Thrift list")
            for _ in 0 ..< count {
                if element == .boolTrue || element == .boolFalse { try cursor.skip(1, "a Thrift bool") } else { try skip(element) }
            }
        case .map:
            let count = try checkedCount(cursor.uleb128("the size of a Thrift map"), limit: cursor.remaining, "the size of a Thrift map")
            guard count > 0 else { return }
            let kinds = try cursor.byte("the key and value types of a Thrift map")
            guard let key = WireType(rawValue: kinds >> 4), let value = WireType(rawValue: kinds & 0x0F), key != .stop, value != .stop else {
                throw ParquetIssue("expected Thrift map key and value types, found \(kinds)")
            }
            for _ in 0 ..< count {
                for t in [key, value] {
                    if t == .boolTrue || t == .boolFalse { try cursor.skip(1, "a Thrift bool") } else { try skip(t) }
                }
            }
        case .structure:
            try readStruct("a Thrift struct") { _, _, _ in false }
        }
    }
}
