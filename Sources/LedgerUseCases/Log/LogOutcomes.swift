import Foundation
import LedgerCore
import LedgerStore
import TransparencyLog

/// A recorded checkpoint: what it commits to, and the note.
public struct CheckpointOutcome: Sendable {
    /// What it commits to: origin, size, root.
    public let checkpoint: Checkpoint
    /// The signed note, or the bare checkpoint text when unsigned.
    public let note: String
    /// The `log.checkpoint` event that records it.
    public let event: Int64
    /// The key's verifier form (Go sumdb/note), when signed.
    public let verifierKey: String?
}

/// An event's inclusion proof against the latest checkpoint, verified.
public struct InclusionOutcome: Sendable {
    /// The event proved.
    public let event: StoredEvent
    /// Its RFC 6962 leaf hash.
    public let leafHash: [UInt8]
    /// The audit path, in RFC 9162 order.
    public let proof: [[UInt8]]
    /// The checkpoint proved against.
    public let checkpoint: Checkpoint
    /// The event that recorded that checkpoint.
    public let checkpointEvent: Int64
}

/// The proof that today's log extends an earlier checkpoint, verified.
public struct ConsistencyOutcome: Sendable {
    /// The earlier checkpoint.
    public let old: Checkpoint
    /// Today's log size.
    public let newSize: UInt64
    /// Today's root.
    public let newRoot: [UInt8]
    /// The consistency proof, in RFC 9162 order.
    public let proof: [[UInt8]]
    /// Whether the proof verified.
    public let consistent: Bool
}
