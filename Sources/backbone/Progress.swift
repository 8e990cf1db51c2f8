import Foundation

/// Loading progress on stderr (stdout carries only results): a bar redrawn
/// in place when stderr is a terminal, nothing otherwise, so logs and CI
/// output are not filled with progress lines. Called from the reader's
/// worker threads; each call is one `write`, so lines do not interleave.
enum Progress {
    static let isTerminal = isatty(STDERR_FILENO) == 1

    /// `done` and `total` are bytes (the log-prob reader reports by size).
    static func report(_ what: String, _ done: Int, _ total: Int) {
        guard isTerminal, total > 0 else { return }
        FileHandle.standardError.write(Data(bar(what, done, total).utf8))
    }

    /// "\r<what> [#####.....]  512/2213 MB", and a newline once complete.
    static func bar(_ what: String, _ done: Int, _ total: Int, width: Int = 30) -> String {
        let fraction = min(1, max(0, Double(done) / Double(max(1, total))))
        let filled = Int((fraction * Double(width)).rounded(.down))
        let mb = "\(done / 1_000_000)/\(total / 1_000_000) MB"
        return "\r\(what) [" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] " + mb
            + (done >= total ? "\n" : "")
    }
}
