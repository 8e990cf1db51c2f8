/// Maps data values to pixel positions along one axis.
///
/// The scale owns the only place where data becomes geometry, so every mark
/// and axis of a chart agrees on where a value sits. `reversed` exists for
/// rank axes (rank 1 = best belongs at the top of a figure).
public struct LinearScale: Equatable, Sendable {
    /// Data interval shown on the axis.
    public var domain: ClosedRange<Double>
    /// Pixel interval the domain maps onto.
    public var range: ClosedRange<Double>
    /// When `false`, `domain.lowerBound` maps to `range.lowerBound`;
    /// when `true`, it maps to `range.upperBound`.
    public var reversed: Bool

    public init(domain: ClosedRange<Double>, range: ClosedRange<Double>, reversed: Bool = false) {
        self.domain = domain
        self.range = range
        self.reversed = reversed
    }

    /// A vertical scale in SVG pixel space, where y grows downwards.
    ///
    /// With `reversed == false` the smallest value sits at the bottom (the
    /// usual mathematical orientation); with `reversed == true` it sits at
    /// the top, as rank axes need. Callers think in "up/down", not in the
    /// SVG coordinate quirk.
    public static func vertical(domain: ClosedRange<Double>, top: Double, bottom: Double,
                                reversed: Bool = false) -> LinearScale {
        LinearScale(domain: domain, range: min(top, bottom)...max(top, bottom), reversed: !reversed)
    }

    /// Pixel position of `value` (values outside the domain extrapolate;
    /// a zero-width domain maps everything to the middle of the range).
    public func callAsFunction(_ value: Double) -> Double {
        let span = domain.upperBound - domain.lowerBound
        let t = span == 0 ? 0.5 : (value - domain.lowerBound) / span
        let u = reversed ? 1 - t : t
        return range.lowerBound + u * (range.upperBound - range.lowerBound)
    }

    /// Round tick values (steps of 1, 2 or 5 × 10^k) inside the domain,
    /// roughly `count` of them.
    ///
    /// People read "50, 100, 150" faster than "52.4, 104.8"; the step is the
    /// nice number closest to `span / count`.
    public func niceTicks(approximately count: Int) -> [Double] {
        NiceTicks.values(in: domain, approximately: count)
    }
}

/// Tick generation on its own, so axes of any kind (and tests) can use it.
public enum NiceTicks {
    /// The 1/2/5 × 10^k step closest to `span / count`.
    public static func step(span: Double, approximately count: Int) -> Double {
        guard span.isFinite, span > 0 else { return 1 }
        let raw = span / Double(max(1, count))
        var magnitude = 1.0
        // Integer power of ten by repeated multiplication: exact for the
        // ranges charts use, unlike pow(10, floor(log10(x))) rounding.
        let exponent = decadeExponent(raw)
        if exponent >= 0 {
            for _ in 0..<exponent { magnitude *= 10 }
        } else {
            for _ in 0..<(-exponent) { magnitude /= 10 }
        }
        let normalized = raw / magnitude
        let nice: Double
        if normalized < 1.5 { nice = 1 } else if normalized < 3 { nice = 2 } else if normalized < 7 { nice = 5 } else { nice = 10 }
        return nice * magnitude
    }

    /// Multiples of the nice step that fall inside `domain`.
    public static func values(in domain: ClosedRange<Double>, approximately count: Int) -> [Double] {
        let lo = domain.lowerBound, hi = domain.upperBound
        guard lo.isFinite, hi.isFinite else { return [] }
        if lo == hi { return [lo] }
        let step = step(span: hi - lo, approximately: count)
        let first = (lo / step).rounded(.up)
        let last = (hi / step).rounded(.down)
        guard first <= last, last - first < 10_000 else { return [] }
        var ticks: [Double] = []
        var i = first
        while i <= last {
            // Multiply an integer index (no accumulated error), then snap to
            // 12 significant decimals so 0.1*3 prints as 0.3.
            let v = i * step
            let snapped = (v * 1e9).rounded() / 1e9
            ticks.append(snapped == 0 ? 0 : snapped)
            i += 1
        }
        return ticks
    }

    /// floor(log10(x)) for x > 0, without Foundation (this target stays
    /// dependency-free).
    static func decadeExponent(_ x: Double) -> Int {
        var v = x, e = 0
        while v >= 10 { v /= 10; e += 1 }
        while v < 1 { v *= 10; e -= 1 }
        return e
    }
}
