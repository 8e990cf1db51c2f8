import Foundation

/// Descriptive statistics. Kept in plain loops (not BLAS) because the inputs are
/// short and the exact summation order is part of reproducing R to 1e-6.
public enum Descriptive {
    /// Arithmetic mean; NaN for an empty sample.
    public static func mean(_ x: [Double]) -> Double {
        guard !x.isEmpty else { return .nan }
        var s = 0.0
        for v in x { s += v }
        return s / Double(x.count)
    }

    /// Sample variance with denominator n − 1 (R's `var`); NaN when n < 2.
    public static func variance(_ x: [Double]) -> Double {
        guard x.count > 1 else { return .nan }
        let m = mean(x)
        var s = 0.0
        for v in x { s += (v - m) * (v - m) }
        return s / Double(x.count - 1)
    }

    /// Sample standard deviation (n − 1).
    public static func standardDeviation(_ x: [Double]) -> Double { variance(x).squareRoot() }

    /// Standard error of the mean, sd / √n.
    public static func standardError(_ x: [Double]) -> Double {
        standardDeviation(x) / Double(x.count).squareRoot()
    }

    /// Median; the mean of the two middle values for an even count (R's `median`).
    public static func median(_ x: [Double]) -> Double {
        var a = x
        return median(selectingIn: &a)
    }

    /// The same median, found by reordering `a` itself: for a caller that
    /// built the array only to take its median, which saves a copy of it.
    public static func median(selectingIn a: inout [Double]) -> Double {
        guard !a.isEmpty else { return .nan }
        let n = a.count
        guard !a.contains(where: \.isNaN) else {
            // `<` is no order with NaN in it; keep what sorting gives.
            a.sort()
            return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2
        }
        // The middle value(s) of the sorted order by selection, O(n) rather
        // than a full sort: §2 takes tens of thousands of medians of ranks.
        let k = n / 2
        select(&a, k)
        return n % 2 == 1 ? a[k] : (a[0..<k].max()! + a[k]) / 2
    }

    /// The same median of values already sorted ascending (no NaN): the
    /// middle one or two read off, for a caller whose values come out of a
    /// sort anyway (§2's ranks per category, `RankOrder`).
    public static func median(ofSorted a: UnsafeBufferPointer<Double>) -> Double {
        let n = a.count
        guard n > 0 else { return .nan }
        let k = n / 2
        return n % 2 == 1 ? a[k] : (a[k - 1] + a[k]) / 2
    }

    /// Reorders `a` so that `a[k]` holds the value sorting would put there,
    /// with nothing after it smaller and nothing before it larger
    /// (Hoare's FIND with a median-of-three pivot). No NaN in `a`.
    static func select(_ a: inout [Double], _ k: Int) {
        a.withUnsafeMutableBufferPointer { b in
            var lo = 0, hi = b.count - 1
            while lo < hi {
                let mid = lo + (hi - lo) / 2
                if b[mid] < b[lo] { b.swapAt(mid, lo) }
                if b[hi] < b[lo] { b.swapAt(hi, lo) }
                if b[hi] < b[mid] { b.swapAt(hi, mid) }
                let pivot = b[mid]
                var i = lo, j = hi
                while i <= j {
                    while b[i] < pivot { i += 1 }
                    while pivot < b[j] { j -= 1 }
                    if i <= j { b.swapAt(i, j); i += 1; j -= 1 }
                }
                // Now b[lo...j] ≤ pivot ≤ b[i...hi], and b[j+1..<i] == pivot.
                if k <= j { hi = j } else if k >= i { lo = i } else { return }
            }
        }
    }
}
