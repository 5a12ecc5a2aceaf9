import Foundation
import LedgerSQLite
import LedgerStore
import PostgresNIO

/// A ledger in PostgreSQL, shared by any number of processes: the log (events and the Merkle
/// tree's subtrees) lives in the database, appended under an advisory lock; each process keeps a
/// mirror, an SQLite ledger file holding the same events and the projections made from them, and
/// answers reads from it after catching it up. The mirror is a cache that can be deleted (it is
/// rebuilt from the log) and a witness: a log that lost or rewrote events it holds is refused.
public final class PostgresLedger: LedgerStore, @unchecked Sendable {
    /// The database.
    public let address: PostgresAddress
    let pool: PostgresPool
    let mirror: SQLiteLedger

    /// The database's URL without its password.
    public var location: String { address.description }
    /// The mirror file's path.
    public var mirrorPath: String { mirror.path }

    private init(address: PostgresAddress, pool: PostgresPool, mirror: SQLiteLedger) {
        self.address = address
        self.pool = pool
        self.mirror = mirror
    }

    /// Opens the ledger in the database at `address`, its mirror at `mirrorPath` (created when
    /// missing). The database's schema must be current (`weightledger migrate`); an empty one is
    /// `StoreError.noLedger` for `.existing`. `shared`: for the server (a pool of connections to the
    /// mirror and group commit).
    public static func open(
        address: PostgresAddress, mode: OpenMode, mirrorPath: String, shared: Bool = false
    )
        throws -> PostgresLedger
    {
        let pool = PostgresPool(address)
        do {
            let count: Int64 = try pool.with { session in
                switch try PostgresSchema.standing(session, place: address.description) {
                case .empty:
                    throw StoreError.unavailable(
                        path: address.description,
                        reason: "the database has no ledger schema: run 'weightledger migrate --database URL' first")
                case .pending(let ids):
                    throw StoreError.unavailable(
                        path: address.description,
                        reason: "the database's schema is older than this binary (pending: "
                            + "\(ids.joined(separator: ", "))): run 'weightledger migrate --database URL'")
                case .current:
                    return try PostgresLog(session: session).count()
                }
            }
            if count == 0, mode == .existing { throw StoreError.noLedger(path: address.description) }
            try FileManager.default.createDirectory(
                atPath: (mirrorPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
            let mirror = try SQLiteLedger.open(
                path: mirrorPath, mode: .createIfMissing, concurrentReaders: shared,
                mirroring: PostgresAppender(pool: pool, mirrorPath: mirrorPath))
            let ledger = PostgresLedger(address: address, pool: pool, mirror: mirror)
            try ledger.catchUp()
            return ledger
        } catch {
            pool.close()
            throw PostgresFailure.classify(error, address: address)
        }
    }

    /// Brings the mirror up to the log, `Mirror.batch` events per transaction; checks that the
    /// mirror is a prefix of the log first.
    func catchUp() throws {
        try pool.with { session in
            let log = PostgresLog(session: session)
            var behind = true
            while behind {
                behind = try mirror.replicate { writer in
                    let size = try Mirror.catchUp(
                        writer, from: log, place: location, mirrorPath: mirror.path, limit: Mirror.batch)
                    return try writer.reader.eventCount() < size
                }
            }
        }
    }

    /// Reads from the mirror once it holds every event the log had when the read began.
    public func read<T>(_ body: (any LedgerReading) throws -> T) throws -> T {
        let size = try pool.with { try PostgresLog(session: $0).count() }
        let held = try mirror.read { try $0.eventCount() }
        if held != size { try catchUp() }
        return try mirror.read { local in
            try body(PostgresReader(local: local, pool: pool, size: try local.eventCount(), mirrorPath: mirror.path))
        }
    }

    /// One write transaction on the mirror inside one in PostgreSQL (`PostgresAppender`).
    public func write<T>(_ body: (any LedgerWriting) throws -> T) throws -> T {
        try mirror.write(body)
    }

    /// The next group commit of the mirror, inside one transaction in PostgreSQL for the batch.
    public func writeInBatch<T: Sendable>(_ body: @escaping @Sendable (any LedgerWriting) throws -> T) async throws -> T
    {
        try await mirror.writeInBatch(body)
    }

    /// A session-level advisory lock on a connection of its own: released when dropped, and by
    /// the server when the connection ends, however the process ends.
    public func lock(_ purpose: LedgerLockPurpose, wait: Bool) throws -> any LedgerLock {
        try PostgresLock(pool: pool, purpose: purpose, wait: wait)
    }

    /// The replay is compared with the mirror's projections (made from the same events).
    public func makeReplay() throws -> any LedgerReplay {
        try mirror.makeReplay()
    }

    /// The mirror's group commits, each one transaction of the database's.
    public func observeCommitBatches(_ observer: @escaping @Sendable (Int) -> Void) {
        mirror.observeCommitBatches(observer)
    }

    /// Closes the mirror and the connections.
    public func close() throws {
        try mirror.close()
        pool.close()
    }

    /// Sessions in the database: every server of the ledger sees every sign-in.
    public func sessionStore() -> (any SessionStore)? {
        PostgresSessions(pool: pool)
    }

    /// The log's size: it changes whenever any process appends.
    public func changeToken() -> Int64? {
        try? pool.with { try PostgresLog(session: $0).count() }
    }
}

/// The audit lock (`pg_advisory_lock`), held by a connection kept open until the lock is dropped.
final class PostgresLock: LedgerLock, @unchecked Sendable {
    private let session: PostgresSession
    private let pool: PostgresPool

    init(pool: PostgresPool, purpose: LedgerLockPurpose, wait: Bool) throws {
        let session = try pool.take()
        let key = PostgresSchema.auditLock
        do {
            if wait {
                try session.run("SELECT pg_advisory_lock(\(key))")
            } else if try session.value("SELECT pg_try_advisory_lock(\(key))", as: Bool.self) != true {
                throw StoreError.locked(path: pool.address.description, purpose: purpose.rawValue)
            }
        } catch {
            pool.discard(session)
            throw PostgresFailure.classify(error, address: pool.address)
        }
        self.session = session
        self.pool = pool
    }

    /// Closing the connection releases the lock (and gives its slot back).
    deinit {
        pool.discard(session)
    }
}
