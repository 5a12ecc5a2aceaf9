import Foundation
import Hashing
import LedgerStore
import PostgresNIO

/// Keeping a mirror (an SQLite ledger file) a copy of the log in PostgreSQL.
enum Mirror {
    /// An error from the mirror file itself that is not already a store error (a row that
    /// contradicts another: the file was edited) as a damaged mirror, saying how to rebuild it;
    /// the database's errors pass through.
    static func damaged(_ error: Error, mirror path: String) -> Error {
        if error is StoreError || error is PSQLError { return error }
        return StoreError.damaged(
            path: path,
            reason: "this mirror disagrees with itself (\(error)): it was changed; move it away and it is rebuilt "
                + "from the database")
    }

    /// Events appended to the mirror per transaction while it catches up from far behind.
    static let batch: Int64 = 10_000

    /// Appends the events after the mirror's last, once the mirror is shown to be a prefix of the
    /// log: the stored trees agree at the mirror's size. A mirror longer than the log, or one that
    /// disagrees with it, is an integrity failure naming both (the log lost or rewrote events).
    /// Returns the log's size.
    /// `mirrorPath`: the mirror's, for an error the mirror itself raises (`damaged`).
    @discardableResult
    static func catchUp(
        _ mirror: any LedgerWriting, from log: PostgresLog, place: String, mirrorPath: String, limit: Int64 = .max
    ) throws -> Int64 {
        do {
            return try catchUp(mirror, from: log, place: place, limit: limit)
        } catch {
            throw damaged(error, mirror: mirrorPath)
        }
    }

    private static func catchUp(
        _ mirror: any LedgerWriting, from log: PostgresLog, place: String, limit: Int64
    )
        throws -> Int64
    {
        let held = try mirror.reader.eventCount()
        let size = try log.count()
        try checkPrefix(held: held, size: size, mirror: mirror.reader, log: log, place: place)
        var after = held
        let end = min(size, held > Int64.max - limit ? Int64.max : held + limit)
        while after < end {
            let page = try log.events(after: after, upTo: end)
            guard let last = page.last else {
                throw StoreError.damaged(
                    path: place, reason: "it holds \(size) events but event \(after + 1) is missing (events deleted)")
            }
            for event in page { try mirror.replicate(event) }
            after = last.seq
        }
        return size
    }

    /// The mirror (`held` events) must be a prefix of the log (`size` events).
    static func checkPrefix(
        held: Int64, size: Int64, mirror: any LedgerReading, log: PostgresLog, place: String
    )
        throws
    {
        guard held > 0 else { return }
        // A mirror of another ledger (a database dropped and made again under the same URL) is named as such.
        if size > 0, let first = try log.events(after: 0, upTo: 1).first,
            let ours = try mirror.events(1...1).first, ours.payloadSHA256 != first.payloadSHA256
        {
            throw StoreError.damaged(
                path: place,
                reason: "it holds another ledger than this process's mirror (ledger "
                    + "\((try? mirror.ledgerID()).flatMap { $0 } ?? "?")): move the mirror away (or set "
                    + "WEIGHTLEDGER_MIRROR) to read this one")
        }
        guard held <= size else {
            throw StoreError.damaged(
                path: place,
                reason: "it holds \(size) events, but this process's mirror holds \(held) read from it: the "
                    + "database lost events (restored from an older backup, or failed over to a replica that was "
                    + "behind); the mirror keeps them (docs/postgresql.md, \"Failover\")")
        }
        let ours = try mirror.merkle.root(size: UInt64(held))
        guard let theirs = try log.root(size: held) else {
            throw StoreError.damaged(path: place, reason: "its Merkle tree is missing subtrees at size \(held)")
        }
        guard ours == theirs else {
            let ourID = (try? mirror.ledgerID()).flatMap { $0 } ?? "unknown"
            throw StoreError.damaged(
                path: place,
                reason: "its first \(held) events do not hash to the root this process's mirror holds "
                    + "(\(Digest(bytes: theirs).hex.prefix(16))… against \(Digest(bytes: ours).hex.prefix(16))…; "
                    + "the mirror's ledger is \(ourID)): the database's events were rewritten, or it is another "
                    + "ledger (move the mirror away to start a new one)")
        }
    }
}
