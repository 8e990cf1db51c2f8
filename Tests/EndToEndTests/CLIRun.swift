import Foundation
import TestSupport
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

    /// Runs the executable under a shell resource limit (`ulimit -v 1500000`,
    /// `ulimit -f 200`), which then applies to it alone: how the tests bound
    /// memory and simulate a full disk without privileges.
    static func run(_ arguments: [String], ulimit: String) throws -> CLIRun {
        let quoted = ([try SiteFixture.backbone().path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit \(ulimit); exec " + quoted.joined(separator: " ")]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return finish(Started(process: process, out: out, err: err))
    }

    struct Started {
        var process: Process
        var out: Pipe
        var err: Pipe
    }

    static func start(_ arguments: [String], in folder: URL? = nil) throws -> Started {
        XCTAssertTrue(Repository.backbone != nil, "build the CLI first (swift build)")
        let process = Process()
        process.executableURL = try SiteFixture.backbone()
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
