import Yams

/// One step into the manifest's YAML tree: a mapping key or a sequence index.
enum ManifestPathStep: Equatable {
    case key(String)
    case index(Int)
}

/// Where each part of `study.yaml` was written, so that a type or value
/// error names the line and column a person has to edit — not only a dotted
/// path they would have to find by hand.
///
/// Built from the composed YAML node tree, whose nodes carry libyaml's marks
/// (1-based line and column, columns counted in Unicode scalars).
struct ManifestPositions {
    private let root: Node

    init(root: Node) { self.root = root }

    /// The mark of the deepest node that `path` reaches. A path that leaves
    /// the tree (a missing key, an index past the end) stops at the last node
    /// it found, which is where the missing part belongs.
    func mark(at path: [ManifestPathStep]) -> Mark? {
        var node = root
        var found = root.mark
        for step in path {
            guard let next = child(of: node, step) else { break }
            node = next
            found = next.mark ?? found
        }
        return found
    }

    /// The node `path` names, or nil when it leaves the tree.
    func node(at path: [ManifestPathStep]) -> Node? {
        var node = root
        for step in path {
            guard let next = child(of: node, step) else { return nil }
            node = next
        }
        return node
    }

    /// The decoder's coding path as steps: integer keys index sequences.
    static func steps(_ codingPath: [CodingKey]) -> [ManifestPathStep] {
        codingPath.map { key in key.intValue.map(ManifestPathStep.index) ?? .key(key.stringValue) }
    }

    private func child(of node: Node, _ step: ManifestPathStep) -> Node? {
        switch (step, node) {
        case let (.key(name), .mapping(mapping)):
            return mapping[name]
        case let (.index(i), .sequence(sequence)):
            return sequence.indices.contains(i) ? sequence[i] : nil
        default:
            return nil
        }
    }
}

extension DataError {
    /// An error in the manifest at the position of `path`, when the tree has one.
    init(manifest displayPath: String, at path: [ManifestPathStep], in positions: ManifestPositions?, message: String) {
        if let mark = positions?.mark(at: path) {
            self.init(path: displayPath, line: mark.line, column: mark.column, message: message)
        } else {
            self.init(path: displayPath, message: message)
        }
    }
}
