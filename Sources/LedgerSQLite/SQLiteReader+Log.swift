import Foundation
import GRDB
import LedgerStore
import TransparencyLog

extension SQLiteReader {
    /// The stored Merkle tree.
    var merkle: any SubtreeSource { MerkleStore(db: db) }

    /// A page of one level's stored subtrees, by index.
    func merkleNodes(level: Int, from index: Int64, limit: Int) throws -> [(index: Int64, hash: [UInt8])] {
        var nodes: [(index: Int64, hash: [UInt8])] = []
        nodes.reserveCapacity(min(limit, 4_096))
        try db.forEachRow(
            "SELECT idx, hash FROM merkle_nodes WHERE level = ? AND idx >= ? ORDER BY idx LIMIT ?", level, index, limit
        ) { row in
            guard let index = row.int64(0), let hash = row.blob(1) ?? row.text(1).map({ Array($0.utf8) }) else {
                throw StoreError.damaged(
                    path: "", reason: "table merkle_nodes: a subtree at level \(level) is not a number and a hash")
            }
            nodes.append((index, hash))
            return true
        }
        return nodes
    }

    /// How many subtrees are stored.
    func merkleNodeCount() throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM merkle_nodes")) ?? 0
    }

    /// Every recorded checkpoint, oldest first.
    func checkpoints() throws -> [RecordedCheckpoint] {
        try Row.fetchAll(
            db.cachedStatement(sql: "SELECT seq, origin, size, root_hash, signed_note FROM checkpoints ORDER BY seq")
        )
        .map(Self.checkpoint)
    }

    /// The most recent recorded checkpoint.
    func latestCheckpoint() throws -> RecordedCheckpoint? {
        try Row.fetchOne(
            db.cachedStatement(
                sql: "SELECT seq, origin, size, root_hash, signed_note FROM checkpoints ORDER BY seq DESC LIMIT 1")
        )
        .map(Self.checkpoint)
    }

    private static func checkpoint(_ row: Row) throws -> RecordedCheckpoint {
        RecordedCheckpoint(
            seq: try row.value("seq"), origin: try row.value("origin"), size: try row.value("size"),
            storedRoot: try row.value("root_hash"), signedNote: try row.value("signed_note"))
    }
}
