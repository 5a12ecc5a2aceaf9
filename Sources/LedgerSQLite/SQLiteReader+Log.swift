import Foundation
import GRDB
import LedgerStore
import TransparencyLog

extension SQLiteReader {
    /// The stored Merkle tree.
    var merkle: any SubtreeSource { MerkleStore(db: db) }

    /// Every stored subtree by level then index, from one cursor.
    func forEachMerkleNode(_ body: (_ level: Int, _ index: Int64, _ hash: [UInt8]) throws -> Bool) throws {
        let nodes = try Row.fetchCursor(
            db.cachedStatement(sql: "SELECT level, idx, hash FROM merkle_nodes ORDER BY level, idx"))
        while let node = try nodes.next() {
            let hash: Data = try node.value("hash")
            guard try body(try node.value("level"), try node.value("idx"), Array(hash)) else { return }
        }
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
