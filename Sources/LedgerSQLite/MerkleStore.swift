import Foundation
import GRDB
import LedgerCore
import LedgerStore
import TransparencyLog

/// The stored tree: appends keep it up to date in O(log n) rows; proofs read O(log² n) rows at most.
struct MerkleStore: SubtreeSource {
    let db: Database

    func subtree(level: Int, index: UInt64) throws -> [UInt8] {
        guard
            let hash = try Data.fetchOne(
                db.cachedStatement(sql: "SELECT hash FROM merkle_nodes WHERE level = ? AND idx = ?"),
                arguments: [level, Int64(index)])
        else {
            throw MerkleError.missingSubtree(level: level, index: index)
        }
        return Array(hash)
    }

    /// Adds leaf `index` and every perfect subtree it completes.
    func append(leafHash: [UInt8], index: UInt64) throws {
        var hash = leafHash
        var level = 0
        var position = index
        let insert = try db.cachedStatement(sql: "INSERT INTO merkle_nodes (level, idx, hash) VALUES (?, ?, ?)")
        try insert.execute(arguments: [level, Int64(position), Data(hash)])
        while position & 1 == 1 {
            hash = Merkle.nodeHash(try subtree(level: level, index: position - 1), hash)
            level += 1
            position >>= 1
            try insert.execute(arguments: [level, Int64(position), Data(hash)])
        }
    }

    /// The leaf of event `seq` (events are numbered from 1).
    static func leafIndex(_ seq: Int64) throws -> UInt64 {
        guard seq >= 1 else { throw StoreError.damaged(path: "", reason: "an event is numbered \(seq)") }
        return UInt64(seq - 1)
    }

    /// Builds the tree of a ledger created before the tree existed (migration v4).
    func backfill() throws {
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: "SELECT seq, recorded_at, actor, type, payload FROM events ORDER BY seq"))
        while let row = try rows.next() {
            let seq: Int64 = try row.value("seq")
            let payload: String = try row.value("payload")
            try append(
                leafHash: Merkle.leafHash(
                    EventLeaf.bytes(
                        seq: seq, recordedAt: try row.value("recorded_at"), actor: try row.value("actor"),
                        type: try row.value("type"),
                        payload: Array(payload.utf8))), index: try Self.leafIndex(seq))
        }
    }
}
