import LedgerCore

/// What ties a report to the tamper-evident log: the log's size and root when it was built, every
/// event the report rests on with its inclusion proof, and when the ledger was last audited and
/// checkpointed. A third party checks a filed report with these alone (schema/log.md):
/// SHA-256(0x00 ‖ entry) is the leaf, and the proof leads from it to `rootHash` at `treeSize`.
public struct LogEvidence: Sendable {
    /// The ledger's identifier (its `ledger.created` event).
    public let ledgerID: String
    /// Events in the log when the report was built.
    public let treeSize: Int64
    /// The log's root at `treeSize` (RFC 6962).
    public let rootHash: [UInt8]
    /// Every event the report rests on, in log order, each with its inclusion proof.
    public let events: [ProvenEvent]
    /// The most recent audit (which verified the whole log), if any.
    public let lastAudit: AuditStanding?
    /// The most recent checkpoint recorded in the ledger, with the proof that the report's log extends it.
    public let checkpoint: CheckpointStanding?

    /// Evidence with every field given.
    public init(
        ledgerID: String, treeSize: Int64, rootHash: [UInt8], events: [ProvenEvent], lastAudit: AuditStanding?,
        checkpoint: CheckpointStanding?
    ) {
        self.ledgerID = ledgerID
        self.treeSize = treeSize
        self.rootHash = rootHash
        self.events = events
        self.lastAudit = lastAudit
        self.checkpoint = checkpoint
    }
}

/// One event a report rests on, as the log holds it, with its RFC 9162 inclusion proof.
public struct ProvenEvent: Sendable {
    /// Its number (leaf index + 1).
    public let seq: Int64
    /// Its type (`artifact.registered`, …).
    public let type: String
    /// The exact leaf bytes (canonical JSON of seq, time, actor, type and payload; schema/log.md).
    public let entry: String
    /// SHA-256(0x00 ‖ entry).
    public let leafHash: [UInt8]
    /// The audit path from the leaf to the root at the evidence's tree size.
    public let proof: [[UInt8]]
}

/// The last audit as its event recorded it.
public struct AuditStanding: Sendable {
    /// Its event.
    public let seq: Int64
    /// When it was recorded.
    public let recordedAt: String
    /// `clean`, `findings` or `integrity-failure`.
    public let status: String
    /// `all`, `stale` or `none`: which stored bytes it re-hashed.
    public let rehash: String
    /// The log size it verified in full.
    public let treeSize: Int64
    /// Whether a signal stopped it before it finished.
    public let interrupted: Bool
}

/// The latest checkpoint recorded in the ledger and how the report's log extends it.
public struct CheckpointStanding: Sendable {
    /// Its event.
    public let seq: Int64
    /// Its origin line.
    public let origin: String
    /// The log size it commits to.
    public let size: Int64
    /// The root it commits to.
    public let rootHash: [UInt8]
    /// Whether it was signed when recorded.
    public let signed: Bool
    /// RFC 9162 consistency proof from `size` to the evidence's tree size (empty when equal).
    public let consistency: [[UInt8]]
}
