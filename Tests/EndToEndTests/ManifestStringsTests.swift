import Foundation
import SiteBuilder
import TestSupport
import XCTest

/// Strings from study.yaml are data: through the real CLI, a table title with
/// quotes, a tab and `../` becomes neither an attribute nor a path, and the
/// build neither crashes nor needs its checks to stay safe.
final class ManifestStringsTests: XCTestCase {
    func testHostileTableTitlesStayText() async throws {
        let content = try SiteFixture.copyOfContent("manifest-strings")
        let root = content.deletingLastPathComponent()
        let manifest = content.appendingPathComponent("study.yaml")
        let attack = "Table 1\" onfocus=\"alert(1)\" tabindex=\"0\t' data-pwned=\"yes"
        let escape = "../../../escape"
        let text = try String(contentsOf: manifest, encoding: .utf8)
            .replacingOccurrences(of: "title: Table 1,", with: "title: \(HostileBuildTests.yaml(attack)),")
            .replacingOccurrences(of: "title: Table A2,", with: "title: \(HostileBuildTests.yaml(escape)),")
        try text.write(to: manifest, atomically: true, encoding: .utf8)
        let site = root.appendingPathComponent("site")
        let result = try CLIRun.run(["build", "--content", content.path, "--out", site.path, "--templates", SiteFixture.templates.path,
                                     "--permutations", "9", "--no-check",
                                     "--logprobs", SiteFixture.repoRoot.appendingPathComponent("Tests/Fixtures/reference/logprobs/tables").path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let files = SiteFixture.allFiles(under: site)
        let problems = await SiteChecks.run(root: site, files: files, entryPoints: Set(files.filter { !$0.contains("/") }))
        XCTAssertEqual(problems, [])
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("escape.csv").path))
        XCTAssertTrue(files.allSatisfy { SiteFixture.isInside($0) }, "\(files)")
        let page = try String(contentsOf: site.appendingPathComponent("implicit-rewards.html"), encoding: .utf8)
        // As text the quotes are entities; an attribute would need a raw quote or a bare word before ">".
        for attribute in [" onfocus=\"", " tabindex=\"", " data-pwned=\"", " data-pwned>"] {
            XCTAssertFalse(page.contains(attribute), "\(attribute) became an attribute")
        }
        XCTAssertTrue(page.contains("onfocus=&quot;alert(1)&quot;"), "the title is on the page, escaped")
        let scan = XMLScan(page)
        XCTAssertNil(scan.error)
        XCTAssertTrue(scan.text.contains(attack.replacingOccurrences(of: "\t", with: "\t")), "the title is shown as text")
        XCTAssertTrue(scan.text.contains(escape))
        XCTAssertTrue(scan.ids.allSatisfy { id in id.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-") } },
                      "\(scan.ids)")
    }
}

extension SiteFixture {
    /// A relative site path with no `..`, `.` or empty part.
    static func isInside(_ relative: String) -> Bool {
        relative.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }
}
