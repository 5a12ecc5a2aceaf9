import Foundation
import GRDB
import TransparencyLog

extension LedgerReader {
    /// The stored Merkle tree.
    public var merkle: MerkleStore { MerkleStore(db: db) }

    /// The most recent recorded checkpoint and the event that recorded it.
    public func latestCheckpoint() throws -> (checkpoint: Checkpoint, seq: Int64, signedNote: String?)? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM checkpoints ORDER BY seq DESC LIMIT 1")) else { return nil }
        let root: String = row["root_hash"], size: Int64 = row["size"]
        return (Checkpoint(origin: row["origin"], size: UInt64(size), rootHash: Array(Data(base64Encoded: root) ?? Data())), row["seq"], row["signed_note"])
    }
}
