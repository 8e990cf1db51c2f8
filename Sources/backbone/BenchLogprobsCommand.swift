import ArgumentParser
import Foundation
import StudyData

/// `backbone bench-logprobs DIR`: reads from a folder of log-prob tables
/// exactly what §3 needs and prints what was read with an order-independent
/// checksum, so `Benchmarks/logprobs/run.sh` can time the reader alone and
/// check that a baseline in another language read the same numbers.
///
/// What §3 needs is the build's own `LogprobReadPlan`: every prompt, the
/// dictionary's words only, for the Fig. 2 models; the implicit-reward prompt,
/// every row, for the others; a model needed for both read once.
///
/// The checksum is the wrapping sum of the values' IEEE bit patterns (noun
/// rows × every prompt for Fig. 2 models, plus every row of the
/// implicit-reward column for the others): exact, independent of summation
/// order, and it changes if a single value differs in its last bit.
struct BenchLogprobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-logprobs",
        abstract: "Read what §3 needs from a folder of log-prob tables; print rows, columns, a checksum and the time taken.")

    @Argument(help: "Folder with the manifest's log-prob tables (e.g. from generate-logprobs).")
    var folder: String

    @OptionGroup var content: ContentOptions

    @Option(help: "Read everything this many times in one process and report each time.")
    var repeats: Int = 1

    func run() async throws {
        let contentFolder = content.folder
        let manifest = try ManifestLoader.load(from: contentFolder)
        guard let section = manifest.logprobs else { throw CLIFailure(message: "study.yaml has no logprobs section") }
        var words: [String: Set<String>] = [:]
        for id in section.rankPairs.map(\.dictionary) where words[id] == nil {
            guard let source = manifest.dictionary(id: id) else { throw CLIFailure(message: "study.yaml names no dictionary \(id) for Fig. 2") }
            words[id] = Set(try DictionaryLoader.load(source, folder: contentFolder, mfdRule: .virtue).categoryOfWord.keys)
        }
        let plan = LogprobReadPlan(section: section, promptKeys: manifest.prompts.map(\.key), dictionaryWords: words)
        let (present, missing) = try plan.locate(in: URL(fileURLWithPath: folder), display: folder)
        guard missing.isEmpty else { throw CLIFailure(message: "\(folder): expected the manifest's log-prob tables, missing \(missing.joined(separator: ", "))") }
        let jobs = present.map { LogprobJob(url: $0.url, displayPath: $0.url.lastPathComponent, request: $0.entry.request) }
        for round in 1...max(1, repeats) {
            let start = DispatchTime.now().uptimeNanoseconds, cpuStart = Self.cpuSeconds()
            let tables = try await LogprobReader.readAll(jobs: jobs, progress: nil)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, cpu = Self.cpuSeconds() - cpuStart
            var summary = Summary()
            for (table, (entry, _)) in zip(tables, present) { summary.add(table, entry, implicitPrompt: plan.implicitPrompt) }
            let bytes = jobs.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1.url.path))?[.size] as? Int ?? 0) }
            print(summary.line(files: tables.count, bytes: bytes, seconds: seconds, cpu: cpu, round: round))
        }
    }

    /// CPU time of the whole process (user + system, all threads): on a
    /// shared machine wall time varies with other load, CPU time much less.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}

/// Counts and checksum of what the benchmark read (see `BenchLogprobsCommand`).
private struct Summary {
    var rowsInFiles = 0
    var fig2Rows = 0
    var fig2Values = 0
    var implicitRows = 0
    var checksum: UInt64 = 0

    mutating func add(_ table: LogprobTable, _ entry: LogprobReadPlan.Entry, implicitPrompt: String) {
        rowsInFiles += table.rowsInFile
        if let nouns = entry.rankWords {
            for row in table.tokens.indices where nouns.contains(table.tokens[row]) {
                fig2Rows += 1
                for column in table.columns { checksum &+= column[row].bitPattern; fig2Values += 1 }
            }
        }
        if entry.implicitRewards, let c = table.promptKeys.firstIndex(of: implicitPrompt) {
            implicitRows += table.columns[c].count
            for v in table.columns[c] { checksum &+= v.bitPattern }
        }
    }

    func line(files: Int, bytes: Int, seconds: Double, cpu: Double, round: Int) -> String {
        let mb = Double(bytes) / 1e6
        return "round \(round): \(files) files, \(Int(mb)) MB, \(rowsInFiles) rows in files; fig2: \(fig2Rows) noun rows, \(fig2Values) values; "
            + "implicit: \(implicitRows) rows; checksum \(String(checksum, radix: 16)); read in \(String(format: "%.3f", seconds)) s wall, \(String(format: "%.3f", cpu)) s CPU "
            + "(\(Int(mb / seconds)) MB/s)"
    }
}
