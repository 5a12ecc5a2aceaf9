import ArgumentParser
import Foundation
import Hashing
import LedgerCore
import LedgerPostgres
import LedgerSQLite
import LedgerStore
import LedgerUseCases

/// `--ledger` or `--database`, and `--actor`, shared by every command that opens a ledger.
struct LedgerOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("Ledger file (default: $WEIGHTLEDGER_LEDGER, else ./weightledger.db).", valueName: "path"))
    var ledger: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A ledger in PostgreSQL instead of a file (default: $WEIGHTLEDGER_DATABASE); the mirror file this "
                + "process reads from is $WEIGHTLEDGER_MIRROR, else under ~/.cache/weightledger (docs/postgresql.md).",
            valueName: "postgresql://user@host/db"))
    var database: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Who is acting, recorded in each event (default: $WEIGHTLEDGER_ACTOR, else user@host).", valueName: "name"))
    var actor: String?

    /// `--ledger PATH`, else `$WEIGHTLEDGER_LEDGER`, else `./weightledger.db`.
    var path: String {
        if let ledger, !ledger.isEmpty { return ledger }
        if let fromEnvironment = ProcessInfo.processInfo.environment["WEIGHTLEDGER_LEDGER"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return "weightledger.db"
    }

    /// `--actor`, else `$WEIGHTLEDGER_ACTOR`, else `user@host`: the user from `$USER`, `$LOGNAME`,
    /// else the account the process runs as (cron and systemd often set neither), else its uid.
    var actorName: String {
        let environment = ProcessInfo.processInfo.environment
        if let actor, !actor.isEmpty { return actor }
        if let fromEnvironment = environment["WEIGHTLEDGER_ACTOR"], !fromEnvironment.isEmpty { return fromEnvironment }
        let named = [environment["USER"], environment["LOGNAME"]].compactMap { $0 }.first { !$0.isEmpty }
        let user = named ?? Self.accountName() ?? "uid\(getuid())"
        return "\(user)@\(ProcessInfo.processInfo.hostName)"
    }

    /// The name of the account the process runs as, from the password database.
    static func accountName() -> String? {
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return nil }
        let text = String(cString: name)
        return text.isEmpty ? nil : text
    }

    /// The ledger these options name: `--ledger` (a file, or a postgresql:// URL), `--database`,
    /// `$WEIGHTLEDGER_DATABASE`, `$WEIGHTLEDGER_LEDGER`, `./weightledger.db`, in that order.
    var location: any LedgerLocation {
        get throws {
            if let ledger, !ledger.isEmpty, let database, !database.isEmpty {
                throw ValidationError("give --ledger or --database, not both")
            }
            if let ledger, !ledger.isEmpty {
                return PostgresAddress.isURL(ledger) ? try PostgresLocation(url: ledger) : SQLiteLocation(path: ledger)
            }
            if let database, !database.isEmpty { return try PostgresLocation(url: database) }
            if let url = ProcessInfo.processInfo.environment["WEIGHTLEDGER_DATABASE"], !url.isEmpty {
                return try PostgresLocation(url: url)
            }
            return SQLiteLocation(path: path)
        }
    }

    /// The context every use case of this command runs in.
    var context: AppContext {
        get throws { AppContext(location: try location, actor: actorName) }
    }
}

/// `--json`, for commands that print data.
/// A page of a walk over the ledger in registration order (`list`, `flags`).
struct PageOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("At most this many artifacts (a page).", valueName: "n"))
    var limit: Int?
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Start after the artifact registered by this event (its registeredSeq: the cursor a page ends with).",
            valueName: "seq"))
    var after: Int64?

    /// Tells on stderr where the next page starts, when artifacts remain.
    static func sayWhereToGoOn(_ next: Int64?) {
        guard let next else { return }
        FileHandle.standardError.write(Data("more artifacts: continue with --after \(next)\n".utf8))
    }
}

struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false
}

/// Which files of a directory make up an artifact.
struct HashingOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Leave out entries matching this glob (repeatable; a trailing / matches directories).", valueName: "pattern"
        ))
    var ignore: [String] = []

    @Flag(name: .long, help: "Hash what symbolic links inside a directory point to instead of refusing them.")
    var followSymlinks = false

    @Option(name: .long, help: ArgumentHelp("Files hashed at once (default: the number of cores).", valueName: "n"))
    var jobs: Int?

    @Flag(name: .long, help: "No progress line on stderr (it is drawn only when stderr is a terminal).")
    var quiet = false

    func validate() throws {
        if let jobs, jobs < 1 || jobs > 1024 { throw ValidationError("--jobs must be between 1 and 1024, not \(jobs)") }
    }

    /// The hasher these options describe, with a progress counter when a line will be drawn.
    func hasher() -> ArtifactHasher {
        ArtifactHasher(
            options: HashOptions(extraIgnores: ignore, followSymlinks: followSymlinks),
            jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
            progress: !quiet && HashProgress.stderrIsTerminal ? HashProgress() : nil)
    }

    /// Runs `body` with the progress line drawn, and cleared afterwards.
    func withProgress<T>(_ hasher: ArtifactHasher, _ body: () throws -> T) rethrows -> T {
        hasher.progress?.startDrawing()
        defer { hasher.progress?.stopDrawing() }
        return try body()
    }
}

enum Output {
    /// Prints an Encodable value as pretty JSON with sorted keys.
    static func json<Value: Encodable>(_ value: Value) throws {
        print(String(decoding: try jsonData(value), as: UTF8.self))
    }

    /// An Encodable value as pretty JSON with sorted keys and a final newline.
    static func jsonData<Value: Encodable>(_ value: Value) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .throw
        return try encoder.encode(value)
    }

    /// Parses a number option, naming its field when it is not one.
    static func number(_ text: String?, key: FieldKey) throws -> Double? {
        guard let text else { return nil }
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)) else {
            throw DomainError.invalid(field: key, value: text, expected: "a number such as 3e26")
        }
        return value
    }

    /// Parses an artifact reference a person typed.
    static func reference(_ text: String, key: FieldKey = .artifact) throws -> ArtifactReference {
        try key.parsing { try ArtifactReference(text) }
    }

    /// Parses an optional date option (`--on`, `--valid-from`…).
    static func date(_ text: String?, key: FieldKey = .on) throws -> LedgerDate? {
        try key.parsing { try text.map { try LedgerDate($0) } }
    }
}
