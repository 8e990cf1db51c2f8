// How close the permutation test is to the cost of its random draws alone.
// One panel's shape (270 values, the smaller group 108, 99,999 relabellings):
// `test` is PermutationTest.welch's inner loop (partial Fisher–Yates, sums of
// the drawn group); `previous` is that loop as it was before session 7
// (checked draws, array indices); `draws` makes the same draws and nothing
// else. If `test` and `draws` take about as long, only a different generator
// or fewer draws — different p-values — could make the test faster.
// Run: swiftc -O -wmo Sources/Stats/SeededGenerator.swift Benchmarks/speed/permutation-floor.swift -o /tmp/permutation-floor && /tmp/permutation-floor
import Dispatch

@inline(never)
func test(_ values: [Double], smaller m: Int, resamples: Int, generator: inout SeededGenerator) -> Double {
    var pooled = values
    let n = pooled.count
    var total = 0.0
    var g = generator
    pooled.withUnsafeMutableBufferPointer { buffer in
        let base = buffer.baseAddress!, stop = base + m
        for _ in 0..<resamples {
            var s = 0.0, q = 0.0
            var slot = base
            var remaining = UInt64(n)
            while slot != stop {
                let other = slot + Int(truncatingIfNeeded: g.nextInt(belowPositive: remaining))
                let v = other.pointee
                other.pointee = slot.pointee
                slot.pointee = v
                s += v
                q += v * v
                slot += 1
                remaining &-= 1
            }
            total += s + q
        }
    }
    generator = g
    return total
}

/// The loop before session 7 (checked draws, array indices), for the ratio.
@inline(never)
func previous(_ values: [Double], smaller m: Int, resamples: Int, generator: inout SeededGenerator) -> Double {
    var pooled = values
    let n = pooled.count
    var total = 0.0
    pooled.withUnsafeMutableBufferPointer { buffer in
        for _ in 0..<resamples {
            var s = 0.0, q = 0.0
            for i in 0..<m {
                let j = i + generator.nextInt(below: n - i)
                let v = buffer[j]
                buffer[j] = buffer[i]
                buffer[i] = v
                s += v
                q += v * v
            }
            total += s + q
        }
    }
    return total
}

@inline(never)
func draws(_ values: [Double], smaller m: Int, resamples: Int, generator: inout SeededGenerator) -> Double {
    let n = values.count
    var total = 0
    for _ in 0..<resamples {
        for i in 0..<m { total &+= generator.nextInt(below: n - i) }
    }
    return Double(total)
}

@main
enum PermutationFloor {
    static func main() {
        var seed = SeededGenerator(seed: 1)
        let values = (0..<270).map { _ in Double(seed.nextInt(below: 600)) / 2 }
        for round in 1...3 {
            for (name, body) in [("test", test), ("previous", previous), ("draws", draws)] as [(String, ([Double], Int, Int, inout SeededGenerator) -> Double)] {
                var generator = SeededGenerator(seed: 42)
                let start = DispatchTime.now().uptimeNanoseconds
                let sink = body(values, 108, 99_999, &generator)
                let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                print("round \(round) \(name): \(ms) ms (\(sink > 0))")
            }
        }
    }
}
