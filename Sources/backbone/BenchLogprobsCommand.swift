import ArgumentParser
import Foundation
import StudyData

/// `backbone bench-logprobs DIR`: reads from a folder of log-prob tables
/// exactly what §3 needs and prints what was read with an order-independent
/// checksum, so `Benchmarks/logprobs/run.sh` can time the reader alone and
/// check that a baseline in another language read the same numbers.
///
/// What §3 needs (from the manifest): every prompt, Big Two noun rows only,
/// for the Fig. 2 models; `greatest_ever_one` (the implicit-reward prompt),
/// every row, for the instruction-tuned models. A model needed for both is
/// read once, as `backbone build` does.
///
/// The checksum is the wrapping sum of the values' IEEE bit patterns (noun
/// rows × every prompt for Fig. 2 models, plus every row of the
/// implicit-reward column for the others): exact, independent of summation
/// order, and it changes if a single value differs in its last bit.
struct BenchLogprobsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-logprobs",
        abstract: "Read what §3 needs from a folder of log-prob tables; print rows, columns, a checksum and the time taken.")

    @Argument(help: "Folder with the manifest's log-prob tables (e.g. from generate-logprobs).")
    var folder: String

    @Option(name: .long, help: "Content folder whose study.yaml names the models, prompts and dictionary.")
    var content: String = "content"

    @Option(name: .long, help: "Read everything this many times in one process and report each time.")
    var repeats: Int = 1

    func run() throws {
        let contentFolder = ContentFolder(root: URL(fileURLWithPath: content))
        do {
            let manifest = try ManifestLoader.load(from: contentFolder)
            guard let section = manifest.logprobs else { throw CLIFailure(message: "study.yaml has no logprobs section") }
            let plan = section.implicitRewards
            let fig2Models = Set(section.rankPairs.flatMap { [$0.modelA, $0.modelB] })
            let implicitModels = Set(plan.tables.flatMap { [$0.modelA, $0.modelB] } + plan.grid.sources + plan.grid.targets)
            guard let dictionaryID = section.rankPairs.first?.dictionary, let source = manifest.dictionary(id: dictionaryID) else {
                throw CLIFailure(message: "study.yaml names no dictionary for Fig. 2")
            }
            let nouns = Set(try DictionaryLoader.load(source, folder: contentFolder, mfdRule: .virtue).categoryOfWord.keys)
            let allPrompts = manifest.prompts.map(\.key)

            var jobs: [LogprobJob] = []
            var roles: [(fig2: Bool, implicit: Bool)] = []
            for model in section.models where fig2Models.contains(model.name) || implicitModels.contains(model.name) {
                let fig2 = fig2Models.contains(model.name), implicit = implicitModels.contains(model.name)
                let request = fig2
                    ? LogprobRequest(prompts: allPrompts, tokens: nouns, everyRowPrompts: implicit ? [plan.prompt] : [])
                    : LogprobRequest(prompts: [plan.prompt])
                // The CSV the manifest names, or the Parquet file of the same name.
                let url = try LogprobLoader.parquetOrCSV(model.file, in: URL(fileURLWithPath: folder), display: folder)
                    ?? URL(fileURLWithPath: folder).appendingPathComponent(model.file)
                jobs.append(LogprobJob(url: url, displayPath: url.lastPathComponent, request: request))
                roles.append((fig2, implicit))
            }
            for round in 1...max(1, repeats) {
                let start = DispatchTime.now().uptimeNanoseconds, cpuStart = Self.cpuSeconds()
                let tables = try LogprobReader.readAll(jobs: jobs, progress: nil)
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, cpu = Self.cpuSeconds() - cpuStart
                var summary = Summary()
                for (table, role) in zip(tables, roles) { summary.add(table, role: role, nouns: nouns, implicitPrompt: plan.prompt) }
                let bytes = jobs.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1.url.path))?[.size] as? Int ?? 0) }
                print(summary.line(files: tables.count, bytes: bytes, seconds: seconds, cpu: cpu, round: round))
            }
        } catch let error as DataError {
            throw CLIFailure(message: "\(error)")
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

    mutating func add(_ table: LogprobTable, role: (fig2: Bool, implicit: Bool), nouns: Set<String>, implicitPrompt: String) {
        rowsInFiles += table.rowsInFile
        if role.fig2 {
            for row in table.tokens.indices where nouns.contains(table.tokens[row]) {
                fig2Rows += 1
                for column in table.columns { checksum &+= column[row].bitPattern; fig2Values += 1 }
            }
        }
        if role.implicit, let c = table.promptKeys.firstIndex(of: implicitPrompt) {
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
