import Foundation
import GRDB
import LedgerCore
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

    /// Builds the tree of a ledger created before the tree existed (migration v4).
    func backfill() throws {
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: "SELECT seq, recorded_at, actor, type, payload FROM events ORDER BY seq"))
        while let row = try rows.next() {
            let seq: Int64 = row["seq"]
            let payload: String = row["payload"]
            try append(
                leafHash: Merkle.leafHash(
                    EventLeaf.bytes(
                        seq: seq, recordedAt: row["recorded_at"], actor: row["actor"], type: row["type"],
                        payload: Array(payload.utf8))), index: UInt64(seq - 1))
        }
    }
}
