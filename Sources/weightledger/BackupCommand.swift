import ArgumentParser
import LedgerRender
import LedgerSQLite
import LedgerUseCases

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the ledger to a new file while it is in use, and verify the copy.",
        discussion: """
            A ledger file is copied with SQLite's online backup API as one snapshot (a running server goes on \
            writing meanwhile); a PostgreSQL ledger (--database) is copied event by event into a new ledger file. \
            The copy is then verified in full (as 'weightledger verify' does) and only then given the name FILE, \
            in the same directory: a backup that fails leaves nothing behind (exit 3 if the copy does not \
            verify), and an existing FILE is never replaced (exit 2). Restore by stopping the server and putting \
            the file in the ledger's place (docs/operations.md).
            """)

    @OptionGroup var ledger: LedgerOptions
    @Option(name: .long, help: ArgumentHelp("The backup file to create (it must not exist).", valueName: "file"))
    var to: String
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard !to.isEmpty else { throw ValidationError("--to needs a file name") }
    }

    func run() throws {
        let source = try ledger.location
        let result = try Backup(actor: ledger.actorName, fileLocation: { SQLiteLocation(path: $0) })
            .run(from: source, to: to)
        if output.json {
            struct View: Encodable {
                let ledger: String
                let file: String
                let events: Int64
                let root: String
                let bytes: Int64
                let verified: Bool
            }
            return try Output.json(
                View(
                    ledger: source.description, file: result.file, events: result.events, root: result.root,
                    bytes: result.bytes, verified: true))
        }
        print(
            "backed up \(result.events) events of \(SafeText.line(source.description)) to "
                + "\(SafeText.line(result.file)) (\(result.bytes) bytes); the copy verifies, root \(result.root)")
    }
}
