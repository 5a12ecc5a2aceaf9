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
        // The encoded bytes are let go once the text is made (a first audit's event is 100+ MB).
        let (text, sha256) = try { () throws -> (String, String) in
            let payload = try event.canonicalPayload()
            return (String(decoding: payload, as: UTF8.self), try SHA256.hash(payload).hex)
        }()
        let seq = try nextSeq()
        try insert(
            StoredEvent(
                seq: seq, recordedAt: time, actor: actor, type: event.type, payload: text, payloadSHA256: sha256),
            event: event)
        return seq
    }

    /// Appends an event stored elsewhere, byte for byte, once it is shown to be the next one and
    /// to decode to what its hash says.
    func replicate(_ stored: StoredEvent) throws {
        let expected = try nextSeq()
        guard stored.seq == expected else {
            throw StoreError.damaged(
                path: "", reason: "event \(stored.seq) arrived where event \(expected) was expected (events missing)")
        }
        guard try SHA256.hash(stored.payload.utf8).hex == stored.payloadSHA256 else {
            throw StoreError.damaged(
                path: "",
                reason: "event \(stored.seq): its payload does not match its recorded SHA-256 (payload changed)")
        }
        let event: LedgerEvent
        do {
            event = try LedgerEvent.decode(type: stored.type, payloadText: stored.payload)
        } catch {
            throw StoreError.damaged(path: "", reason: "event \(stored.seq) (\(stored.type)) does not decode: \(error)")
        }
        try insert(stored, event: event)
    }

    private func nextSeq() throws -> Int64 {
        (try Int64.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(MAX(seq), 0) + 1 FROM events"))) ?? 1
    }

    /// The event row, its Merkle leaf and subtrees, its projection rows.
    private func insert(_ stored: StoredEvent, event: LedgerEvent) throws {
        try db.run(
            "INSERT INTO events (seq, recorded_at, actor, type, payload_sha256, payload) VALUES (?, ?, ?, ?, ?, ?)",
            stored.seq, stored.recordedAt, stored.actor, stored.type, stored.payloadSHA256, inPlace: stored.payload)
        try MerkleStore(db: db).append(leafHash: stored.leafHash, index: try MerkleStore.leafIndex(stored.seq))
        try Projector(db: db).apply(event, seq: stored.seq, time: stored.recordedAt)
    }
}
