import CPrefetch
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
/// distinct string live in one contiguous arena. Each slot holds the id and
/// the upper half of its string's hash, so a probe that meets another
/// string is rejected from the slot alone, without reading that string's
/// hash, offsets or bytes elsewhere in memory (§3 interns 256,000-token
/// vocabularies, far larger than the caches: each such read was a miss).
public struct TokenIndex: Sendable {
    /// The distinct strings, by id (first inserted first).
    public private(set) var strings: [String] = []
    private var arena: [UInt8] = []
    /// `starts[id] ..< starts[id + 1]` are the bytes of `strings[id]`.
    private var starts: [Int] = [0]
    /// Kept to re-place every id when the slot array grows.
    private var hashes: [UInt64] = []
    /// `Self.slot(id, hash)`, or 0 for an empty slot.
    private var slots: [UInt64]
    private var mask: Int
    /// A bit per first two bytes (`Self.prefix`) of every string held: a
    /// lookup whose bytes start otherwise is a miss without hashing or
    /// probing. The log-prob reader asks a dictionary's few hundred words
    /// about every row of a table, and almost every row misses.
    private var prefixes = [UInt64](repeating: 0, count: 1 << 10)

    public var count: Int { strings.count }

    public init(minimumCapacity: Int = 16) {
        var size = 16
        while size < minimumCapacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
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
        insert(token, hash: Self.withBytes(token, Self.hash))
    }

    /// Each token's id, in order, the new ones added exactly as `insert`
    /// adds them one by one (so the ids are the same); -1 for an empty
    /// token, which is not added (the log-prob analyses drop empty strings).
    ///
    /// Why a batch: a 256,000-token vocabulary's slot array is far larger
    /// than the caches, and one insert at a time waited for each probe's
    /// slot to come from memory (§3 interns every model's tokens one after
    /// another, on one core). With every hash computed first, the slot the
    /// token `lookahead` places ahead will probe is fetched while this one
    /// is placed, and the slot array is grown once, before the loop (where
    /// a string sits in it never changes its id).
    public mutating func ids(addingNonEmpty tokens: [String]) -> [Int32] {
        let lookahead = 16
        let tokenHashes = tokens.map { $0.isEmpty ? 0 : Self.withBytes($0, Self.hash) }
        reserveSlots(count: strings.count + tokens.count)
        var ids = [Int32](repeating: -1, count: tokens.count)
        tokens.withUnsafeBufferPointer { tokens in
            tokenHashes.withUnsafeBufferPointer { tokenHashes in
                for k in 0..<tokens.count {
                    if k + lookahead < tokens.count {
                        let ahead = Int(truncatingIfNeeded: tokenHashes[k + lookahead]) & mask
                        slots.withUnsafeBufferPointer { backbone_prefetch($0.baseAddress! + ahead) }
                    }
                    if !tokens[k].isEmpty { ids[k] = insert(tokens[k], hash: tokenHashes[k]).id }
                }
            }
        }
        return ids
    }

    /// `insert` with the token's `Self.hash` already known.
    private mutating func insert(_ token: String, hash: UInt64) -> (id: Int32, inserted: Bool) {
        Self.withBytes(token) { bytes -> (id: Int32, inserted: Bool) in
            let (found, empty) = probe(bytes, hash: hash)
            if let found { return (found, false) }
            let id = Int32(strings.count)
            let prefix = Self.prefix(bytes)
            prefixes[prefix >> 6] |= 1 << UInt64(prefix & 63)
            strings.append(token)
            hashes.append(hash)
            arena.append(contentsOf: bytes)
            starts.append(arena.count)
            // The probe stopped at the first empty slot from the hash's home:
            // where placing the id would put it.
            if strings.count * 2 > slots.count { grow() } else { slots[empty] = Self.slot(id, hash) }
            return (id, true)
        }
    }

    /// The id of `token`, or nil.
    public func id(of token: String) -> Int32? {
        Self.withBytes(token) { id(ofBytes: $0) }
    }

    /// The id of the string with exactly these bytes, or nil.
    public func id(ofBytes bytes: UnsafeRawBufferPointer) -> Int32? {
        // An empty index (a Fig. 3 model read for no dictionary) is asked once per row: no hash needed.
        guard !strings.isEmpty else { return nil }
        let prefix = Self.prefix(bytes)
        guard prefixes.withUnsafeBufferPointer({ $0[prefix >> 6] & (1 << UInt64(prefix & 63)) != 0 }) else { return nil }
        return probe(bytes, hash: Self.hash(bytes)).found
    }

    /// The first two bytes as a number below 2¹⁶ (a one-byte string's second
    /// byte taken as 0, the empty string as 0): equal strings give equal prefixes.
    @inline(__always)
    static func prefix(_ bytes: UnsafeRawBufferPointer) -> Int {
        switch bytes.count {
        case 0: return 0
        case 1: return Int(bytes[0]) << 8
        default: return Int(bytes[0]) << 8 | Int(bytes[1])
        }
    }

    public func contains(_ token: String) -> Bool { id(of: token) != nil }

    /// Whether two strings have the same bytes (not Swift's canonical `==`).
    @inline(__always)
    public static func sameBytes(_ x: String, _ y: String) -> Bool {
        withBytes(x) { a in withBytes(y) { b in sameBytes(a, b) } }
    }

    /// Whether two byte ranges are equal, compared eight bytes a step and
    /// then the last 1–7 as one word: tokens are short, and `memcmp` cost
    /// more in its call than in its comparing.
    @inline(__always)
    static func sameBytes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        let n = a.count
        guard n == b.count else { return false }
        var i = 0
        while i + 8 <= n {
            if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
            i += 8
        }
        return i == n || tailWord(a, from: i) == tailWord(b, from: i)
    }

    /// Whether two token lists are the same, row by row, byte for byte
    /// (models of one family share a tokenizer, so their tables list the same
    /// tokens in the same order: their ids can then be reused, not re-hashed).
    public static func sameBytes(_ x: [String], _ y: [String]) -> Bool {
        guard x.count == y.count else { return false }
        // By pointer: `zip` retained and released both strings of every row,
        // and a 256,000-row list compares in full when it matches.
        return x.withUnsafeBufferPointer { xs in
            y.withUnsafeBufferPointer { ys in
                for k in 0..<xs.count where !sameValue(xs[k], ys[k]) && !sameBytes(xs[k], ys[k]) { return false }
                return true
            }
        }
    }

    /// Whether two strings are the same value bit for bit: then they have
    /// the same bytes (the same inline bytes, or the same storage), found
    /// without reaching the bytes. Most tokens are short enough to be stored
    /// inline, so two tables of one tokenizer mostly compare this way. The
    /// converse does not hold: different values may still hold equal bytes.
    @inline(__always)
    static func sameValue(_ x: String, _ y: String) -> Bool {
        withUnsafeBytes(of: x) { a in
            withUnsafeBytes(of: y) { b in
                var offset = 0
                while offset + 8 <= a.count {
                    if a.loadUnaligned(fromByteOffset: offset, as: UInt64.self) != b.loadUnaligned(fromByteOffset: offset, as: UInt64.self) { return false }
                    offset += 8
                }
                while offset < a.count {
                    if a[offset] != b[offset] { return false }
                    offset += 1
                }
                return true
            }
        }
    }

    /// The slot entry of `id`: the hash's upper 32 bits above id + 1 (never 0).
    @inline(__always)
    private static func slot(_ id: Int32, _ hash: UInt64) -> UInt64 {
        (hash & 0xFFFF_FFFF_0000_0000) | UInt64(UInt32(id) &+ 1)
    }

    /// The id of the string with these bytes if present; else the empty slot
    /// where the search ended (linear probing from `hash & mask`).
    @inline(__always)
    private func probe(_ bytes: UnsafeRawBufferPointer, hash: UInt64) -> (found: Int32?, empty: Int) {
        slots.withUnsafeBufferPointer { slots in
            var s = Int(truncatingIfNeeded: hash) & mask
            while true {
                let entry = slots[s]
                if entry == 0 { return (nil, s) }
                if (entry ^ hash) >> 32 == 0 {
                    let id = Int(UInt32(truncatingIfNeeded: entry) &- 1)
                    if equalBytes(id, bytes) { return (Int32(id), s) }
                }
                s = (s + 1) & mask
            }
        }
    }

    private func equalBytes(_ id: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let (start, end) = starts.withUnsafeBufferPointer { ($0[id], $0[id + 1]) }
        guard end - start == bytes.count else { return false }
        return arena.withUnsafeBytes { Self.sameBytes(UnsafeRawBufferPointer(rebasing: $0[start..<end]), bytes) }
    }

    private mutating func grow() { resizeSlots(slots.count * 2) }

    /// Grows the slot array, if needed, to hold `count` strings without
    /// growing again (at most half full, as `insert` keeps it).
    private mutating func reserveSlots(count: Int) {
        var size = slots.count
        while size < count * 2 { size <<= 1 }
        if size > slots.count { resizeSlots(size) }
    }

    private mutating func resizeSlots(_ size: Int) {
        mask = size - 1
        slots = [UInt64](repeating: 0, count: size)
        slots.withUnsafeMutableBufferPointer { slots in
            for (id, hash) in hashes.enumerated() {
                var s = Int(truncatingIfNeeded: hash) & mask
                while slots[s] != 0 { s = (s + 1) & mask }
                slots[s] = Self.slot(Int32(id), hash)
            }
        }
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
            h = (h ^ tailWord(bytes, from: i)) &* 0x94D0_49BB_1331_11EB
            h ^= h >> 29
        }
        h ^= h >> 32
        h &*= 0xD6E8_FEB8_6659_FD93
        h ^= h >> 32
        return h
    }

    /// Bytes `from ..< count` (1 to 7 of them) as a little-endian word, zero
    /// above them: a 4-, a 2- and a 1-byte load, each placed above the ones
    /// before, which is where a byte-by-byte assembly puts the same bytes.
    @inline(__always)
    static func tailWord(_ bytes: UnsafeRawBufferPointer, from start: Int) -> UInt64 {
        let remaining = bytes.count - start
        var word: UInt64 = 0, shift: UInt64 = 0, at = start
        if remaining & 4 != 0 {
            word = UInt64(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self)))
            at += 4; shift = 32
        }
        if remaining & 2 != 0 {
            word |= UInt64(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt16.self))) << shift
            at += 2; shift += 16
        }
        if remaining & 1 != 0 { word |= UInt64(bytes[at]) << shift }
        return word
    }
}
