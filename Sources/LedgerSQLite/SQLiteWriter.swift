import Foundation
import GRDB
import Hashing
import LedgerCore
import LedgerStore
import TransparencyLog

/// Appends events inside one SQLite write transaction, updating the projections with each.
///
/// Event numbers are `MAX(seq) + 1` read inside the IMMEDIATE transaction that inserts the
/// row: SQLite has one writer at a time, so numbers are dense and never taken twice (a trigger
/// refuses any other number).
struct SQLiteWriter: LedgerWriting {
    let db: Database

    /// Queries over the same transaction, so checks and writes see one state.
    var reader: any LedgerReading { SQLiteReader(db: db) }

    /// Appends one event and applies it to the projections. Returns its sequence number.
    @discardableResult
    func append(_ event: LedgerEvent, actor: String, at time: String) throws -> Int64 {
        let payload = try event.canonicalPayload()
        let seq = (try Int64.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(MAX(seq), 0) + 1 FROM events"))) ?? 1
        try db.run(
            sql:
                "INSERT INTO events (seq, recorded_at, actor, type, payload, payload_sha256) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [
                seq, time, actor, event.type, String(decoding: payload, as: UTF8.self), try SHA256.hash(payload).hex,
            ])
        let leaf = Merkle.leafHash(
            EventLeaf.bytes(seq: seq, recordedAt: time, actor: actor, type: event.type, payload: payload))
        try MerkleStore(db: db).append(leafHash: leaf, index: try MerkleStore.leafIndex(seq))
        try Projector(db: db).apply(event, seq: seq, time: time)
        return seq
    }
}
