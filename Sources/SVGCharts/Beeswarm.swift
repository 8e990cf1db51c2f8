/// Beeswarm placement: spreads many points horizontally inside a band so
/// that markers of radius `radius` do not overlap, keeping each point's
/// vertical position exact.
///
/// Deterministic by construction (no random jitter): points are placed in
/// order of their vertical position (ties by input order), each at the
/// horizontal offset closest to the centre that is free. When the swarm is
/// wider than the band, all offsets are squeezed by one common factor, so
/// the swarm keeps its shape (points then overlap, which translucency keeps
/// readable) instead of piling up at the band edge.
public enum Beeswarm {
    /// Horizontal offsets from the band centre, one per input `y` (pixels),
    /// in input order. Every offset lies within ±`maxOffset`.
    public static func offsets(for ys: [Double], radius: Double, maxOffset: Double) -> [Double] {
        let diameter = 2 * radius
        let order = ys.indices.sorted { ys[$0] != ys[$1] ? ys[$0] < ys[$1] : $0 < $1 }
        var result = [Double](repeating: 0, count: ys.count)
        var placed: [(x: Double, y: Double)] = []
        var windowStart = 0
        for index in order {
            let y = ys[index]
            // Placed points are sorted by y; drop those too far above to touch.
            while windowStart < placed.count && y - placed[windowStart].y >= diameter { windowStart += 1 }
            var blocked: [(Double, Double)] = []
            for other in placed[windowStart...] {
                let dy = y - other.y
                let dx = (diameter * diameter - dy * dy).squareRoot()
                blocked.append((other.x - dx, other.x + dx))
            }
            let x = nearestFree(blocked: blocked)
            result[index] = x
            placed.append((x: x, y: y))
        }
        let widest = result.map(abs).max() ?? 0
        if widest > maxOffset, widest > 0 {
            let factor = max(0, maxOffset) / widest
            result = result.map { $0 * factor }
        }
        return result
    }

    /// The offset closest to 0 (ties: the negative side first… then by
    /// value) that is not strictly inside any blocked interval.
    static func nearestFree(blocked: [(Double, Double)]) -> Double {
        var candidates: [Double] = [0]
        for (lo, hi) in blocked { candidates.append(lo); candidates.append(hi) }
        candidates.sort { abs($0) != abs($1) ? abs($0) < abs($1) : $0 > $1 }
        let epsilon = 1e-9
        for candidate in candidates
        where !blocked.contains(where: { candidate > $0.0 + epsilon && candidate < $0.1 - epsilon }) {
            return candidate
        }
        return 0
    }
}

/// Evenly spread offsets for a handful of points (e.g. one per reward
/// model), in input order, so error bars do not sit on top of each other.
///
/// `centerGap` keeps the middle free (|offset| ≥ centerGap) for a summary
/// mark drawn at the centre; points left of centre come first.
public enum Dodge {
    public static func offsets(count: Int, maxOffset: Double, centerGap: Double = 0) -> [Double] {
        guard count > 0 else { return [] }
        let gap = min(max(0, centerGap), maxOffset)
        if count == 1 { return [gap == 0 ? 0 : -gap] }
        let leftCount = (count + 1) / 2
        return (0..<count).map { index -> Double in
            if gap == 0 { return -maxOffset + 2 * maxOffset * Double(index) / Double(count - 1) }
            // Two evenly filled sides: [-max, -gap] and [gap, max].
            let (slot, slots, sign) = index < leftCount
                ? (leftCount - 1 - index, leftCount, -1.0) : (index - leftCount, count - leftCount, 1.0)
            let t = slots > 1 ? Double(slot) / Double(slots - 1) : 0.5
            return sign * (gap + t * (maxOffset - gap))
        }
    }
}
