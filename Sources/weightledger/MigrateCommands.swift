import ArgumentParser
import Foundation
import LedgerPostgres
import LedgerSQLite
import LedgerStore
import LedgerUseCases

struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Create or upgrade a ledger's schema (a PostgreSQL database before its first use; files upgrade "
            + "when opened).",
        discussion: """
            Run it with a role that may create tables (the database's owner), before the servers start and after \
            each upgrade of weightledger; the servers' own role needs only SELECT and INSERT (docs/postgresql.md). \
            Two migrations at once take turns. A ledger newer than this binary is refused.
            """)

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let location = try ledger.location
        let applied = try location.migrate()
        if output.json {
            struct View: Encodable {
                let ledger: String
                let applied: [String]
            }
            return try Output.json(View(ledger: location.description, applied: applied))
        }
        print(
            applied.isEmpty
                ? "\(location.description): the schema is current; nothing changed"
                : "\(location.description): applied \(applied.count) migration\(applied.count == 1 ? "" : "s"): "
                    + applied.joined(separator: ", "))
    }
}

struct CopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a ledger between a file and a PostgreSQL database (either way), event by event.",
        discussion: """
            The target must be empty (a new file, or a migrated database without events). Every event is \
            copied byte for byte in one transaction, so the copy has all of them or none, and the copy's Merkle \
            tree must have the source's root; run 'weightledger verify' on the target to prove the rest.
            """)

    @Option(name: .long, help: ArgumentHelp("The ledger to copy: a file or a postgresql:// URL.", valueName: "ledger"))
    var from: String
    @Option(name: .long, help: ArgumentHelp("An empty ledger: a file or a postgresql:// URL.", valueName: "ledger"))
    var to: String
    @OptionGroup var output: OutputOptions

    func run() throws {
        let source = try Self.location(from)
        let target = try Self.location(to)
        let result = try Copy().run(from: source, to: target)
        if output.json {
            struct View: Encodable {
                let from: String
                let to: String
                let events: Int64
                let root: String
            }
            return try Output.json(
                View(from: source.description, to: target.description, events: result.events, root: result.root))
        }
        print("copied \(result.events) events from \(source) to \(target); both trees have root \(result.root)")
        print("prove the copy: weightledger verify --ledger '\(target)'")
    }

    static func location(_ text: String) throws -> any LedgerLocation {
        guard !text.isEmpty else { throw ValidationError("--from and --to need a file or a postgresql:// URL") }
        return PostgresAddress.isURL(text) ? try PostgresLocation(url: text) : SQLiteLocation(path: text)
    }
}
