import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads the study's log-prob tables (`token_id, token_name, token_decoded`
/// + one column per prompt) fast and exactly.
///
/// Speed comes from doing only what the analyses need: the file is mapped,
/// not copied; only requested prompt columns are converted to numbers (by an
/// exact parser much faster than `strtod`); fields that are not needed —
/// other prompts, and whole rows whose token is not wanted — are skipped
/// eight bytes at a time (`CommaScanner`) while still being counted, so a
/// row with a wrong number of fields is an error wherever it is. The text
/// rules are those of `CSVReader`: records end at LF or CRLF, a bare CR is
/// data, tokens are never missing values, invalid UTF-8 becomes visible
/// `\xHH` text (and the row is counted in the audit).
public enum LogprobReader {
    /// pandas' default `na_values`: strings a default `read_csv` turns into NaN.
    static let missingLike: Set<String> = ["", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan",
                                           "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null"]

    public static func read(url: URL, displayPath: String, request: LogprobRequest) throws -> LogprobTable {
        if url.pathExtension.lowercased() == "parquet" {
            return try LogprobParquetReader.read(url: url, displayPath: displayPath, request: request)
        }
        let file = try MappedFile(url: url, displayPath: displayPath)
        var parser = LogprobParser(file: file, path: displayPath, request: request)
        return try parser.run()
    }

    /// Reads several files with the same request, in parallel across the
    /// machine's cores; results in input order. `progress(bytesDone,
    /// bytesTotal)` is called as each file finishes (from a worker thread), so
    /// a progress bar moves by the size of what was read, not by file count.
    public static func readAll(_ files: [(url: URL, displayPath: String)], request: LogprobRequest,
                               progress: (@Sendable (Int, Int) -> Void)?) throws -> [LogprobTable] {
        try readAll(jobs: files.map { LogprobJob(url: $0.url, displayPath: $0.displayPath, request: request) }, progress: progress)
    }

    /// Reads several files, each with its own request, in one parallel pool:
    /// a build that needs every prompt from some models and one column from
    /// others keeps every core busy until the last file instead of waiting for
    /// the slowest file of each group. Results in input order; on failure the
    /// first error in input order is thrown.
    public static func readAll(jobs: [LogprobJob], progress: (@Sendable (Int, Int) -> Void)?) throws -> [LogprobTable] {
        let sizes = jobs.map { fileSize($0.url) }
        let results = ResultSlots(count: jobs.count, totalBytes: sizes.reduce(0, +))
        // Largest files first, so the pool does not end on one big file.
        let order = jobs.indices.sorted { sizes[$0] > sizes[$1] || sizes[$0] == sizes[$1] && $0 < $1 }
        DispatchQueue.concurrentPerform(iterations: jobs.count) { k in
            let job = jobs[order[k]]
            let outcome = Result { try read(url: job.url, displayPath: job.displayPath, request: job.request) }
            let (done, total) = results.store(outcome, at: order[k], bytes: sizes[order[k]])
            progress?(done, total)
        }
        return try results.collect()
    }

    private static func fileSize(_ url: URL) -> Int {
        var info = stat()
        return stat(url.path, &info) == 0 ? Int(info.st_size) : 0
    }
}

/// One file for `LogprobReader.readAll(jobs:progress:)`.
public struct LogprobJob: Sendable {
    public var url: URL
    public var displayPath: String
    public var request: LogprobRequest
    public init(url: URL, displayPath: String, request: LogprobRequest) {
        self.url = url; self.displayPath = displayPath; self.request = request
    }
}

/// Thread-safe result slots for `readAll`; the first error in input order wins.
private final class ResultSlots: @unchecked Sendable {
    private var slots: [Result<LogprobTable, Error>?]
    private var bytesDone = 0
    private let totalBytes: Int
    private let lock = NSLock()

    init(count: Int, totalBytes: Int) { slots = Array(repeating: nil, count: count); self.totalBytes = totalBytes }

    /// Stores a file's outcome; returns (bytes done, bytes total) for progress.
    func store(_ result: Result<LogprobTable, Error>, at index: Int, bytes: Int) -> (Int, Int) {
        lock.lock(); defer { lock.unlock() }
        slots[index] = result
        bytesDone += bytes
        return (bytesDone, totalBytes)
    }

    func collect() throws -> [LogprobTable] {
        try slots.map { try $0!.get() }
    }
}
