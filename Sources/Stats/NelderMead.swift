import Foundation

/// Derivative-free minimisation by the Nelder–Mead simplex method, for the
/// profiled REML criterion of mixed models with a random-effects covariance
/// (whose gradient is awkward and whose optimum may lie on a boundary where
/// a variance is 0).
///
/// Why these choices: the coefficients adapt to the dimension (Gao & Han 2012,
/// "Implementing the Nelder-Mead simplex algorithm with adaptive parameters"),
/// which keeps the method from stalling in ten or more dimensions; and the
/// search restarts from its best point with a fresh simplex until a restart no
/// longer improves the value, the standard remedy for a simplex that has
/// collapsed before reaching the minimum.
public enum NelderMead {
    public struct Result: Sendable {
        public var point: [Double]
        public var value: Double
        public var evaluations: Int
    }

    /// Minimises `f` from `start`. `step`: initial simplex edge along each
    /// axis; a run stops when the values at the simplex's vertices span at
    /// most `tolerance` relative to the best value (absolute below 1) and its
    /// vertices lie within `pointTolerance` of the best one in every
    /// coordinate, or after `maxEvaluations` in all; restarts stop when one
    /// improves the value by no more than that same tolerance.
    public static func minimise(_ f: ([Double]) -> Double, start: [Double], step: Double = 0.5,
                                tolerance: Double = 1e-12, pointTolerance: Double = 1e-7,
                                maxEvaluations: Int = 100_000) -> Result {
        var best = (point: start, value: f(start))
        var evaluations = 1
        var currentStep = step
        while evaluations < maxEvaluations {
            let run = simplexRun(f, start: best.point, step: currentStep, tolerance: tolerance,
                                 pointTolerance: pointTolerance, budget: maxEvaluations - evaluations)
            evaluations += run.evaluations
            let improvement = best.value - run.value
            if run.value < best.value { best = (run.point, run.value) }
            if improvement <= tolerance * max(1, abs(best.value)) { break }
            currentStep = max(step * 1e-3, currentStep * 0.5)
        }
        return Result(point: best.point, value: best.value, evaluations: evaluations)
    }

    private static func simplexRun(_ f: ([Double]) -> Double, start: [Double], step: Double, tolerance: Double,
                                   pointTolerance: Double, budget: Int) -> Result {
        let n = start.count
        let dimension = Double(n)
        let reflection = 1.0, expansion = 1 + 2 / dimension
        let contraction = 0.75 - 1 / (2 * dimension), shrink = 1 - 1 / dimension
        var vertices: [[Double]] = [start]
        for i in 0..<n {
            var v = start
            v[i] += v[i] == 0 ? step : step * max(1, abs(v[i]))
            vertices.append(v)
        }
        var values = vertices.map(f)
        var evaluations = vertices.count
        while evaluations < budget {
            let order = values.indices.sorted { values[$0] < values[$1] }
            vertices = order.map { vertices[$0] }
            values = order.map { values[$0] }
            let spread = values[n] - values[0]
            var size = 0.0
            for v in vertices.dropFirst() { for j in 0..<n { size = max(size, abs(v[j] - vertices[0][j])) } }
            if spread <= tolerance * max(1, abs(values[0])) && size <= pointTolerance { break }
            if size == 0 { break }

            var centroid = [Double](repeating: 0, count: n)
            for v in vertices.dropLast() { for j in 0..<n { centroid[j] += v[j] / dimension } }
            func along(_ coefficient: Double) -> [Double] {
                (0..<n).map { centroid[$0] + coefficient * (vertices[n][$0] - centroid[$0]) }
            }
            let reflected = along(-reflection)
            let fr = f(reflected); evaluations += 1
            if fr < values[0] {
                let expanded = along(-reflection * expansion)
                let fe = f(expanded); evaluations += 1
                if fe < fr { vertices[n] = expanded; values[n] = fe } else { vertices[n] = reflected; values[n] = fr }
                continue
            }
            if fr < values[n - 1] { vertices[n] = reflected; values[n] = fr; continue }
            let outside = fr < values[n]
            let contracted = along(outside ? -reflection * contraction : contraction)
            let fc = f(contracted); evaluations += 1
            if fc < (outside ? fr : values[n]) { vertices[n] = contracted; values[n] = fc; continue }
            for i in 1...n {
                vertices[i] = (0..<n).map { vertices[0][$0] + shrink * (vertices[i][$0] - vertices[0][$0]) }
                values[i] = f(vertices[i])
            }
            evaluations += n
        }
        let bestIndex = values.indices.min { values[$0] < values[$1] }!
        return Result(point: vertices[bestIndex], value: values[bestIndex], evaluations: evaluations)
    }
}
