import Foundation

/// One-line progress on stderr (stdout carries only results).
enum Progress {
    /// `done` and `total` are bytes (the log-prob reader reports by size).
    static func report(_ what: String, _ done: Int, _ total: Int) {
        FileHandle.standardError.write(Data("\(what): \(done / 1_000_000)/\(total / 1_000_000) MB read\n".utf8))
    }
}
