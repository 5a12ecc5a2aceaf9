import Foundation
import GRDB
import LedgerCore
import LedgerStore

/// The findings cache as an SQLite file of its own beside the ledger (or the mirror): never the
/// ledger file, so a reading command writes nothing the log, `verify` or a backup would see, and a
/// read-only ledger directory simply has no cache. Any error is the caller's to handle by
/// evaluating without it; a file of another format, or not a regular file, is not used.
public final class FindingsCacheFile: FindingsCache {
    /// The cache file's path (`LEDGER.findings`).
    public let path: String
    private let queue: DatabaseQueue

    /// The format of the file's tables; another format is discarded and rebuilt.
    static let format = 4

    /// Opens the cache at `path`, creating it (mode 600) when missing; a regular file that is not
    /// a cache of this format (damaged, another format) is deleted and made again. Refuses a
    /// symbolic link or anything else that is not a regular file.
    public init(path: String) throws {
        self.path = path
        do {
            queue = try Self.open(path)
        } catch let error as DatabaseError where Self.isBusy(error) {
            throw StoreError.busy(path: path)
        } catch let error as StoreError {
            throw error
        } catch {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            queue = try Self.open(path)
        }
    }

    private static func open(_ path: String) throws -> DatabaseQueue {
        if let type = try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType,
            type != .typeRegular
        {
            throw StoreError.unavailable(path: path, reason: "the findings cache is not a regular file")
        }
        if !FileManager.default.fileExists(atPath: path) {
            let descriptor = Glibc.open(path, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW, 0o600)
            guard descriptor >= 0 else {
                throw StoreError.unavailable(path: path, reason: String(cString: strerror(errno)))
            }
            close(descriptor)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(2)
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            if version == Self.format { return }
            let tables = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") ?? 0
            guard version == 0, tables == 0 else {
                throw DatabaseError(resultCode: .SQLITE_NOTADB, message: "a findings cache of format \(version)")
            }
            try db.inTransaction {
                try db.execute(
                    sql: """
                        CREATE TABLE state (
                            id INTEGER PRIMARY KEY CHECK (id = 1), ledger TEXT NOT NULL, inputs TEXT NOT NULL,
                            date TEXT NOT NULL, valid_from TEXT, valid_until TEXT, size INTEGER NOT NULL,
                            root BLOB NOT NULL, artifacts INTEGER NOT NULL, deployments INTEGER NOT NULL);
                        CREATE TABLE open_findings (
                            artifact INTEGER NOT NULL, position INTEGER NOT NULL, dated INTEGER NOT NULL,
                            entry BLOB NOT NULL, PRIMARY KEY (artifact, position));
                        CREATE TABLE informational_codes (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE);
                        CREATE TABLE informational_findings (
                            artifact INTEGER NOT NULL, code INTEGER NOT NULL, count INTEGER NOT NULL,
                            PRIMARY KEY (artifact, code)) WITHOUT ROWID;
                        CREATE TABLE informational_totals (code INTEGER PRIMARY KEY, count INTEGER NOT NULL);
                        PRAGMA user_version = \(Self.format);
                        """)
                return .commit
            }
        }
        return queue
    }

    /// What it was made from; nil when it is empty.
    public func state() throws -> FindingsCacheState? { try read { try $0.state() } }

    /// `body` on one read transaction.
    public func read<T>(_ body: (any FindingsCacheReading) throws -> T) throws -> T {
        try busyTold { try queue.read { db in try body(Snapshot(db: db)) } }
    }

    /// `body` in one immediate write transaction (waits up to 2 s for another run's).
    public func update(_ body: (any FindingsCacheUpdate) throws -> Void) throws {
        try busyTold {
            try queue.inTransaction(.immediate) { db in
                let update = Update(db: db, snapshot: Snapshot(db: db))
                try body(update)
                try update.flushTotals()
                return .commit
            }
        }
    }

    /// Another run holding the file is `StoreError.busy` (the caller evaluates without the cache
    /// and keeps it), told apart from a damaged file (discarded and made again).
    private func busyTold<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as DatabaseError where Self.isBusy(error) {
            throw StoreError.busy(path: path)
        }
    }

    private static func isBusy(_ error: DatabaseError) -> Bool {
        [.SQLITE_BUSY, .SQLITE_LOCKED].contains(error.resultCode.primaryResultCode)
    }

    /// Closes and deletes the file (and its WAL); the next run makes it again.
    public func discard() {
        try? queue.close()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    private struct Snapshot: FindingsCacheReading {
        let db: Database

        func state() throws -> FindingsCacheState? {
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM state WHERE id = 1") else { return nil }
            let root: Data = try row.value("root")
            return FindingsCacheState(
                ledger: try row.value("ledger"), inputs: try row.value("inputs"),
                date: try row.parsed("date", LedgerDate.init),
                from: try row.parsedIfPresent("valid_from", LedgerDate.init),
                until: try row.parsedIfPresent("valid_until", LedgerDate.init), size: try row.value("size"),
                root: Array(root), artifacts: try row.value("artifacts"), deployments: try row.value("deployments"))
        }

        func forEachOpen(_ body: (Int64, [UInt8]) throws -> Void) throws {
            let rows = try Row.fetchCursor(
                db, sql: "SELECT artifact, entry FROM open_findings ORDER BY artifact, position")
            while let row = try rows.next() {
                let entry: Data = try row.value("entry")
                try body(try row.value("artifact"), Array(entry))
            }
        }

        func datedArtifacts() throws -> [Int64] {
            try Int64.fetchAll(db, sql: "SELECT DISTINCT artifact FROM open_findings WHERE dated = 1 ORDER BY artifact")
        }

        func informational() throws -> [String: Int] {
            var counts: [String: Int] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT c.code AS code, t.count AS count FROM informational_totals t
                    JOIN informational_codes c ON c.id = t.code WHERE t.count > 0
                    """)
            while let row = try rows.next() { counts[try row.value("code")] = try row.value("count") }
            return counts
        }
    }

    /// One transaction's changes. Informational findings are counted per artifact (by a code's
    /// number) and in running totals per code, so a run reads a handful of totals, not a row per
    /// finding; the totals' changes are written once, when the transaction ends.
    private final class Update: FindingsCacheUpdate {
        let db: Database
        let snapshot: Snapshot
        private var codes: [String: Int64] = [:]
        private var totals: [Int64: Int] = [:]

        init(db: Database, snapshot: Snapshot) {
            self.db = db
            self.snapshot = snapshot
        }

        func state() throws -> FindingsCacheState? { try snapshot.state() }
        func forEachOpen(_ body: (Int64, [UInt8]) throws -> Void) throws { try snapshot.forEachOpen(body) }
        func informational() throws -> [String: Int] { try snapshot.informational() }
        func datedArtifacts() throws -> [Int64] { try snapshot.datedArtifacts() }

        func clear() throws {
            try db.execute(
                sql: """
                    DELETE FROM open_findings; DELETE FROM informational_findings; DELETE FROM informational_totals;
                    DELETE FROM state
                    """)
            totals = [:]
        }

        func remove(artifact: Int64) throws {
            try db.cachedStatement(sql: "DELETE FROM open_findings WHERE artifact = ?").execute(arguments: [artifact])
            let rows = try Row.fetchCursor(
                db.cachedStatement(sql: "SELECT code, count FROM informational_findings WHERE artifact = ?"),
                arguments: [artifact])
            while let row = try rows.next() {
                let code: Int64 = try row.value("code")
                totals[code, default: 0] -= try row.value("count") as Int
            }
            try db.cachedStatement(sql: "DELETE FROM informational_findings WHERE artifact = ?").execute(
                arguments: [artifact])
        }

        func addOpen(artifact: Int64, position: Int, dated: Bool, entry: [UInt8]) throws {
            try db.cachedStatement(
                sql: "INSERT INTO open_findings (artifact, position, dated, entry) VALUES (?, ?, ?, ?)"
            ).execute(arguments: [artifact, position, dated, Data(entry)])
        }

        func addInformational(artifact: Int64, code: String) throws {
            let number = try self.number(of: code)
            try db.cachedStatement(
                sql: """
                    INSERT INTO informational_findings (artifact, code, count) VALUES (?, ?, 1)
                    ON CONFLICT (artifact, code) DO UPDATE SET count = count + 1
                    """
            ).execute(arguments: [artifact, number])
            totals[number, default: 0] += 1
        }

        private func number(of code: String) throws -> Int64 {
            if let known = codes[code] { return known }
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO informational_codes (code) VALUES (?)").execute(
                arguments: [code])
            guard
                let number = try Int64.fetchOne(
                    db.cachedStatement(sql: "SELECT id FROM informational_codes WHERE code = ?"), arguments: [code])
            else { throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "informational code lost") }
            codes[code] = number
            return number
        }

        /// Writes the totals' changes.
        func flushTotals() throws {
            for (code, delta) in totals where delta != 0 {
                try db.cachedStatement(
                    sql: """
                        INSERT INTO informational_totals (code, count) VALUES (?, ?)
                        ON CONFLICT (code) DO UPDATE SET count = count + excluded.count
                        """
                ).execute(arguments: [code, delta])
            }
            totals = [:]
        }

        func setState(_ state: FindingsCacheState) throws {
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO state
                        (id, ledger, inputs, date, valid_from, valid_until, size, root, artifacts, deployments)
                    VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    state.ledger, state.inputs, state.date.description, state.from?.description,
                    state.until?.description, state.size, Data(state.root), state.artifacts, state.deployments,
                ])
        }
    }
}
