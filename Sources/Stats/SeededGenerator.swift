/// Seeded, platform-independent random numbers for the permutation tests.
///
/// The report must be byte-reproducible across machines and Swift releases, so
/// the generator (xoshiro256**, seeded through splitmix64), the bounded-integer
/// draw (Lemire's nearly-divisionless method) and the shuffle (Fisher–Yates)
/// are all spelled out here instead of using the standard library's
/// `shuffle(using:)` / `random(in:using:)`, whose algorithms are not promised
/// to stay the same.
///
/// `next()` is inlinable (and the state it needs usable from inlined code)
/// so that other modules' loops — the recovery simulation draws tens of
/// millions of normals — call no function per number; the draws are the same.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// Expands the 64-bit seed into the 256-bit state with splitmix64, which
    /// guarantees a non-zero state for every seed (including 0).
    public init(seed: UInt64) {
        var sm = seed
        func splitmix() -> UInt64 {
            sm &+= 0x9E37_79B9_7F4A_7C15
            var z = sm
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitmix(); s1 = splitmix(); s2 = splitmix(); s3 = splitmix()
    }

    /// Next 64 random bits (xoshiro256**).
    @inlinable
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    /// A uniform integer in 0..<n (n > 0), unbiased, by Lemire's
    /// multiply-and-reject method.
    public mutating func nextInt(below n: Int) -> Int {
        precondition(n > 0, "nextInt(below:) needs a positive bound")
        return Int(truncatingIfNeeded: nextInt(belowPositive: UInt64(n)))
    }

    /// `nextInt(below:)` for a caller whose loop already guarantees
    /// `bound > 0` (the permutation test draws 2.6 × 10⁸ of these, and the
    /// check and the conversions were a fifth of its inner loop's
    /// instructions). The same draws.
    @inline(__always)
    public mutating func nextInt(belowPositive bound: UInt64) -> UInt64 {
        var product = next().multipliedFullWidth(by: bound)
        if _slowPath(product.low < bound) {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return product.high
    }

    /// Uniform random permutation in place (Fisher–Yates, from the back).
    public mutating func shuffle<T>(_ a: inout [T]) {
        var i = a.count - 1
        while i > 0 {
            let j = nextInt(below: i + 1)
            if i != j { a.swapAt(i, j) }
            i -= 1
        }
    }

    @inlinable
    func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }
}
