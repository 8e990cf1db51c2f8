import Parallel

extension CanonicalJSON {
    /// `encode(value)`, byte for byte, with each member of the top-level
    /// object encoded and written as a task of its own.
    ///
    /// Why: results.json is ~3 MB of text, and encoding it on one core was the
    /// last ~0.1 s of a default build, after every page was done; its two
    /// largest members (§2 and the robustness layer) are each about half.
    ///
    /// How, without knowing the value's type: a first pass runs the value's
    /// `encode(to:)` descending into no member, which lists the root's keys
    /// in the order it encodes them. Each task then runs `encode(to:)` again
    /// descending only into its own key, and writes that member's value as
    /// `encode` writes it inside the root (indented one level). The root is
    /// then written from those texts in `encode`'s key order; of a key
    /// encoded twice the last one (name and value) is kept, as `encode` keeps
    /// it. A value whose root is not an object, or whose members differ
    /// between passes, is encoded as `encode` does, on this task.
    public static func encodeInParallel<T: Encodable & Sendable>(_ value: T) async throws -> String {
        let outline = TreeSlot()
        try value.encode(to: TreeEncoder(slot: outline, codingPath: [], descends: { _ in false }))
        guard case .object(let fields) = outline.content else { return try encode(value) }
        var keys: [String] = [], listed = Set<String>()
        for (key, _) in fields where listed.insert(key).inserted { keys.append(key) }
        let members = try await Parallel.map(keys.count) { [keys] k -> (key: String, text: [UInt8])? in
            let root = TreeSlot()
            try value.encode(to: TreeEncoder(slot: root, codingPath: [], descends: { $0 == keys[k] }))
            guard case .object(let fields) = root.content, let member = fields.last(where: { $0.0 == keys[k] }) else { return nil }
            var text = JSONText()
            write(member.1, indent: 1, into: &text)
            return (member.0, text.bytes)
        }
        guard members.allSatisfy({ $0 != nil }) else { return try encode(value) }
        let order = keys.indices.sorted { keys[$0] < keys[$1] }
        var out = JSONText()
        writeObject(count: order.count, indent: 0, into: &out) { i, out in
            let member = members[order[i]]!
            out.appendQuoted(member.key)
            out.append(": ")
            out.append(bytes: member.text)
        }
        out.append("\n")
        return out.text
    }
}
