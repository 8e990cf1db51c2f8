@testable import OutputFormat
import TestSupport
import XCTest

/// The markup escape's fast path (text copied whole when no byte needs
/// escaping) gives exactly what the rule writes scalar by scalar.
final class XMLEscapingTests: XCTestCase {
    static let inputs = HostileStrings.corpus + ["", "12.5", "-3.25", "#1f77b4", "translate(10,20)", "M0 0 L10 10 Z", "a\tb\nc", "x\r\ny",
                                                "café", "a'b"]
        + [0xFDD0, 0xFDEF, 0xFFFE, 0xFFFF, 0x1FFFE, 0x10FFFF, 0x80, 0x9F].map { String(UnicodeScalar(UInt32($0))!) }

    func testFastPathEqualsTheRule() {
        for s in Self.inputs {
            var slow = ""
            appendXMLEscapedScalars(s, to: &slow)
            XCTAssertEqual(xmlEscaped(s), slow, s.debugDescription)
            var appended = "prefix "
            appendXMLEscaped(s, to: &appended)
            XCTAssertEqual(appended, "prefix " + slow, s.debugDescription)
            if isXMLPlain(s) { XCTAssertEqual(slow, s, "plain text must be its own escape: \(s.debugDescription)") }
        }
    }

    /// The charts' byte output is the rule's `String` output as UTF-8,
    /// through the fast path and through the rule written as bytes.
    func testBytesEqualTheStringRule() {
        for s in Self.inputs + ["G2-2b → L3.1-70b", "≥ 0.5 «quoted» 😀 & <tag>", "\u{85}\u{2028}x"] {
            var rule = ""
            appendXMLEscapedScalars(s, to: &rule)
            var bytes: [UInt8] = Array("prefix ".utf8)
            appendXMLEscaped(s, to: &bytes)
            XCTAssertEqual(bytes, Array(("prefix " + rule).utf8), s.debugDescription)
            var ruleBytes: [UInt8] = []
            appendXMLEscapedScalars(s, to: &ruleBytes)
            XCTAssertEqual(ruleBytes, Array(rule.utf8), s.debugDescription)
        }
    }

    /// Every single ASCII character: plain ones are their own escape, the
    /// others (markup characters, controls but tab and line feed) are not.
    func testEveryASCIICharacter() {
        for v in UInt8(0)...0x7F {
            let s = String(UnicodeScalar(v))
            var slow = ""
            appendXMLEscapedScalars(s, to: &slow)
            XCTAssertEqual(isXMLPlain(s), slow == s, "byte \(v)")
            XCTAssertEqual(xmlEscaped(s), slow, "byte \(v)")
        }
    }
}
