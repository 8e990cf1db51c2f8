import XCTest

/// The project's tolerance rule for comparing a computed number with an
/// independent reference: equal, or |actual − expected| ≤ tolerance · |expected|
/// + absolute. With the default `absolute` of 0 a reference of exactly 0
/// must be matched exactly (the same rule at zero as everywhere else); pass
/// `absolute` where a quantity is known only to rounding near 0. NaN never
/// matches (a failed computation must not pass), ±∞ only itself.
public func assertRelativelyClose(_ actual: Double, _ expected: Double, _ tolerance: Double = 1e-6,
                                  _ message: @autoclosure () -> String = "", absolute: Double = 0,
                                  file: StaticString = #filePath, line: UInt = #line) {
    if actual == expected { return }
    let error = abs(actual - expected)
    let ok = error <= tolerance * abs(expected) + absolute
    XCTAssertTrue(ok, "\(message()): \(actual) vs reference \(expected) (relative error \(error / abs(expected)))",
                  file: file, line: line)
}

/// Element-wise `assertRelativelyClose`, after checking the lengths agree.
public func assertRelativelyClose(_ actual: [Double], _ expected: [Double], _ tolerance: Double = 1e-6,
                                  _ message: @autoclosure () -> String = "", absolute: Double = 0,
                                  file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(actual.count, expected.count, "length \(message())", file: file, line: line)
    for (i, (a, e)) in zip(actual, expected).enumerated() {
        assertRelativelyClose(a, e, tolerance, "\(message()) [\(i)]", absolute: absolute, file: file, line: line)
    }
}
