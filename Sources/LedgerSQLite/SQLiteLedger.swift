import Foundation
import GRDB
import LedgerCore
import LedgerStore

/// An open ledger file: an SQLite database in WAL mode (one writer, concurrent readers); the
/// embedded backend of `LedgerStore`.
///
/// Opening never modifies a file that is not already a WeightLedger ledger of a schema this
/// binary knows: such files are inspected read-only first and refused.
///
/// WAL mode is set once, when the ledger is created (it is persistent in the file). One-shot
/// processes such as the CLI then use a single connection (`DatabaseQueue`) that leaves the
/// journal mode alone: GRDB's `DatabasePool` performs a dummy write on open to create the WAL
/// file (GRDB issue #102), which would change the file's bytes even when the command is
/// refused. Long-running processes (the server) ask for `concurrentReaders` and get a pool.
public final class SQLiteLedger: LedgerStore {
    /// The file's path as given.
    public let path: String
    /// The file's path, as messages and reports name the ledger.
    public var location: String { path }
    let database: any DatabaseWriter
    /// Set for ledgers opened with `concurrentReaders`: concurrent writes share commits.
    let groupCommit: GroupCommit?
    /// Set for ledgers opened with `concurrentReaders`: copies the WAL into the file in the background.
    let checkpointer: Checkpointer?
    /// Set for ledgers opened with `concurrentReaders`: a connection of its own for `changeToken`.
    let changes: DatabaseQueue?

    /// Why this process cannot write the ledger, when it cannot (it was opened read-only).
    let readOnly: String?
    /// What `ATTACH` opens for `verify`'s comparison: the path, or a read-only URI.
    let attachable: String

    private init(path: String, readOnlyDatabase: DatabaseQueue, reason: String) throws {
        self.path = path
        self.database = readOnlyDatabase
        self.readOnly = reason
        self.attachable = readOnlyDatabase.path
        self.source = nil
        self.groupCommit = nil
        self.checkpointer = nil
        self.changes = nil
    }

    /// The store this file mirrors (PostgreSQL), inside whose transactions writes run; nil: none.
    let source: (any MirrorSource)?

    private init(path: String, database: any DatabaseWriter, shared: Bool, source: (any MirrorSource)?) throws {
        self.path = path
        self.readOnly = nil
        self.attachable = path
        self.database = database
        self.source = source
        self.groupCommit = shared ? GroupCommit(database: database, source: source) : nil
        self.checkpointer = shared ? try Checkpointer(path: path) : nil
        var watch = Configuration()
        // Never waits: a busy ledger answers "cannot tell" and the caller reads the version instead.
        watch.busyMode = .immediateError
        self.changes = shared ? try DatabaseQueue(path: path, configuration: watch) : nil
    }

    /// Opens the ledger at `path`, creating it in `.createIfMissing` mode.
    ///
    /// A new ledger's first event, `ledger.created`, is written by `LedgerWriting.createIfNeeded`.
    ///
    /// A ledger this process cannot write (file or directory permissions, a read-only mount) is
    /// opened read-only: reads, `verify` and `review` work, and every write is refused with
    /// `StoreError.readOnly` before anything runs. A path that is not a regular file (a device, a
    /// pipe) is refused before SQLite touches it.
    ///
    /// `mirroring`: the store whose log this file mirrors; every write runs inside one of its
    /// transactions (`MirrorSource`).
    public static func open(
        path: String, mode: OpenMode, concurrentReaders: Bool = false, mirroring source: (any MirrorSource)? = nil
    ) throws -> SQLiteLedger {
        let info = LedgerFile.status(path)
        if let info, info.st_mode & S_IFMT == S_IFDIR {
            throw StoreError.notALedger(path: path, reason: "it is a directory")
        }
        if let info, info.st_mode & S_IFMT != S_IFREG {
            throw StoreError.notALedger(path: path, reason: "it is not a regular file (a device, a pipe or a socket)")
        }
        let size = info.map { Int64($0.st_size) }
        var pendingMigrations = true
        var readOnly: String?
        switch (size, mode) {
        case (nil, .existing):
            throw StoreError.noLedger(path: path)
        case (let size?, _) where size > 0:
            readOnly = LedgerFile.readOnlyReason(path)
            pendingMigrations = try inspect(path: path, readOnly: readOnly != nil)
            if let readOnly, pendingMigrations {
                throw StoreError.readOnly(
                    path: path,
                    reason: "\(readOnly), and it was written by an older WeightLedger: upgrade it where "
                        + "it can be written")
            }
        default:
            break
        }
        if let readOnly {
            if source != nil { throw StoreError.readOnly(path: path, reason: readOnly) }
            return try openReadOnly(path: path, reason: readOnly)
        }
        var config = Configuration()
        config.busyMode = .timeout(30)
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in
            // A 64 MiB page cache: appends touch several indexes of a large ledger, and SQLite's
            // 2 MiB default made them re-read pages from the OS on every insert.
            try db.execute(sql: "PRAGMA cache_size = -65536")
            // Checkpoint the write-ahead log every ~40 MiB instead of 4 MiB: random-keyed indexes
            // dirty the same pages again and again, and each checkpoint rewrote them.
            // A shared ledger leaves checkpoints to its background checkpointer (`Checkpointer`), off the commit path.
            try db.execute(
                sql: concurrentReaders ? "PRAGMA wal_autocheckpoint = 0" : "PRAGMA wal_autocheckpoint = 10000")
            try db.execute(sql: "PRAGMA journal_size_limit = 67108864")
            // Every commit is on disk before it returns (SQLite's usual default, stated here
            // because acknowledged writes depend on it). A mirror's writes are acknowledged by its
            // source's commit, which comes first: a mirror that loses its last commits in a crash
            // only catches up again, so it skips the fsync (WAL mode keeps it consistent).
            try db.execute(sql: source == nil ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL")
        }
        do {
            let database: any DatabaseWriter
            if concurrentReaders {
                database = try DatabasePool(path: path, configuration: config)
            } else {
                // A new ledger is switched to WAL here, once; an existing one already is.
                config.journalMode = pendingMigrations ? .wal : .default
                database = try DatabaseQueue(path: path, configuration: config)
            }
            if pendingMigrations { try LedgerSchema.migrator.migrate(database) }
            return try SQLiteLedger(path: path, database: database, shared: concurrentReaders, source: source)
        } catch let error as DatabaseError {
            if damagedCodes.contains(error.resultCode.primaryResultCode) {
                throw StoreError.damaged(path: path, reason: error.message ?? "SQLite error \(error.resultCode)")
            }
            if error.resultCode.primaryResultCode == .SQLITE_READONLY {
                throw StoreError.readOnly(path: path, reason: error.message ?? "SQLite error \(error.resultCode)")
            }
            throw StoreError.notALedger(path: path, reason: error.message ?? "SQLite error \(error.resultCode)")
        }
    }

    /// The migrations opening the file at `path` would apply (every one for a missing or empty
    /// file); refuses what `open` refuses.
    static func pendingMigrations(path: String) throws -> [String] {
        let known = LedgerSchema.migrator.migrations
        guard let info = LedgerFile.status(path), info.st_size > 0, info.st_mode & S_IFMT == S_IFREG else {
            return known
        }
        guard try inspect(path: path, readOnly: LedgerFile.readOnlyReason(path) != nil) else { return [] }
        let queue = try openReadOnlyQueue(path: path)
        defer { try? queue.close() }
        let applied = try queue.read { try LedgerSchema.migrator.appliedIdentifiers($0) }
        return known.filter { !applied.contains($0) }
    }

    /// Refuses, without writing a byte, files that are not ledgers or are newer than this binary.
    /// Returns whether migrations are pending.
    private static func inspect(path: String, readOnly: Bool) throws -> Bool {
        var config = Configuration()
        config.readonly = true
        // Another process may be checkpointing or closing the ledger for a moment: wait, as writers do.
        config.busyMode = .timeout(30)
        do {
            let queue = try readOnly ? openReadOnlyQueue(path: path) : DatabaseQueue(path: path, configuration: config)
            let pending = try queue.read { db in
                let applicationID = try Int32.fetchOne(db.cachedStatement(sql: "PRAGMA application_id")) ?? 0
                guard applicationID == LedgerSchema.applicationID else {
                    if try holdsLedgerTables(db) {
                        throw StoreError.damaged(
                            path: path,
                            reason: "its header's application_id is \(applicationID), not WeightLedger's, but it holds "
                                + "a ledger's tables (the header was changed)")
                    }
                    throw StoreError.notALedger(
                        path: path,
                        reason: "an SQLite database of another application (application_id \(applicationID))")
                }
                let migrator = LedgerSchema.migrator
                if try migrator.hasBeenSuperseded(db) {
                    let known = Set(migrator.migrations)
                    let applied = try migrator.appliedIdentifiers(db)
                    let unknown = applied.subtracting(known).sorted()
                    // A newer binary applies every migration this one knows, then its own; a
                    // record of ours gone missing beside an unknown one is a damaged record.
                    guard known.isSubset(of: applied) else {
                        throw StoreError.damaged(
                            path: path,
                            reason: "its record of applied migrations is damaged (unknown: "
                                + "\(unknown.map { Row.shown($0.databaseValue) }.joined(separator: ", ")); missing: "
                                + "\(known.subtracting(applied).sorted().joined(separator: ", ")))")
                    }
                    throw StoreError.newerSchema(path: path, unknownMigrations: unknown)
                }
                return try !migrator.hasCompletedMigrations(db)
            }
            try queue.close()
            return pending
        } catch let error as DatabaseError {
            if error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
                throw StoreError.busy(path: path)
            }
            let code = error.resultCode.primaryResultCode
            if damagedCodes.contains(code), code != .SQLITE_NOTADB || hasSQLiteHeader(path) {
                throw StoreError.damaged(path: path, reason: error.message ?? "SQLite error \(error.resultCode)")
            }
            let reason =
                code == .SQLITE_NOTADB
                ? "not an SQLite database" : (error.message ?? "SQLite error \(error.resultCode)")
            throw StoreError.notALedger(path: path, reason: reason)
        }
    }

    /// Whether an SQLite database holds the tables every ledger has.
    private static func holdsLedgerTables(_ db: Database) throws -> Bool {
        try Int.fetchOne(
            db,
            sql: "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('events', 'merkle_nodes', "
                + "'grdb_migrations')") == 3
    }

    /// Whether the file starts like an SQLite database (at least 12 of the 16 bytes of its magic
    /// string): a file SQLite then refuses is a damaged database, not some other kind of file.
    private static func hasSQLiteHeader(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let start = (try? handle.read(upToCount: 16)) ?? Data()
        let magic = Array("SQLite format 3\u{0}".utf8)
        guard start.count == magic.count else { return false }
        return zip(start, magic).filter { $0 == $1 }.count >= 12
    }

    /// A read-only connection to `path`: `mode=ro`, or `immutable=1` when SQLite cannot open
    /// the write-ahead log's index read-only (a directory it cannot create `-shm` in).
    static func openReadOnlyQueue(path: String) throws -> DatabaseQueue {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(30)
        do {
            let queue = try DatabaseQueue(path: LedgerFile.readOnlyURI(path, immutable: false), configuration: config)
            _ = try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM sqlite_master") }
            return queue
        } catch let error as DatabaseError
            where [.SQLITE_CANTOPEN, .SQLITE_READONLY].contains(error.resultCode.primaryResultCode)
        {
            return try DatabaseQueue(path: LedgerFile.readOnlyURI(path, immutable: true), configuration: config)
        }
    }

    /// Opens a ledger this process cannot write (`reason` says why).
    private static func openReadOnly(path: String, reason: String) throws -> SQLiteLedger {
        do {
            return try SQLiteLedger(path: path, readOnlyDatabase: try openReadOnlyQueue(path: path), reason: reason)
        } catch let error as DatabaseError {
            throw StoreError.damaged(path: path, reason: error.message ?? "SQLite error \(error.resultCode)")
        }
    }

    /// Runs `body` in a read transaction: a consistent snapshot while writers go on.
    public func read<T>(_ body: (any LedgerReading) throws -> T) throws -> T {
        do {
            return try database.read { db in try body(SQLiteReader(db: db)) }
        } catch {
            throw classified(error)
        }
    }

    /// What an error from the file means for the caller: a page SQLite cannot read, or a value
    /// that does not decode, is a damaged ledger (exit 3) naming this file; others pass through.
    func classified(_ error: Error) -> Error { Self.classified(error, path: path) }

    /// `classified` for the file at `path`.
    static func classified(_ error: Error, path: String) -> Error {
        switch error {
        case let error as StoreError:
            return error.naming(path)
        case let error as DatabaseError where damagedCodes.contains(error.resultCode.primaryResultCode):
            return StoreError.damaged(path: path, reason: error.message ?? "SQLite error \(error.resultCode)")
        case let error as DatabaseError where error.resultCode.primaryResultCode == .SQLITE_FULL:
            return StoreError.full(path: path)
        case let error as DatabaseError where error.resultCode.primaryResultCode == .SQLITE_READONLY:
            return StoreError.readOnly(path: path, reason: error.message ?? "SQLite error \(error.resultCode)")
        case is RowDecodingError:
            return StoreError.damaged(path: path, reason: "\(error)")
        default:
            return error
        }
    }

    /// SQLite's answers for a file it cannot read as the database it claims to be.
    /// (`SQLITE_ERROR` too: the ledger's queries are fixed, so "no such column" means its schema was changed.)
    static let damagedCodes: [ResultCode] = [.SQLITE_CORRUPT, .SQLITE_NOTADB, .SQLITE_FORMAT, .SQLITE_ERROR]

    /// Runs `body` in one IMMEDIATE write transaction: everything it appends commits together,
    /// or, if it throws, nothing does. On a shared ledger (`concurrentReaders`) the transaction is
    /// a savepoint inside a group commit; either way it has returned only once durable.
    public func write<T>(_ body: (any LedgerWriting) throws -> T) throws -> T {
        if let readOnly { throw StoreError.readOnly(path: path, reason: readOnly) }
        do {
            if let groupCommit {
                return try withoutActuallyEscaping(body) { body in
                    var result: T?
                    try groupCommit.write { db in result = try body(SQLiteWriter(db: db)) }
                    return result!
                }
            }
            var result: T?
            try GroupCommit.transaction(database, source: source) { db in result = try body(SQLiteWriter(db: db)) }
            return result!
        } catch {
            throw classified(error)
        }
    }

    /// Runs `body` in one write transaction outside the mirrored store's (`mirroring`): how a
    /// mirror catches up with events its source already holds, and how `copy` fills a file.
    public func replicate<T>(_ body: (any LedgerWriting) throws -> T) throws -> T {
        if let readOnly { throw StoreError.readOnly(path: path, reason: readOnly) }
        do {
            var result: T?
            try GroupCommit.transaction(database, source: nil) { db in result = try body(SQLiteWriter(db: db)) }
            return result!
        } catch {
            throw classified(error)
        }
    }

    /// Runs `body` inside the next group commit without holding a thread while it waits: its
    /// appends join the batch's transaction (in a savepoint of their own), and the result is
    /// returned once that transaction is on disk. On a ledger opened without
    /// `concurrentReaders`, a plain `write`.
    public func writeInBatch<T: Sendable>(_ body: @escaping @Sendable (any LedgerWriting) throws -> T) async throws -> T
    {
        if let readOnly { throw StoreError.readOnly(path: path, reason: readOnly) }
        guard let groupCommit else { return try write(body) }
        let box = ResultBox<T>()
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, Error>) in
            groupCommit.submit({ db in box.result = try body(SQLiteWriter(db: db)) }) { error in
                if let error {
                    continuation.resume(throwing: self.classified(error))
                } else {
                    continuation.resume(returning: box.result!)
                }
            }
        }
    }

    /// An exclusive flock on `<ledger>.audit-lock`, released when the process ends however it
    /// ends (no stale lock files to clean up after a crash).
    public func lock(_ purpose: LedgerLockPurpose, wait: Bool) throws -> any LedgerLock {
        try FileLock(
            path: path + ".\(purpose.rawValue)-lock", ledger: path, purpose: purpose, wait: wait,
            readOnly: readOnly != nil)
    }

    /// An empty in-memory ledger with the same tables, compared with this file's by `ATTACH`.
    public func makeReplay() throws -> any LedgerReplay {
        try SQLiteReplay(storedPath: attachable)
    }

    /// `integrity_check` and `foreign_key_check` on a read-only connection of their own: at 1 M
    /// artifacts they take about 10 s, which `verify` spends while it streams the log.
    public func storageChecksApart() -> (@Sendable () throws -> [IntegrityProblem])? {
        let path = path
        return {
            do {
                let queue = try Self.openReadOnlyQueue(path: path)
                defer { try? queue.close() }
                return try queue.read { try SQLiteReader(db: $0).storageProblems(thorough: true) }
            } catch {
                throw Self.classified(error, path: path)
            }
        }
    }

    /// SQLite's `PRAGMA data_version` on a connection that never writes: it changes whenever any
    /// other connection (this process's pool, another process) commits. Nil unless opened with
    /// `concurrentReaders`, or when the ledger is busy.
    public func changeToken() -> Int64? {
        try? changes?.inDatabase { try Int64.fetchOne($0, sql: "PRAGMA data_version") } ?? nil
    }

    /// Copies the ledger page by page into the new file `path` (SQLite's online backup API), in
    /// one step so the copy is one snapshot, then closes the copy (durable, no journal left).
    func backup(to path: String) throws {
        var config = Configuration()
        config.busyMode = .timeout(30)
        let copy = try DatabaseQueue(path: path, configuration: config)
        do {
            try database.backup(to: copy)
            try copy.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
            try copy.close()
        } catch {
            try? copy.close()
            throw error
        }
    }

    /// Each group commit's size, when opened for a server.
    public func observeCommitBatches(_ observer: @escaping @Sendable (Int) -> Void) {
        groupCommit?.observe(observer)
    }

    /// Closes the database, checkpointing the write-ahead log into the main file.
    public func close() throws {
        checkpointer?.stop()
        try changes?.close()
        try database.close()
    }
}

/// Carries a result from the writer thread to the awaiting task (written before `done` runs).
private final class ResultBox<T>: @unchecked Sendable {
    var result: T?
}
