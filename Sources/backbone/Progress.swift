import Foundation

/// One-line progress on stderr (stdout carries only results).
enum Progress {
    static func report(_ what: String, _ done: Int, _ total: Int) {
        FileHandle.standardError.write(Data("\(what): \(done)/\(total) read\n".utf8))
    }
}
