import XCTest
@testable import Stats

/// `Descriptive.median` finds the middle by selection; it must give exactly
/// the value(s) a full sort puts in the middle, on data with many ties (ranks)
/// and without, for odd and even lengths.
final class MedianSelectionTests: XCTestCase {
    private func sortedMedian(_ x: [Double]) -> Double {
        let s = x.sorted(), n = s.count
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
    }

    func testSelectionGivesTheSortedMiddleBitForBit() {
        var generator = SeededGenerator(seed: 7)
        for n in Array(1...40) + [99, 100, 1_000, 1_001, 4_096] {
            for ties in [false, true] {
                let x: [Double] = (0..<n).map { _ in
                    ties ? Double(generator.nextInt(below: 7)) / 2 : Double(generator.next() >> 11) / Double(1 << 53) - 0.5
                }
                let expected = sortedMedian(x)
                XCTAssertEqual(Descriptive.median(x).bitPattern, expected.bitPattern, "n = \(n), ties = \(ties)")
            }
        }
    }

    func testSortedReversedAndConstantInputs() {
        let up = (0..<1_001).map(Double.init)
        XCTAssertEqual(Descriptive.median(up), 500)
        XCTAssertEqual(Descriptive.median(up.reversed()), 500)
        XCTAssertEqual(Descriptive.median(Array(up.dropLast())), 499.5)
        XCTAssertEqual(Descriptive.median(Array(repeating: 3.25, count: 64)), 3.25)
    }

    func testSelectLeavesNothingSmallerAfterAndNothingLargerBefore() {
        var generator = SeededGenerator(seed: 11)
        var a = (0..<500).map { _ in Double(generator.nextInt(below: 50)) }
        let sorted = a.sorted()
        Descriptive.select(&a, 123)
        XCTAssertEqual(a[123], sorted[123])
        XCTAssertTrue(a[..<123].allSatisfy { $0 <= a[123] })
        XCTAssertTrue(a[124...].allSatisfy { $0 >= a[123] })
    }

    func testNaNKeepsTheSortedAnswer() {
        let x = [3, .nan, 1, 2, 5.0]
        XCTAssertEqual(Descriptive.median(x).bitPattern, sortedMedian(x).bitPattern)
    }

    /// The in-place form gives the copying form's value bit for bit, NaN
    /// included, and leaves the same values (reordered) in the array.
    func testMedianSelectingInPlaceEqualsTheCopyingMedian() {
        var generator = SeededGenerator(seed: 5)
        var cases: [[Double]] = [[], [2], [3, .nan, 1, 2, 5.0], [.nan, .nan], [1, .nan, 4, 4]]
        for n in [2, 3, 64, 65, 1_000] {
            cases.append((0..<n).map { _ in Double(generator.nextInt(below: 9)) / 2 })
        }
        for x in cases {
            var a = x
            XCTAssertEqual(Descriptive.median(selectingIn: &a).bitPattern, Descriptive.median(x).bitPattern, "\(x)")
            XCTAssertEqual(a.map(\.bitPattern).sorted(), x.map(\.bitPattern).sorted(), "\(x)")
        }
    }
}

/// `Descriptive.median(ofSorted:)` reads off what `median` selects, bit for bit.
final class SortedMedianTests: XCTestCase {
    func testReadingOffASortedColumnEqualsTheSelectedMedian() {
        var generator = SeededGenerator(seed: 17)
        for n in Array(0...50) + [999, 1_000] {
            for ties in [false, true] {
                let x = (0..<n).map { _ in
                    ties ? Double(generator.nextInt(below: 9)) / 2 + 1 : Double(generator.next() >> 11) * 0x1p-53 - 0.5
                }.sorted()
                let read = x.withUnsafeBufferPointer { Descriptive.median(ofSorted: $0) }
                XCTAssertEqual(read.bitPattern, Descriptive.median(x).bitPattern, "n = \(n), ties = \(ties)")
            }
        }
    }
}
