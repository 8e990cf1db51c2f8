/// A JSON value built straight from `Encodable` results, without going
/// through Foundation's JSON text and parser: those lose information we must
/// keep (Foundation's parser drops a lone U+FEFF token, and a round trip
/// cannot tell the integer 1080 from the double 1080.0 or a Bool from 0/1).
package enum JSONTree: Equatable {
    case object([String: JSONTree])
    case array([JSONTree])
    case string(String)
    case integer(Int64)
    case double(Double)
    case bool(Bool)
    case null

    /// Encodes a value with snake_case keys (`randomInterceptSD` → `random_intercept_sd`).
    package static func from<T: Encodable>(_ value: T) throws -> JSONTree {
        try encodedSlot(value).tree
    }

    /// The encoder's own slots, which `CanonicalJSON` writes without making the tree.
    static func encodedSlot<T: Encodable>(_ value: T) throws -> TreeSlot {
        let root = TreeSlot()
        try value.encode(to: TreeEncoder(slot: root, codingPath: []))
        return root
    }

    /// camelCase → snake_case, treating acronym runs as one word
    /// (`randomInterceptSD` → `random_intercept_sd`, `cohensDPooled` → `cohens_d_pooled`).
    /// A key with no lower-case letter (`F`, `AIC`) is kept as written, so a
    /// result type can still name a key exactly (e.g. ANOVA's `F`).
    package static func snakeCase(_ key: String) -> String {
        asciiSnakeCase(key) ?? unicodeSnakeCase(key)
    }

    /// The rule on `Character`s, for keys that are not plain ASCII.
    static func unicodeSnakeCase(_ key: String) -> String {
        guard key.contains(where: \.isLowercase) else { return key }
        let chars = Array(key)
        var out = ""
        for (i, c) in chars.enumerated() {
            if c.isUppercase, i > 0 {
                let prev = chars[i - 1]
                let nextIsLower = i + 1 < chars.count && chars[i + 1].isLowercase
                if prev.isLowercase || prev.isNumber || (prev.isUppercase && nextIsLower) { out.append("_") }
            }
            out += c.lowercased()
        }
        return out
    }

    /// The same rule on the bytes of an ASCII key (every key of the result
    /// types), without `Character`'s Unicode property look-ups: encoding
    /// results.json converts tens of thousands of keys. nil for other keys.
    static func asciiSnakeCase(_ key: String) -> String? {
        // Most keys are one lower-case word ("estimate", "p"): nothing to change, no copy.
        if key.utf8.allSatisfy({ $0 < 0x80 && !($0 >= 65 && $0 <= 90) }) { return key }
        var key = key
        return key.withUTF8 { bytes -> String? in
            func lower(_ b: UInt8) -> Bool { b >= 97 && b <= 122 }
            func upper(_ b: UInt8) -> Bool { b >= 65 && b <= 90 }
            func digit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            guard bytes.contains(where: lower) else { return String(decoding: bytes, as: UTF8.self) }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 4)
            for i in 0..<bytes.count {
                let c = bytes[i]
                if upper(c) {
                    if i > 0 {
                        let prev = bytes[i - 1]
                        let nextIsLower = i + 1 < bytes.count && lower(bytes[i + 1])
                        if lower(prev) || digit(prev) || (upper(prev) && nextIsLower) { out.append(UInt8(ascii: "_")) }
                    }
                    out.append(c + 32)
                } else {
                    out.append(c)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}

/// Where one encoded value goes; containers fill it in place.
final class TreeSlot {
    enum Content { case empty, value(JSONTree), object([(String, TreeSlot)]), array([TreeSlot]) }
    var content: Content = .empty

    var tree: JSONTree {
        switch content {
        case .empty: return .null
        case .value(let v): return v
        case .object(let fields):
            var dict: [String: JSONTree] = [:]
            dict.reserveCapacity(fields.count)
            // A key encoded twice keeps its last value, as in Foundation's encoder.
            for (k, slot) in fields { dict[k] = slot.tree }
            return .object(dict)
        case .array(let items): return .array(items.map(\.tree))
        }
    }

    func child(forKey key: String) -> TreeSlot {
        let slot = TreeSlot()
        if case .object(var fields) = content {
            content = .empty   // so `fields` is the array's only reference and grows in place
            fields.append((key, slot))   // (a repeated key is settled in `tree`: the last one wins)
            content = .object(fields)
        } else {
            content = .object([(key, slot)])
        }
        return slot
    }

    func appendChild() -> TreeSlot {
        let slot = TreeSlot()
        if case .array(var items) = content {
            content = .empty   // so `items` is the array's only reference and grows in place
            items.append(slot); content = .array(items)
        } else {
            content = .array([slot])
        }
        return slot
    }
}

struct TreeEncoder: Encoder {
    let slot: TreeSlot
    var codingPath: [CodingKey]
    /// For the root only (`CanonicalJSON.encodeInParallel`): which of its
    /// members encoded through `encode(_:forKey:)` have their values
    /// encoded; the others get an empty slot, so their keys are still listed.
    /// Leaves (numbers, strings, booleans) and nested containers are always
    /// written: they cost next to nothing. nil: every member.
    var descends: ((String) -> Bool)? = nil
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = slot.content {} else { slot.content = .object([]) }
        return KeyedEncodingContainer(KeyedTreeContainer<Key>(slot: slot, codingPath: codingPath, descends: descends))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        if case .array = slot.content {} else { slot.content = .array([]) }
        return UnkeyedTreeContainer(slot: slot, codingPath: codingPath)
    }

    func singleValueContainer() -> SingleValueEncodingContainer {
        SingleTreeContainer(slot: slot, codingPath: codingPath)
    }
}

struct KeyedTreeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let slot: TreeSlot
    var codingPath: [CodingKey]
    /// `TreeEncoder.descends`: set only on the root's container.
    var descends: ((String) -> Bool)? = nil

    mutating func encodeNil(forKey key: Key) throws { slot.child(forKey: JSONTree.snakeCase(key.stringValue)).content = .value(.null) }
    // The common leaves straight into their slot, as `SingleTreeContainer`
    // stores them: without them every number and string of the results
    // would go through a nested encoder and a new coding-path array.
    mutating func encode(_ value: Double, forKey key: Key) throws { slot.child(forKey: JSONTree.snakeCase(key.stringValue)).content = .value(.double(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { slot.child(forKey: JSONTree.snakeCase(key.stringValue)).content = .value(.string(value)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { slot.child(forKey: JSONTree.snakeCase(key.stringValue)).content = .value(.integer(Int64(value))) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { slot.child(forKey: JSONTree.snakeCase(key.stringValue)).content = .value(.bool(value)) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        let name = JSONTree.snakeCase(key.stringValue)
        let child = slot.child(forKey: name)
        if let descends, !descends(name) { return }
        try value.encode(to: TreeEncoder(slot: child, codingPath: codingPath + [key]))
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        TreeEncoder(slot: slot.child(forKey: JSONTree.snakeCase(key.stringValue)), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        TreeEncoder(slot: slot.child(forKey: JSONTree.snakeCase(key.stringValue)), codingPath: codingPath + [key]).unkeyedContainer()
    }
    mutating func superEncoder() -> Encoder { TreeEncoder(slot: slot.child(forKey: "super"), codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> Encoder {
        TreeEncoder(slot: slot.child(forKey: JSONTree.snakeCase(key.stringValue)), codingPath: codingPath + [key])
    }
}

struct UnkeyedTreeContainer: UnkeyedEncodingContainer {
    let slot: TreeSlot
    var codingPath: [CodingKey]
    var count: Int { if case .array(let items) = slot.content { return items.count }; return 0 }

    mutating func encodeNil() throws { slot.appendChild().content = .value(.null) }
    // The common leaves straight into their slot (see `KeyedTreeContainer`).
    mutating func encode(_ value: Double) throws { slot.appendChild().content = .value(.double(value)) }
    mutating func encode(_ value: String) throws { slot.appendChild().content = .value(.string(value)) }
    mutating func encode(_ value: Int) throws { slot.appendChild().content = .value(.integer(Int64(value))) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try value.encode(to: TreeEncoder(slot: slot.appendChild(), codingPath: codingPath))
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        TreeEncoder(slot: slot.appendChild(), codingPath: codingPath).container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        TreeEncoder(slot: slot.appendChild(), codingPath: codingPath).unkeyedContainer()
    }
    mutating func superEncoder() -> Encoder { TreeEncoder(slot: slot.appendChild(), codingPath: codingPath) }
}

struct SingleTreeContainer: SingleValueEncodingContainer {
    let slot: TreeSlot
    var codingPath: [CodingKey]

    mutating func encodeNil() throws { slot.content = .value(.null) }
    mutating func encode(_ value: Bool) throws { slot.content = .value(.bool(value)) }
    mutating func encode(_ value: String) throws { slot.content = .value(.string(value)) }
    mutating func encode(_ value: Double) throws { slot.content = .value(.double(value)) }
    mutating func encode(_ value: Float) throws { slot.content = .value(.double(Double(value))) }
    mutating func encode(_ value: Int) throws { slot.content = .value(.integer(Int64(value))) }
    mutating func encode(_ value: Int8) throws { slot.content = .value(.integer(Int64(value))) }
    mutating func encode(_ value: Int16) throws { slot.content = .value(.integer(Int64(value))) }
    mutating func encode(_ value: Int32) throws { slot.content = .value(.integer(Int64(value))) }
    mutating func encode(_ value: Int64) throws { slot.content = .value(.integer(value)) }
    mutating func encode(_ value: UInt) throws { slot.content = .value(.integer(Int64(truncatingIfNeeded: value))) }
    mutating func encode(_ value: UInt8) throws { slot.content = .value(.integer(Int64(value))) }
    mutating func encode(_ value: UInt16) throws { slot.content = .value(.integer(Int64(value))) }
    mutating func encode(_ value: UInt32) throws { slot.content = .value(.integer(Int64(value))) }
    mutating func encode(_ value: UInt64) throws {
        // Seeds are full 64-bit values: keep them exact as decimal text when they do not fit an Int64.
        slot.content = .value(value <= UInt64(Int64.max) ? .integer(Int64(value)) : .string(String(value)))
    }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try value.encode(to: TreeEncoder(slot: slot, codingPath: codingPath))
    }
}
