import Foundation
import Parallel
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
/// 16 to 64 bytes at a time (`CommaScanner`) while still being counted, so a
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
    /// bytesTotal)` is called as each file finishes, so a progress bar moves
    /// by the size of what was read, not by file count.
    public static func readAll(_ files: [(url: URL, displayPath: String)], request: LogprobRequest,
                               progress: (@Sendable (Int, Int) -> Void)?) async throws -> [LogprobTable] {
        try await readAll(jobs: files.map { LogprobJob(url: $0.url, displayPath: $0.displayPath, request: request) }, progress: progress)
    }

    /// Reads several files, each with its own request, in one parallel pool:
    /// a build that needs every prompt from some models and one column from
    /// others keeps every core busy until the last file instead of waiting for
    /// the slowest file of each group. Results in input order; on failure the
    /// first error in input order is thrown.
    public static func readAll(jobs: [LogprobJob], progress: (@Sendable (Int, Int) -> Void)?) async throws -> [LogprobTable] {
        try await readAll(jobs: jobs, progress: progress) { _, table in table }
    }

    /// The same reads, with `then(k, table)` run on job k's table as soon as
    /// it is read, on the thread that read it; its results come in input
    /// order. Why: work that needs one table (its fingerprint, handing it to
    /// `LogprobArrivals`) then overlaps the other reads instead of following
    /// the last one, which on a cold disk leaves the cores mostly idle.
    public static func readAll<T: Sendable>(jobs: [LogprobJob], progress: (@Sendable (Int, Int) -> Void)?,
                                            then: @escaping @Sendable (Int, LogprobTable) throws -> T) async throws -> [T] {
        let sizes = jobs.map { fileSize($0.url) }
        let totalBytes = sizes.reduce(0, +)
        var bytesDone = 0
        // Largest files first, so the pool does not end on one big file.
        let order = jobs.indices.sorted { sizes[$0] > sizes[$1] || sizes[$0] == sizes[$1] && $0 < $1 }
        let finished = { (k: Int) in
            bytesDone += sizes[k]
            progress?(bytesDone, totalBytes)
        }
        let body = { @Sendable (k: Int) throws -> T in
            try then(k, read(url: jobs[k].url, displayPath: jobs[k].displayPath, request: jobs[k].request))
        }
        // A table not yet in the page cache blocks its reader on the disk: then
        // the tables are read on threads of their own, and the §2 and §4
        // analyses run on the pool meanwhile (a cold 12-table build: 0.2 to
        // 0.5 s less). Tables in memory are read on the pool itself. "In
        // memory" allows 1% of the tables' bytes out: a kernel that pages out
        // idle memory on its own (DAMON) leaves a few holes in warm tables.
        let resident = zip(jobs, sizes).reduce(0.0) { $0 + PageCacheResidency.residentFraction($1.0.url) * Double($1.1) }
        if resident >= 0.99 * Double(max(totalBytes, 1)) {
            return try await Parallel.map(jobs.count, startOrder: order, finished: finished, body)
        }
        return try await Parallel.mapBlocking(jobs.count, threads: ProcessInfo.processInfo.activeProcessorCount,
                                              startOrder: order, finished: finished, body)
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
