import Foundation
import GRDB
import LedgerStore
import TransparencyLog

extension SQLiteReader {
    /// The stored Merkle tree.
    var merkle: any SubtreeSource { MerkleStore(db: db) }

    /// A page of one level's stored subtrees, by index.
    func merkleNodes(level: Int, from index: Int64, limit: Int) throws -> [(index: Int64, hash: [UInt8])] {
        try Row.fetchAll(
            db.cachedStatement(
                sql: "SELECT idx, hash FROM merkle_nodes WHERE level = ? AND idx >= ? ORDER BY idx LIMIT ?"),
            arguments: [level, index, limit]
        ).map { node in
            let hash: Data = try node.value("hash")
            return (try node.value("idx"), Array(hash))
        }
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
