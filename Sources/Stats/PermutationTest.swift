import CRelabel

/// Outcome of a Monte-Carlo permutation test.
public struct PermutationTestResult: Codable, Equatable, Sendable {
    /// Number of random relabellings drawn (R).
    public var resamples: Int
    /// How many relabellings gave |t*| ≥ |t_obs|.
    public var extremeCount: Int
    /// (1 + extremeCount) / (resamples + 1).
    public var p: Double
    /// The Welch t of the observed labelling (x − y).
    public var observedT: Double

    public init(resamples: Int, extremeCount: Int, p: Double, observedT: Double) {
        self.resamples = resamples; self.extremeCount = extremeCount
        self.p = p; self.observedT = observedT
    }
}

/// One of several permutation tests run side by side: its two groups and
/// the generator its relabellings draw from.
public struct WelchPermutationInput: Sendable {
    public var x: [Double]
    public var y: [Double]
    public var generator: SeededGenerator

    public init(x: [Double], y: [Double], generator: SeededGenerator) {
        self.x = x; self.y = y; self.generator = generator
    }

    /// The pooled sample's size and the smaller group's: tests of one shape
    /// share a relabelling kernel's lanes (`PermutationTest.welch(sideBySide:)`).
    public var shape: SIMD2<Int> { SIMD2(x.count + y.count, min(x.count, y.count)) }
}

/// The permutation test the paper's text describes for the Figure 1 panels.
public enum PermutationTest {
    /// Welch t as statistic; `resamples` random relabellings of the pooled sample
    /// into groups of sizes nx, ny; two-sided p = (1 + #{|t*| ≥ |t_obs|}) / (R + 1),
    /// which never reports p = 0. |t*| within 1e-12 relative of |t_obs| counts as
    /// ≥, so floating-point noise cannot drop relabellings that tie exactly.
    ///
    /// Each relabelling is a partial Fisher–Yates shuffle of one working array
    /// (the smaller group's slots, so no allocation per resample) and needs
    /// only the drawn group's sum and sum of squares (`WelchRelabelling`).
    /// `generator` is left where the draws ended.
    public static func welch(_ x: [Double], _ y: [Double], resamples: Int,
                             generator: inout SeededGenerator) -> PermutationTestResult {
        let outcome = welch(sideBySide: [WelchPermutationInput(x: x, y: y, generator: generator)], resamples: resamples)[0]
        generator = outcome.generator
        return outcome.result
    }

    /// Several Welch permutation tests at once, each exactly as `welch` runs
    /// it alone (the same draws from its own generator, the same count), in
    /// the input's order with each generator where its draws ended.
    ///
    /// Why side by side: the Figure 1 panels' 24 × 99,999 relabellings are
    /// half of a default build's time, and almost all of that is stepping
    /// the generators and swapping slots. Tests whose pooled samples and
    /// drawn groups have the same sizes run in lanes of one vector
    /// (`backbone_relabel_lanes`), up to `sideBySideWidth` at a time: a run
    /// of five to eight takes eight lanes (AVX-512), of three or four four
    /// lanes, and spare lanes repeat the run's last test and are discarded;
    /// a last one or two run one at a time (`backbone_relabel_one`), which
    /// is quicker than a vector step mostly unused.
    public static func welch(sideBySide tests: [WelchPermutationInput],
                             resamples: Int) -> [(result: PermutationTestResult, generator: SeededGenerator)] {
        precondition(resamples >= 0, "resamples must be non-negative")
        var outcomes: [(result: PermutationTestResult, generator: SeededGenerator)?] = Array(repeating: nil, count: tests.count)
        // Tests to relabel, grouped by shape in order of first appearance.
        var shapes: [[Int]] = [], shapeIndex: [SIMD2<Int>: Int] = [:]
        var relabellings: [WelchRelabelling?] = []
        for (i, test) in tests.enumerated() {
            let observed = WelchTest.test(test.x, test.y)
            guard let relabelling = WelchRelabelling(test.x, test.y, observed: observed) else {
                relabellings.append(nil)
                outcomes[i] = (PermutationTestResult(resamples: resamples, extremeCount: resamples, p: 1,
                                                     observedT: observed.t), test.generator)
                continue
            }
            relabellings.append(relabelling)
            let shape = test.shape
            if let k = shapeIndex[shape] { shapes[k].append(i) } else { shapeIndex[shape] = shapes.count; shapes.append([i]) }
        }
        for members in shapes {
            for start in stride(from: 0, to: members.count, by: sideBySideWidth) {
                let run = Array(members[start..<min(start + sideBySideWidth, members.count)])
                if run.count >= 3 {
                    let lanes = run.count > 4 ? 8 : 4
                    let done = relabelInLanes(lanes, run.map { relabellings[$0]! }, generators: run.map { tests[$0].generator },
                                              resamples: resamples)
                    for (lane, i) in run.enumerated() { outcomes[i] = done[lane] }
                } else {
                    for i in run { outcomes[i] = relabelAlone(relabellings[i]!, generator: tests[i].generator, resamples: resamples) }
                }
            }
        }
        return outcomes.map { $0! }
    }

    /// How many tests of one shape `welch(sideBySide:)` runs in one vector on
    /// this machine: 8 with AVX-512, otherwise 4. A caller that splits its
    /// tests into batches (to spread them over cores) should make batches of
    /// this many, so no batch leaves lanes that another could have filled.
    public static let sideBySideWidth = Int(backbone_relabel_widest())

    /// One test through `backbone_relabel_one`: for the last one or two of
    /// a shape, which would leave half of a four-lane step unused.
    private static func relabelAlone(_ test: WelchRelabelling, generator: SeededGenerator,
                                     resamples: Int) -> (result: PermutationTestResult, generator: SeededGenerator) {
        var values = test.pooled, state = [generator.s0, generator.s1, generator.s2, generator.s3]
        let n = values.count, m = test.drawn, statistics = RelabelledWelchT.lanes([test.statistic], count: 1)
        var extreme: Int64 = 0, sum = 0.0, square = 0.0
        values.withUnsafeMutableBufferPointer { values in
            state.withUnsafeMutableBufferPointer { state in
                statistics.withUnsafeBufferPointer { statistics in
                    for _ in 0..<resamples {
                        backbone_relabel_one(values.baseAddress!, n, m, state.baseAddress!, &sum, &square)
                        backbone_count_extreme(1, &sum, &square, statistics.baseAddress!, &extreme)
                    }
                }
            }
        }
        var g = generator
        g.s0 = state[0]; g.s1 = state[1]; g.s2 = state[2]; g.s3 = state[3]
        return (test.result(resamples: resamples, extremeCount: Int(extreme)), g)
    }

    /// Up to `lanes` (4 or 8) tests of one shape, relabelled in the lanes of
    /// `backbone_relabel_lanes` (spare lanes repeat the last test).
    private static func relabelInLanes(_ lanes: Int, _ tests: [WelchRelabelling], generators: [SeededGenerator],
                                       resamples: Int) -> [(result: PermutationTestResult, generator: SeededGenerator)] {
        let n = tests[0].pooled.count, m = tests[0].drawn
        var values = [Double](repeating: 0, count: lanes * n), state = [UInt64](repeating: 0, count: 4 * lanes)
        for lane in 0..<lanes {
            let source = min(lane, tests.count - 1)
            for (i, v) in tests[source].pooled.enumerated() { values[lanes * i + lane] = v }
            let g = generators[source]
            state[lane] = g.s0; state[lanes + lane] = g.s1; state[2 * lanes + lane] = g.s2; state[3 * lanes + lane] = g.s3
        }
        let statistics = RelabelledWelchT.lanes(tests.map(\.statistic), count: lanes)
        var extreme = [Int64](repeating: 0, count: lanes)     // spare lanes counted too, never read
        var sums = [Double](repeating: 0, count: lanes), squares = [Double](repeating: 0, count: lanes)
        values.withUnsafeMutableBufferPointer { values in
            state.withUnsafeMutableBufferPointer { state in
                sums.withUnsafeMutableBufferPointer { sums in
                    squares.withUnsafeMutableBufferPointer { squares in
                        statistics.withUnsafeBufferPointer { statistics in
                            extreme.withUnsafeMutableBufferPointer { extreme in
                                for _ in 0..<resamples {
                                    backbone_relabel_lanes(values.baseAddress!, lanes, n, m, state.baseAddress!,
                                                           sums.baseAddress!, squares.baseAddress!)
                                    backbone_count_extreme(lanes, sums.baseAddress!, squares.baseAddress!,
                                                           statistics.baseAddress!, extreme.baseAddress!)
                                }
                            }
                        }
                    }
                }
            }
        }
        return tests.indices.map { lane in
            var g = generators[lane]
            g.s0 = state[lane]; g.s1 = state[lanes + lane]; g.s2 = state[2 * lanes + lane]; g.s3 = state[3 * lanes + lane]
            return (tests[lane].result(resamples: resamples, extremeCount: Int(extreme[lane])), g)
        }
    }
}
