import LedgerSQLite
import LedgerStore
import PostgresNIO

/// Appends to the log in PostgreSQL around each write transaction of the mirror (`MirrorSource`):
/// every writer of every process takes the append lock (a transaction-scoped advisory lock) in
/// a transaction of its own, so numbers are taken one writer at a time and never twice; the
/// mirror is caught up inside it, the new events and subtrees inserted, and the transaction
/// committed (durably: `synchronous_commit` is on unless an operator turned it off) before the
/// mirror commits and before anyone is told "done".
final class PostgresAppender: MirrorSource {
    let pool: PostgresPool
    /// The mirror's path, for messages about it.
    let mirrorPath: String

    init(pool: PostgresPool, mirrorPath: String) {
        self.pool = pool
        self.mirrorPath = mirrorPath
    }

    func beginWrite() throws -> any MirrorWrite {
        let session = try pool.take()
        do {
            try session.run("BEGIN")
            try session.run("SELECT pg_advisory_xact_lock(\(PostgresSchema.appendLock))")
        } catch {
            pool.discard(session)
            throw PostgresFailure.classify(error, address: pool.address)
        }
        return PostgresAppend(session: session, pool: pool, mirrorPath: mirrorPath)
    }

    func catchUp(_ mirror: any LedgerWriting) throws {
        _ = try pool.with { session in
            try Mirror.catchUp(
                mirror, from: PostgresLog(session: session), place: pool.address.description, mirrorPath: mirrorPath)
        }
    }
}

/// One transaction in PostgreSQL, holding the append lock until it ends.
final class PostgresAppend: MirrorWrite {
    private var session: PostgresSession?
    private let pool: PostgresPool
    private let mirrorPath: String

    init(session: PostgresSession, pool: PostgresPool, mirrorPath: String) {
        self.session = session
        self.pool = pool
        self.mirrorPath = mirrorPath
    }

    func catchUp(_ mirror: any LedgerWriting) throws {
        guard let session else { return }
        try classified {
            try Mirror.catchUp(
                mirror, from: PostgresLog(session: session), place: pool.address.description, mirrorPath: mirrorPath)
        }
    }

    func commit(_ mirror: any LedgerWriting, after count: Int64) throws {
        guard let session else { return }
        try classified {
            let log = PostgresLog(session: session)
            let total = try mirror.reader.eventCount()
            var from = count
            while from < total {
                let upper = min(total, from + Int64(PostgresLog.pageSize))
                let events = try mirror.reader.events(from + 1...upper)
                var nodes: [(level: Int, index: Int64, hash: [UInt8])] = []
                for level in 0..<64 {
                    let first = from >> level
                    let end = upper >> level
                    guard end > first else { break }
                    let page = try mirror.reader.merkleNodes(level: level, from: first, limit: Int(end - first))
                    nodes += page.map { (level, $0.index, $0.hash) }
                }
                try log.append(events: events, nodes: nodes)
                from = upper
            }
            try session.run("COMMIT")
        }
        self.session = nil
        pool.give(session)
    }

    func rollBack() {
        guard let session else { return }
        self.session = nil
        do {
            try session.run("ROLLBACK")
            pool.give(session)
        } catch {
            pool.discard(session)
        }
    }

    private func classified(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch {
            throw PostgresFailure.classify(error, address: pool.address)
        }
    }
}
