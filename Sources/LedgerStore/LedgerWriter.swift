import Foundation
import GRDB
import Hashing
import LedgerCore

/// Appends events inside one write transaction, updating the projections with each.
public struct LedgerWriter {
    let db: Database

    /// Queries over the same transaction, so checks and writes see one state.
    public var reader: LedgerReader { LedgerReader(db: db) }

    /// Appends one event and applies it to the projections. Returns its sequence number.
    @discardableResult
    public func append(_ event: LedgerEvent, actor: String, at time: String) throws -> Int64 {
        try append(event, actor: actor, at: time, payload: try event.canonicalPayload())
    }

    /// Appends with the canonical payload already at hand (`verify` replays stored payloads).
    @discardableResult
    func append(_ event: LedgerEvent, actor: String, at time: String, payload: [UInt8]) throws -> Int64 {
        let seq = (try Int64.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(MAX(seq), 0) + 1 FROM events"))) ?? 1
        try db.run(sql: "INSERT INTO events (seq, recorded_at, actor, type, payload, payload_sha256) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [seq, time, actor, event.type, String(decoding: payload, as: UTF8.self), try SHA256.hash(payload).hex])
        try MerkleStore(db: db).append(leafHash: EventLeaf.hash(seq: seq, recordedAt: time, actor: actor, type: event.type, payload: payload),
                                       index: UInt64(seq - 1))
        try Projector(db: db).apply(event, seq: seq, time: time)
        return seq
    }

    /// Writes the `ledger.created` event if the ledger has no events yet.
    /// Returns true when it did.
    @discardableResult
    public func createIfNeeded(actor: String, at time: String) throws -> Bool {
        guard try reader.eventCount() == 0 else { return false }
        try append(.ledgerCreated(LedgerCreated(ledgerID: UUID().uuidString.lowercased())), actor: actor, at: time)
        return true
    }
}
