import Foundation

/// Token strings numbered by their exact UTF-8 bytes.
///
/// Why not `Set<String>` / `[String: Int]`: Swift compares strings by
/// Unicode canonical equivalence, so "é" (U+00E9) equals "e" + U+0301 and the
/// Kelvin sign U+212A equals "K". Tokenizer vocabularies hold such pairs as
/// distinct tokens, and the study's pandas code joins them as distinct
/// strings; merging them would give one answer two models' probabilities.
/// Comparing bytes is also several times cheaper than SipHash plus
/// normalisation checks, which matters when §3 interns 2.3 million tokens.
///
/// Open addressing over a power-of-two slot array; the bytes of every
/// distinct string live in one contiguous arena.
public struct TokenIndex: Sendable {
    /// The distinct strings, by id (first inserted first).
    public private(set) var strings: [String] = []
    private var arena: [UInt8] = []
    /// `starts[id] ..< starts[id + 1]` are the bytes of `strings[id]`.
    private var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    /// id + 1, or 0 for an empty slot.
    private var slots: [Int32]
    private var mask: Int

    public var count: Int { strings.count }

    public init(minimumCapacity: Int = 16) {
        var size = 16
        while size < minimumCapacity * 2 { size <<= 1 }
        slots = [Int32](repeating: 0, count: size)
        mask = size - 1
        strings.reserveCapacity(minimumCapacity)
        hashes.reserveCapacity(minimumCapacity)
        starts.reserveCapacity(minimumCapacity + 1)
    }

    /// An index of `tokens` in sorted order (ids are then reproducible).
    public init<S: Sequence>(_ tokens: S) where S.Element == String {
        self.init()
        for token in tokens.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) { insert(token) }
    }

    /// The id of `token`, adding it if new.
    @discardableResult
    public mutating func insert(_ token: String) -> (id: Int32, inserted: Bool) {
        let (found, hash) = Self.withBytes(token) { bytes -> (Int32?, UInt64) in
            let hash = Self.hash(bytes)
            return (lookup(bytes, hash: hash), hash)
        }
        if let found { return (found, false) }
        let id = Int32(strings.count)
        strings.append(token)
        hashes.append(hash)
        Self.withBytes(token) { arena.append(contentsOf: $0) }
        starts.append(arena.count)
        if strings.count * 2 > slots.count { grow() } else { place(id, hash: hash) }
        return (id, true)
    }

    /// The id of `token`, or nil.
    public func id(of token: String) -> Int32? {
        Self.withBytes(token) { lookup($0, hash: Self.hash($0)) }
    }

    /// The id of the string with exactly these bytes, or nil.
    public func id(ofBytes bytes: UnsafeRawBufferPointer) -> Int32? {
        lookup(bytes, hash: Self.hash(bytes))
    }

    public func contains(_ token: String) -> Bool { id(of: token) != nil }

    /// Whether two strings have the same bytes (not Swift's canonical `==`).
    public static func sameBytes(_ x: String, _ y: String) -> Bool {
        withBytes(x) { a in
            withBytes(y) { b in a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0) }
        }
    }

    /// Whether two token lists are the same, row by row, byte for byte
    /// (models of one family share a tokenizer, so their tables list the same
    /// tokens in the same order: their ids can then be reused, not re-hashed).
    public static func sameBytes(_ x: [String], _ y: [String]) -> Bool {
        x.count == y.count && zip(x, y).allSatisfy { sameBytes($0, $1) }
    }

    private func lookup(_ bytes: UnsafeRawBufferPointer, hash: UInt64) -> Int32? {
        var s = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[s]
            if entry == 0 { return nil }
            let id = Int(entry - 1)
            if hashes[id] == hash && equalBytes(id, bytes) { return Int32(id) }
            s = (s + 1) & mask
        }
    }

    private func equalBytes(_ id: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let start = starts[id], length = starts[id + 1] - start
        guard length == bytes.count else { return false }
        if length == 0 { return true }
        return arena.withUnsafeBytes { stored in
            memcmp(stored.baseAddress! + start, bytes.baseAddress!, length) == 0
        }
    }

    private mutating func place(_ id: Int32, hash: UInt64) {
        var s = Int(truncatingIfNeeded: hash) & mask
        while slots[s] != 0 { s = (s + 1) & mask }
        slots[s] = id + 1
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        mask = slots.count - 1
        for id in hashes.indices { place(Int32(id), hash: hashes[id]) }
    }

    /// Calls `body` with the string's UTF-8 bytes, without copying a native string.
    @inline(__always)
    static func withBytes<R>(_ token: String, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        if let r = token.utf8.withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) { return r }
        var copy = token
        return copy.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    }

    /// A 64-bit multiply–xorshift hash over 8-byte words (not for untrusted
    /// keys in a server; here a bad spread only costs probes, never a wrong answer).
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let n = bytes.count
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ (UInt64(n) &* 0xFF51_AFD7_ED55_8CCD)
        var i = 0
        while i + 8 <= n {
            h = (h ^ bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        if i < n {
            var tail: UInt64 = 0
            for k in i..<n { tail |= UInt64(bytes[k]) << UInt64(8 * (k - i)) }
            h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
            h ^= h >> 29
        }
        h ^= h >> 32
        h &*= 0xD6E8_FEB8_6659_FD93
        h ^= h >> 32
        return h
    }
}
