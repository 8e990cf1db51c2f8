import Foundation
import TestSupport
import XCTest
@testable import SiteBuilder
@testable import StudyData

/// The `.tex` downloads: every special character escaped, every token
/// visible and distinct, and the result compiles with pdflatex.
final class LaTeXTableTests: XCTestCase {
    static let specials = ["\\", "{", "}", "%", "#", "_", "&", "~", "^", "$", "\\xFF\\xC3", "a--b", "?`", "<<x>>"]

    func testSpecialsAreEscaped() {
        XCTAssertEqual(LaTeXText.escape("\\"), "\\textbackslash{}")
        XCTAssertEqual(LaTeXText.escape("{x}"), "\\{x\\}")
        XCTAssertEqual(LaTeXText.escape("50% #1 a_b A&B $5"), "50\\% \\#1 a\\_b A\\&B \\$5")
        XCTAssertEqual(LaTeXText.escape("~^"), "\\textasciitilde{}\\textasciicircum{}")
        XCTAssertEqual(LaTeXText.escape("a--b"), "a-{-}b")
        XCTAssertEqual(LaTeXText.escape("a,,b, c"), "a,{,}b, c")
        XCTAssertEqual(LaTeXText.escape("nl\n\u{0}"), "nl\\textbackslash{}n\\textbackslash{}u\\{0\\}")
        XCTAssertEqual(LaTeXText.escape(" lead"), "\\textvisiblespace{}lead")
        XCTAssertEqual(LaTeXText.escape("\\xFF"), "\\textbackslash{}xFF", "invalid UTF-8, as ByteText shows it")
        XCTAssertEqual(LaTeXText.escape("caf\u{e9}"), "caf\u{e9}")
        XCTAssertEqual(LaTeXText.escape("e\u{301}"), "e\\texttt{U+0301}")
        XCTAssertEqual(LaTeXText.escape("−0.5"), "\\textminus{}0.5")
    }

    func testEveryHostileStringStaysDistinctAndHasNoBareSpecial() {
        let inputs = HostileStrings.corpus + Self.specials + ["\u{e9}", "e\u{301}", "\u{212A}", "K"]
        var seen: [String: String] = [:]
        var inputBytes = Set<[UInt8]>()
        for s in inputs where inputBytes.insert(Array(s.utf8)).inserted {
            let e = LaTeXText.escape(s)
            if let other = seen[e] { XCTFail("\(quotedForMessage(s)) and \(quotedForMessage(other)) both become \(e)") }
            seen[e] = s
            XCTAssertFalse(e.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, quotedForMessage(s))
            // Strip the escapes this writer makes; what is left must have no special character.
            var rest = e
            for command in ["\\textbackslash{}", "\\textasciitilde{}", "\\textasciicircum{}", "\\textvisiblespace{}", "\\textless{}",
                            "\\textgreater{}", "\\textbar{}", "\\textquotedbl{}", "\\textquotesingle{}", "\\textasciigrave{}",
                            "\\{", "\\}", "\\%", "\\#", "\\_", "\\&", "\\$", "\\texttt{", "\\textminus{}", "{-}", "{,}", "{}"] {
                rest = rest.replacingOccurrences(of: command, with: "")
            }
            XCTAssertFalse(rest.contains { "\\%#_&~^$".contains($0) }, "\(quotedForMessage(s)) → \(e)")
        }
    }

    /// Text copied whole (the fast path) is exactly what the rule writes
    /// character by character. The rule looks back one character only, so
    /// every ASCII pair, alone and after another character, covers it.
    func testPlainTextIsWhatTheRuleWrites() {
        let ascii = (0x20...0x7E).map { String(UnicodeScalar(UInt8($0))) }
        var inputs = HostileStrings.corpus + Self.specials + ["0.125", "-1.5", "2.51e-06", "\u{2264} 0.0001", "Big Two", "care.virtue",
                                                            "GRM-Llama3.2-3B", "a, b", "a,,b", "a--b", "  x", "x  y", "x ", ""]
        for a in ascii {
            inputs.append(a)
            for b in ascii { inputs += [a + b, "x" + a + b, " " + a + b] }
        }
        var plain = 0
        for s in inputs {
            var slow = ""
            LaTeXText.appendEachScalar(s, to: &slow)
            XCTAssertEqual(LaTeXText.escape(s), slow, quotedForMessage(s))
            if LaTeXText.isPlain(s) {
                plain += 1
                XCTAssertEqual(slow, s, quotedForMessage(s))
            }
        }
        XCTAssertGreaterThan(plain, 5_000)
        XCTAssertTrue(LaTeXText.isPlain("-0.125"))
        XCTAssertTrue(LaTeXText.isPlain("Big Two, care"))
        XCTAssertFalse(LaTeXText.isPlain(" lead"))
        XCTAssertFalse(LaTeXText.isPlain("a--b"))
    }

    func testTableUsesBooktabsAndThePagesRounding() {
        let table = ReportTable(id: "big2_panel_tests", caption: "Panels & tests: 100% of it_",
                                columns: ["Token", "Estimate", "n", "p"],
                                rows: [[.text("{x}"), .number(-1.23456, decimals: 2), .integer(12), .pValue(0.00001)]])
        let tex = table.latex
        XCTAssertTrue(tex.contains("\\begin{tabular}{lrrr}\n\\toprule\nToken & Estimate & n & p \\\\\n\\midrule\n"), tex)
        XCTAssertTrue(tex.contains("\\caption{Panels \\& tests: 100\\% of it\\_}"), tex)
        XCTAssertTrue(tex.contains("\\label{tab:big2-panel-tests}"), tex)
        XCTAssertTrue(tex.contains("\\{x\\} & " + LaTeXText.escape(ReportTable.display(.number(-1.23456, decimals: 2))) + " & 12 & "), tex)
        XCTAssertTrue(tex.hasSuffix("\\bottomrule\n\\end{tabular}\n\\end{table}\n"))
        XCTAssertTrue(table.html().contains("<a href=\"downloads/big2_panel_tests.tex\">LaTeX</a>"))
    }

    /// Compiles a table of every hostile token with pdflatex (skipped, with
    /// a message, on machines without TeX: Debian's texlive-latex-recommended).
    func testHostileTableCompilesWithPdflatex() throws {
        let pdflatex = ["/usr/bin/pdflatex", "/usr/local/bin/pdflatex"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let pdflatex else {
            throw XCTSkip("pdflatex not found: install texlive-latex-recommended to compile-check the .tex downloads")
        }
        let tokens = (HostileStrings.corpus.filter { $0.count < 200 } + Self.specials + ["\u{e9}", "e\u{301}", "日本"])
        let table = ReportTable(id: "hostile", caption: "Every hostile token: \\ { } % # _ & ~ ^ $",
                                columns: ["Token", "Rank", "p"],
                                rows: tokens.enumerated().map { [.text(VisibleToken.render($1)), .integer($0 + 1), .pValue(0.5)] }
                                    + tokens.map { [.text($0), .integer(0), .pValue(1e-9)] })
        let dir = try Scratch.folder("latex")
        try table.latex.write(to: dir.appendingPathComponent("hostile.tex"), atomically: true, encoding: .utf8)
        let document = "\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\usepackage{booktabs}\n\\begin{document}\n\\input{hostile.tex}\n\\end{document}\n"
        try document.write(to: dir.appendingPathComponent("main.tex"), atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: pdflatex)
        process.arguments = ["-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "main.tex"]
        process.currentDirectoryURL = dir
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let log = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, String(log.suffix(3000)))
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("main.pdf").path))
        XCTAssertFalse(log.contains("Missing character"), String(log.suffix(3000)))
    }

    func testCitationBibNamesTheStudyDictionariesAndVersion() throws {
        let content = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("content")
        var manifest = try ManifestLoader.load(from: ContentFolder(root: content))
        manifest.citation = "A & B {2026} 100% \\x"
        let bib = CitationBib.write(manifest)
        XCTAssertTrue(bib.contains("@misc{study,\n  title = {{Reward Models Inherit Value Biases from Pretraining}},\n  note = {A \\& B \\{2026\\} 100\\% \\textbackslash{}x}\n}"), bib)
        for d in manifest.dictionaries { XCTAssertTrue(bib.contains("@misc{dictionary:\(d.id),"), d.id) }
        XCTAssertTrue(bib.contains("@misc{backbone:\(SiteVersion.tool.replacingOccurrences(of: ".", with: "-")),"), bib)
        XCTAssertTrue(bib.contains("version \(SiteVersion.tool)"))
        var depth = 0
        for c in bib.replacingOccurrences(of: "\\{", with: "").replacingOccurrences(of: "\\}", with: "") {
            if c == "{" { depth += 1 } else if c == "}" { depth -= 1; XCTAssertGreaterThanOrEqual(depth, 0) }
        }
        XCTAssertEqual(depth, 0, "balanced braces")
    }
}
