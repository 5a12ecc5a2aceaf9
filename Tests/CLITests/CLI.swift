import Foundation
import LedgerUseCases
import ModelFiles
import TestSupport

/// Runs the built `weightledger` binary, as users and cron jobs do.
struct CLI {
    /// The binary next to the test bundle (SwiftPM builds it for `swift test`), or `$WEIGHTLEDGER_BIN`.
    static let binary: String = {
        if let path = ProcessInfo.processInfo.environment["WEIGHTLEDGER_BIN"] { return path }
        let testBinary =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var directory = URL(fileURLWithPath: testBinary).deletingLastPathComponent()
        if directory.path.hasSuffix(".xctest/Contents/MacOS") {
            directory = directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        }
        return directory.appendingPathComponent("weightledger").path
    }()

    /// Which backend the tests' ledgers use: `WEIGHTLEDGER_TEST_BACKEND=postgresql` runs every test
    /// that does not reach into the ledger file against a database of its own (`.ci/run` runs the
    /// suite both ways).
    static let onPostgres = ProcessInfo.processInfo.environment["WEIGHTLEDGER_TEST_BACKEND"] == "postgresql"

    let directory: TemporaryDirectory
    /// The ledger file: where the ledger is, unless `database` is set (it is still the file that
    /// `--ledger` and the tests that open files name).
    var ledger: String { directory.file("ledger.db") }
    /// The test's own database when the suite runs on PostgreSQL (`onPostgres`).
    let database: TestDatabase?

    /// A temporary directory and, on PostgreSQL, a migrated database (`postgres` overrides the suite's choice).
    init(postgres: Bool = CLI.onPostgres) throws {
        directory = try TemporaryDirectory()
        database = postgres ? try TestDatabase() : nil
    }

    /// The options that name this test's ledger: `--ledger FILE` or `--database URL`.
    var ledgerArguments: [String] { database.map { ["--database", $0.url] } ?? ["--ledger", ledger] }

    /// Runs `weightledger ARGS` in the temp dir with `--ledger` taken from the environment (or
    /// `--database`, with the mirror in the temp dir).
    @discardableResult
    func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> ProcessResult {
        var environment = ProcessInfo.processInfo.environment
        environment["WEIGHTLEDGER_LEDGER"] = ledger
        environment["WEIGHTLEDGER_ACTOR"] = "ci@test"
        if let database {
            environment["WEIGHTLEDGER_DATABASE"] = database.url
            environment["WEIGHTLEDGER_MIRROR"] = directory.file("mirror.db")
        }
        for (key, value) in extra { environment[key] = value }
        return try Subprocess.run(CLI.binary, arguments, environment: environment, directory: directory.path)
    }

    func run(_ arguments: String...) throws -> ProcessResult { try run(arguments) }

    /// Runs and requires exit 0, returning stdout.
    func ok(_ arguments: String...) throws -> String { try ok(arguments) }

    /// Runs and requires exit 0, returning stdout.
    func ok(_ arguments: [String]) throws -> String {
        let result = try run(arguments)
        guard result.status == 0 else {
            throw Failure("weightledger \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)")
        }
        return result.stdout
    }

    /// Runs `sqlite3` on the ledger (tampering, as an attacker with the file would), requiring exit 0.
    func sqlite(_ sql: String) throws {
        let result = try Subprocess.run("/usr/bin/sqlite3", [ledger, sql])
        guard result.status == 0 else { throw Failure("sqlite3 exited \(result.status): \(result.stderr)") }
    }

    /// Runs with `--json` appended and parses stdout.
    func json(_ arguments: String...) throws -> Any {
        let result = try run(arguments + ["--json"])
        guard result.status == 0 else { throw Failure("exit \(result.status): \(result.stderr)") }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8), options: [.fragmentsAllowed])
    }

    /// The organisation fixtures register their models with (`--developer`): headquartered in the
    /// US with $100M a year of revenue, so License Exception AIA applies and it is no large developer.
    static let developer = "Acme Labs"

    /// Adds `CLI.developer` to the ledger (creating it), with its revenue for 2024 to 2026.
    func addDeveloper() throws {
        _ = try ok("org", "add", CLI.developer, "--hq", "US", "--revenue-usd", "1e8", "--revenue-year", "2024")
        for year in ["2025", "2026"] {
            _ = try ok("org", "set", CLI.developer, "--revenue-usd", "1e8", "--revenue-year", year)
        }
    }

    /// Writes a small real safetensors file (distinct bytes per seed) and returns its path.
    @discardableResult
    func model(_ name: String, seed: UInt64) throws -> String {
        try directory.write(name, SafetensorsWriter.bytes(tensors: [.init("w", "F32", [4, 4])], seed: seed))
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
