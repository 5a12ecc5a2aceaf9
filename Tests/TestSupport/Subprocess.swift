import Foundation

/// The result of running a program to completion.
public struct ProcessResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

/// Runs programs for tests: the built `weightledger` binary and reference tools (sha256sum, sh).
public enum Subprocess {
    /// Runs `executable` with `arguments`, waiting for it to exit.
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
        directory: String? = nil
    ) throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes before waiting, so a chatty child cannot block on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return ProcessResult(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs a shell command line with `/bin/sh -c`.
    public static func shell(_ command: String, directory: String? = nil) throws -> ProcessResult {
        try run("/bin/sh", ["-c", command], directory: directory)
    }

    /// `sha256sum`'s hex digest of a file.
    public static func sha256sum(_ path: String) throws -> String {
        let result = try run("/usr/bin/env", ["sha256sum", "--", path])
        precondition(result.status == 0, "sha256sum failed: \(result.stderr)")
        return String(result.stdout.prefix(64))
    }
}
