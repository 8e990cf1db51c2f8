import Foundation
import TestSupport
@testable import StudyData

/// Small log-prob tables written to a fresh scratch folder for reader tests.
struct LogprobTestTable {
    static let header = "token_id,token_name,token_decoded,best_ever_one,greatest_ever_one,worst_ever_one\n"
    let dir: URL

    init() {
        dir = Scratch.root.appendingPathComponent("logprob-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    func write(_ bytes: [UInt8], name: String = "t.csv") throws -> URL {
        let url = dir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    /// Reads `header + body` as `content/x.csv`.
    func read(_ body: String, prompts: [String] = ["greatest_ever_one", "best_ever_one"], tokens: Set<String>? = nil,
              everyRow: Set<String> = []) throws -> LogprobTable {
        try LogprobReader.read(url: write(Array((Self.header + body).utf8)), displayPath: "content/x.csv",
                               request: LogprobRequest(prompts: prompts, tokens: tokens, everyRowPrompts: everyRow))
    }
}
