import XCTest

/// `XCTAssertThrowsError` for an expression that must be awaited: XCTest's
/// autoclosures cannot be `async`. Fails when the expression returns;
/// otherwise hands the error to `handler`.
public func assertThrowsAsync<T>(_ expression: @autoclosure () async throws -> T, _ message: @autoclosure () -> String = "",
                                 file: StaticString = #filePath, line: UInt = #line,
                                 _ handler: (any Error) -> Void = { _ in }) async {
    do {
        let value = try await expression()
        XCTFail("expected an error, got \(value) \(message())", file: file, line: line)
    } catch {
        handler(error)
    }
}
