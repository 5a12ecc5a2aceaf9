import Foundation
import LedgerCore
import LedgerStore
import TransparencyLog

/// A recorded checkpoint: what it commits to, and the note.
public struct CheckpointOutcome: Sendable {
    public let checkpoint: Checkpoint
    /// The signed note, or the bare checkpoint text when unsigned.
    public let note: String
    public let event: Int64
    public let verifierKey: String?
}

public struct InclusionOutcome: Sendable {
    public let event: StoredEvent
    public let leafHash: [UInt8]
    public let proof: [[UInt8]]
    public let checkpoint: Checkpoint
    public let checkpointEvent: Int64
}

public struct ConsistencyOutcome: Sendable {
    public let old: Checkpoint
    public let newSize: UInt64
    public let newRoot: [UInt8]
    public let proof: [[UInt8]]
    public let consistent: Bool
}
