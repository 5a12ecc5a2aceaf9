import Foundation
import TestSupport

/// `weightledger serve` on a free loopback port for one test, with its output kept in a file
/// (so tests can prove what it never logs). Stopped by `stop()` or at deinit.
final class LiveServer {
    let process = Process()
    let base: String
    let logPath: String

    /// `mirror`: the server's mirror file on PostgreSQL (several servers need one each).
    init(cli: CLI, extra: [String] = [], mirror: String? = nil) throws {
        let port = ServerTests.freePort()
        base = "http://127.0.0.1:\(port)"
        logPath = cli.directory.file("server.log")
        guard FileManager.default.createFile(atPath: logPath, contents: nil),
            let log = FileHandle(forWritingAtPath: logPath)
        else { throw CLI.Failure("cannot create the server's log \(logPath)") }
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = ["serve", "--port", String(port)] + cli.ledgerArguments + extra
        if cli.database != nil {
            var environment = ProcessInfo.processInfo.environment
            // The test's mirror unless given another: what sqlite3 reads includes the server's writes.
            environment["WEIGHTLEDGER_MIRROR"] = mirror ?? cli.ledger
            process.environment = environment
        }
        process.standardOutput = log
        process.standardError = log
        try process.run()
        for _ in 0..<200 {
            if (try? ServerTests.curl(["\(base)/healthz"]))?.status == 200 { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw CLI.Failure(
            "the server did not answer /healthz: \((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "")")
    }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    /// SIGKILL: no shutdown, no final checkpoint; what was acknowledged must already be on disk.
    func crash() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    deinit { stop() }

    /// curl with a bearer token.
    func call(_ token: String, _ arguments: [String]) throws -> ServerTests.Reply {
        try ServerTests.curl(["-H", "Authorization: Bearer \(token)"] + arguments)
    }
}
