// How close the permutation test is to the cost of its random draws alone.
// One panel's shape (270 values, the smaller group 108, 99,999 relabellings):
// `test` is the one-panel Swift loop PermutationTest.welch ran until session
// 10 (partial Fisher–Yates, sums of the drawn group); `previous` is that loop
// as it was before session 7 (checked draws, array indices); `draws` makes
// the same draws and nothing else; `lanes 4` is four panels side by side
// through `backbone_relabel_lanes` (the generators in one AVX2 vector), its
// time divided by four; `lanes 8` is eight side by side (one AVX-512 vector
// where the machine has it, else plain C lane after lane), divided by eight:
// what the build runs for five to eight panels of a shape since session 14;
// `alone` is one panel through `backbone_relabel_one`, what the build runs
// for the last one or two panels of a shape (two alone take less than one
// four-lane step, which costs the same however many of its lanes are used). Every row draws exactly the same
// numbers; only a different generator or fewer draws — different p-values —
// could go below `draws`/`lanes`.
// Run (from the repository root):
//   clang -O2 -c Sources/CRelabel/relabel_lanes.c -I Sources/CRelabel/include -o /tmp/relabel_lanes.o
//   swiftc -O -wmo -import-objc-header Sources/CRelabel/include/CRelabel.h Sources/Stats/SeededGenerator.swift \
//       Benchmarks/speed/permutation-floor.swift /tmp/relabel_lanes.o -lm -o /tmp/permutation-floor && /tmp/permutation-floor
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

/// `count` copies of the panel side by side, each from its own generator
/// (the seeds `seed`…), interleaved as `backbone_relabel_lanes` reads them.
@inline(never)
func lanes(_ count: Int, _ values: [Double], smaller m: Int, resamples: Int, seed: UInt64) -> Double {
    let n = values.count
    var interleaved = [Double](repeating: 0, count: count * n), state = [UInt64](repeating: 0, count: 4 * count)
    for lane in 0..<count {
        for (i, v) in values.enumerated() { interleaved[count * i + lane] = v }
        var g = SeededGenerator(seed: seed + UInt64(lane))
        // The state words through the generator's own outputs would change
        // the draws; the benchmark only needs distinct, valid states.
        for word in 0..<4 { state[count * word + lane] = g.next() | 1 }
    }
    var sums = [Double](repeating: 0, count: count), squares = sums, total = 0.0
    for _ in 0..<resamples {
        backbone_relabel_lanes(&interleaved, count, n, m, &state, &sums, &squares)
        total += sums[0] + squares[0] + sums[count - 1] + squares[count - 1]
    }
    return total
}

/// One panel through `backbone_relabel_one`.
@inline(never)
func alone(_ values: [Double], smaller m: Int, resamples: Int, seed: UInt64) -> Double {
    var pooled = values, g = SeededGenerator(seed: seed)
    var state = (0..<4).map { _ in g.next() | 1 }
    var sum = 0.0, square = 0.0, total = 0.0
    for _ in 0..<resamples {
        backbone_relabel_one(&pooled, pooled.count, m, &state, &sum, &square)
        total += sum + square
    }
    return total
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
            for count in [4, 8] {
                let start = DispatchTime.now().uptimeNanoseconds
                let sink = lanes(count, values, smaller: 108, resamples: 99_999, seed: 42)
                let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                print("round \(round) lanes \(count) (per panel, \(count) side by side): \(ms / Double(count)) ms (\(sink != 0))")
            }
            let startAlone = DispatchTime.now().uptimeNanoseconds
            let sinkAlone = alone(values, smaller: 108, resamples: 99_999, seed: 42)
            let msAlone = Double(DispatchTime.now().uptimeNanoseconds - startAlone) / 1e6
            print("round \(round) alone (one panel): \(msAlone) ms (\(sinkAlone != 0))")
        }
    }
}
