import Foundation
import XCTest

/// Runs the real `backbone` executable (built next to the tests) in a given
/// working folder and collects its exit status and output.
struct CLIRun {
    var status: Int32
    var stdout: String
    var stderr: String

    static func run(_ arguments: [String], in folder: URL? = nil) throws -> CLIRun {
        let process = try start(arguments, in: folder)
        return finish(process)
    }

    struct Started {
        var process: Process
        var out: Pipe
        var err: Pipe
    }

    static func start(_ arguments: [String], in folder: URL? = nil) throws -> Started {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: BadInputTests.binary.path), "build the CLI first (swift build)")
        let process = Process()
        process.executableURL = BadInputTests.binary
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return Started(process: process, out: out, err: err)
    }

    static func finish(_ started: Started) -> CLIRun {
        let o = started.out.fileHandleForReading.readDataToEndOfFile()
        let e = started.err.fileHandleForReading.readDataToEndOfFile()
        started.process.waitUntilExit()
        return CLIRun(status: started.process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}
