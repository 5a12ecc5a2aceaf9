import Foundation
import LedgerPostgres
import LedgerSQLite
import LedgerStore
import LedgerUseCases
import ModelFiles
import TestSupport
import Testing

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
    /// that does not tamper with the ledger file (`fileOnly`) against a database of its own
    /// (`.ci/run` runs the suite both ways).
    static let onPostgres = ProcessInfo.processInfo.environment["WEIGHTLEDGER_TEST_BACKEND"] == "postgresql"

    /// For the tests about the SQLite file itself (tampering with it with sqlite3, its permissions,
    /// its path): they run on the file backend only; PostgresTests does the same to the database.
    static let fileOnly = Testing.ConditionTrait.enabled(if: !onPostgres, "tampers with the ledger file")

    /// For the features of ledger files themselves (the demo's file, the default path): file backend only.
    static let fileFeature = Testing.ConditionTrait.enabled(if: !onPostgres, "a feature of ledger files")

    let directory: TemporaryDirectory
    /// The ledger file, which tests read with sqlite3 and GRDB. On PostgreSQL, the mirror file of
    /// the commands `run` runs: it holds the same events and projections once a command returns
    /// (and `--ledger` naming it is run as `--database`).
    var ledger: String { directory.file(database == nil ? "ledger.db" : "mirror.db") }
    /// The test's own database when the suite runs on PostgreSQL (`onPostgres`).
    let database: TestDatabase?

    /// A temporary directory and, on PostgreSQL, a migrated database (`postgres` overrides the suite's choice).
    init(postgres: Bool = CLI.onPostgres) throws {
        directory = try TemporaryDirectory()
        database = postgres ? try TestDatabase() : nil
    }

    /// The options that name this test's ledger: `--ledger FILE` or `--database URL`.
    var ledgerArguments: [String] { database.map { ["--database", $0.url] } ?? ["--ledger", ledger] }

    /// The ledger in process, for tests that call use cases directly: the file, or the database
    /// with the same mirror the commands use.
    var location: any LedgerLocation {
        get throws {
            guard let database else { return SQLiteLocation(path: ledger) }
            return try PostgresLocation(url: database.url, environment: ["WEIGHTLEDGER_MIRROR": ledger])
        }
    }

    /// The environment of a `weightledger` process for this test: the ledger (`--ledger` from the
    /// environment, or `--database` with the mirror in the temp dir) and the actor.
    var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["WEIGHTLEDGER_LEDGER"] = ledger
        environment["WEIGHTLEDGER_ACTOR"] = "ci@test"
        if let database {
            environment["WEIGHTLEDGER_DATABASE"] = database.url
            environment["WEIGHTLEDGER_MIRROR"] = ledger
        }
        return environment
    }

    /// `arguments` with `--ledger LEDGER` naming this test's file made `--database URL` on PostgreSQL.
    func arguments(_ arguments: [String]) -> [String] {
        guard let database else { return arguments }
        var arguments = arguments
        for index in arguments.indices.dropLast()
        where arguments[index] == "--ledger" && arguments[index + 1] == ledger {
            arguments[index] = "--database"
            arguments[index + 1] = database.url
        }
        return arguments
    }

    /// Runs `weightledger ARGS` in the temp dir with `--ledger` taken from the environment (or
    /// `--database`, with the mirror in the temp dir).
    @discardableResult
    func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> ProcessResult {
        var environment = self.environment
        let arguments = self.arguments(arguments)
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
